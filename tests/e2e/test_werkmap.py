"""The job-search log on a phone: add, duplicate warning, change, remove; axe on each page."""

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in


def _fill(page, organisation: str) -> None:
    page.get_by_label("Bedrijf of organisatie").fill(organisation)
    page.get_by_label("Baan", exact=True).fill("Verkoper")
    page.get_by_label("Hoe?").select_option(label="E-mail")


def test_log_on_a_phone(new_page, make_account):
    user = make_account(Role.APPLICANT)
    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    main_menu(page).get_by_role("link", name="Mijn logboek werk zoeken").click()
    expect(page.get_by_text("Uw logboek is nog leeg.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Toevoegen aan mijn logboek").click()
    check(page)
    _fill(page, "Bakkerij De Zon")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen: het staat in uw logboek.")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Toevoegen aan mijn logboek").click()
    check(page)
    _fill(page, "Bakkerij De Zon")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("U heeft dit al bijgehouden")
    expect(page.get_by_label("Bedrijf of organisatie")).to_have_value("Bakkerij De Zon")
    check(page)
    page.get_by_label("Ja, dit is een andere: voeg hem toch toe").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Bakkerij De Zon: Verkoper")).to_have_count(2)
    check(page)

    page.get_by_role("link", name="Mijn sollicitaties per week").click()
    expect(
        page.get_by_role("img", name="Sollicitaties per week, de laatste 8 weken")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="2", exact=True).first).to_be_visible()
    check(page)
    page.get_by_role("link", name="Terug naar mijn logboek").click()
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn logboek downloaden (CSV)").click()
    assert download.value.suggested_filename == "werkmap-logboek.csv"

    page.get_by_role("link", name="Bekijken of wijzigen").first.click()
    check(page)
    page.get_by_label("Status").select_option(label="Uitgenodigd voor een gesprek")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uitgenodigd voor een gesprek")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Bekijken of wijzigen").first.click()
    expect(page.get_by_role("heading", name="Statusgeschiedenis")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Dit item verwijderen").click()
    expect(page.get_by_text("Verwijderd uit uw logboek.")).to_be_visible()
    expect(page.get_by_role("heading", name="Bakkerij De Zon: Verkoper")).to_have_count(1)
    check(page)
