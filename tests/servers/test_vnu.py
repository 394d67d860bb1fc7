"""The test HTML checker works: it finds what the Nu Html Checker finds, and passes a clean page.

Marked e2e: the service starts once per browser-test session, which needs it anyway."""

import pytest

pytestmark = pytest.mark.e2e

CLEAN = (
    "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Test</title></head>"
    "<body><main><h1>Test</h1></main></body></html>"
)


def test_a_clean_page_has_no_errors(html_checker):
    assert html_checker.errors(CLEAN) == []


def test_duplicate_ids_and_a_required_select_without_an_empty_option_are_errors(html_checker):
    page = CLEAN.replace(
        "<h1>Test</h1>",
        "<form><input type=hidden id=csrf_token name=csrf_token value=1></form>"
        "<form><input type=hidden id=csrf_token name=csrf_token value=1>"
        "<label for=s>Dienst</label><select id=s name=s required><option value=1>A</option>"
        "</select></form>",
    )
    messages = [problem.message for problem in html_checker.errors(page)]
    assert any("Duplicate ID “csrf_token”" in m for m in messages), messages
    assert any("“select” element with a “required” attribute" in m for m in messages), messages
