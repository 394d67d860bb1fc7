"""The Dutch catalogue is always complete; extraction finds nothing it lacks."""

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PYBABEL = str(Path(sys.executable).parent / "pybabel")


def _catalogue(locale: str):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)


def _extracted(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [PYBABEL, "extract", "-F", "babel.cfg", "-k", "_l", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as f:
        return read_po(f)


def test_dutch_catalogue_has_every_extracted_message(tmp_path):
    nl = _catalogue("nl")
    missing = [m.id for m in _extracted(tmp_path) if m.id and nl.get(m.id, m.context) is None]
    assert missing == [], "run `portal translations extract` and `update`, then translate"


def test_dutch_catalogue_has_no_untranslated_or_fuzzy_entries():
    problems = []
    for message in _catalogue("nl"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == []


def test_english_catalogue_exists_for_every_message(tmp_path):
    en = _catalogue("en")
    assert [m.id for m in _extracted(tmp_path) if m.id and en.get(m.id, m.context) is None] == []


def test_placeholders_survive_translation():
    names = re.compile(r"%\((\w+)\)[sd]")
    for message in _catalogue("nl"):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(names.findall(ids[-1]))
        for string in strings:
            assert set(names.findall(string)) == wanted, message.id


def test_catalogues_compile(tmp_path):
    subprocess.run(
        [PYBABEL, "compile", "-d", "translations", "--statistics"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
