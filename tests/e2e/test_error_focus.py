"""After a failed submit focus is on the error summary (GOV.UK pattern), with and without
JavaScript; a link in the summary takes focus to its field."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check


def _focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no_script"])
def test_focus_moves_to_the_error_summary(new_page, javascript):
    page = new_page("phone", javascript=javascript)
    page.goto("/login")
    check(page)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul uw e-mailadres in.")
    check(page)
    assert _focused(page) == "error-summary"
    if javascript:
        page.get_by_role("link", name="Vul uw e-mailadres in.").click()
        assert _focused(page) == "email"
        label = page.locator("label[for=email]").bounding_box()
        assert label is not None and label["y"] >= 0  # the label is in view, not above it
