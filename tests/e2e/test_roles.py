"""Every role signs in and sees its own start page and menu, on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in

HEADINGS = {
    Role.APPLICANT: "Hallo Samira",
    Role.ECOACH: "Startpagina voor e-coaches",
    Role.STIP: "Startpagina voor STIP-vrijwilligers",
    Role.CONSULTANT: "Startpagina voor klantondersteuners",
    Role.TEAM_LEAD: "Startpagina voor teamleiders",
    Role.FUNCTIONAL_ADMIN: "Startpagina voor functioneel beheerders",
    Role.REPRESENTATIVE: "Voor wie ik handel",
    Role.MANAGEMENT: "Startpagina voor het management",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_signs_in_and_sees_its_menu(role, viewport, new_page, make_account):
    user = make_account(role, name="Samira El Amrani")
    page = new_page(viewport)
    page.goto("/")
    check(page)
    sign_in(page, user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[role])
    check(page)
    menu = main_menu(page)
    expect(menu.get_by_role("link", name="Mijn account")).to_be_visible()
    staff_link = menu.get_by_role("link", name="Accounts van medewerkers")
    if role is Role.TEAM_LEAD:
        expect(staff_link).to_be_visible()
        page.get_by_role("main").get_by_role("link", name="Accounts van medewerkers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Accounts van medewerkers")
        check(page)
    else:
        expect(staff_link).to_have_count(0)
    main_menu(page).get_by_role("link", name="Mijn account").click()
    expect(page.get_by_text(user.email).first).to_be_visible()
    check(page)
    main_menu(page).get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    check(page)


def test_other_roles_pages_are_refused(new_page, make_account):
    user = make_account(Role.APPLICANT)
    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    response = page.goto("/admin/accounts")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U heeft geen toegang tot deze pagina"
    )
    check(page)
    response = page.goto("/bestaat-niet")
    assert response.status == 404
    check(page)


def test_skip_link_comes_first_and_moves_to_the_content(new_page):
    page = new_page()
    page.goto("/login")
    check(page)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    check(page)
