"""Template rules a reviewer would otherwise have to remember."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).parents[2] / "portal" / "templates"


def test_no_template_renders_a_csrf_token_with_an_id():
    """`{{ form.csrf_token }}` renders id="csrf_token": on a page with two forms that is a
    duplicate id (the Nu Html Checker found it on 32 pages). Use csrf_token(id=False)."""
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(r"\{\{\s*\w+\.csrf_token\s*\}\}", path.read_text())
    ]
    assert found == []
