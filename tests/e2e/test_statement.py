"""The accessibility statement: reached from every page's footer, on a phone, by keyboard."""

from tests.e2e.conftest import check


def test_the_statement_is_in_the_footer_and_works_on_a_phone(new_page):
    page = new_page(viewport="phone")
    page.goto("/")
    check(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    page.wait_for_url("**/toegankelijkheid")
    check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Toegankelijkheidsverklaring"
    for heading in ("Status", "Zo testen wij", "Bekende problemen", "Contact"):
        assert page.get_by_role("heading", level=2, name=heading).is_visible()
    assert "axe-core" in page.inner_text("main")


def test_the_statement_can_be_read_and_used_by_keyboard(new_page):
    page = new_page(viewport="phone")
    page.goto("/toegankelijkheid")
    check(page)
    mail = page.locator('main a[href^="mailto:"]')
    for _ in range(40):
        page.keyboard.press("Tab")
        if mail.evaluate("link => link === document.activeElement"):
            break
    else:
        raise AssertionError("the mail link cannot be reached with the Tab key")
