"""The README stands alone and says what an operator needs: every setting, where things are."""

import re
from pathlib import Path

from portal.config import DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _configuration_table() -> str:
    start = README.index("### Configuration")
    return README[start : README.index("\n## ", start)]


def test_every_setting_is_in_the_configuration_table():
    """PORTAL_WEEKLY_NORM, PAGE_SIZE, the mail retry and argon2 settings were missing."""
    table = _configuration_table()
    assert [key for key in DEFAULTS if f"`{key}`" not in table] == []


def test_links_stay_inside_the_repository():
    """It linked to ../shared/…, which a reader of the repository does not have."""
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#]+)\)", document.read_text()):
            if re.match(r"[a-z]+:", target):
                continue
            assert (document.parent / target).resolve().is_relative_to(ROOT), target
            assert (document.parent / target).exists(), target


def test_facts_the_readme_states():
    """The questionnaire version is raised in portal/config.py; the school item is settled by
    the applicant's own answer; links in mails use PORTAL_BASE_URL (default port 5000)."""
    questionnaires = README[README.index("## Questionnaires") :]
    assert "`MAIN_QUESTIONNAIRE` in `portal/config.py`" in questionnaires
    assert "raise the version in `portal/intake/services.py`" not in README
    assert "startkwalificatie is derived from" not in README
    assert "http://127.0.0.1:5000" in _configuration_table()
