"""The functional administrator's screens in a browser, on a phone (375 px) and a desktop, with
axe on every page: texts (preview, diff, a refused placeholder, save, back to shipped),
questionnaires (an upload refused, a copy saved, compared and published), staff roles and
applicants' accounts (search, close, merge)."""

import pytest
from playwright.sync_api import expect

from portal.db import db
from portal.people import User
from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in


def _menu(page, name):
    main_menu(page).get_by_role("link", name=name).click()
    check(page)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_functional_admin_screens(new_page, make_account, live_app, viewport):
    admin = make_account(Role.FUNCTIONAL_ADMIN, email="bea@example.nl", name="Bea Beheerder")
    coach = make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    keep = make_account(Role.APPLICANT, email="fatma@example.nl", name="Fatma Yilmaz")
    drop = make_account(Role.APPLICANT, email="fatma2@example.nl", name="Fatma Yılmaz")
    page = new_page(viewport)
    sign_in(page, admin.email)
    check(page)

    # Texts: preview with a diff, a refused placeholder, save, back to the shipped text.
    _menu(page, "Teksten")
    page.get_by_role("link", name="Mail: nieuw wachtwoord kiezen").click()
    check(page)
    page.locator("main table a").nth(1).click()  # "Beste %(name)s,"
    check(page)
    page.get_by_label("Uw tekst").fill("Hallo %(naam)s,")
    page.get_by_role("button", name="De tekst bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("%(naam)s")
    expect(page.get_by_label("Uw tekst")).to_have_value("Hallo %(naam)s,")
    check(page)
    page.get_by_label("Uw tekst").fill("Hallo %(name)s,")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.locator("ins").first).to_contain_text("Hallo")
    expect(page.locator(".portal-preview__mail")).to_contain_text("Hallo Samira,")
    check(page)
    page.get_by_role("button", name="De tekst bewaren").click()
    expect(page.get_by_text("De tekst is aangepast.")).to_be_visible()
    check(page)
    page.locator("main table a").nth(1).click()
    page.get_by_role("button", name="Terug naar de meegeleverde tekst").click()
    expect(page.get_by_text("De meegeleverde tekst wordt weer gebruikt.")).to_be_visible()
    check(page)
    page.goto("/beheer/texts/page-rights?language=ar")
    check(page)

    # Questionnaires: a protected attribute in a rule is refused; a copy is saved and published.
    _menu(page, "Vragenlijsten")
    page.get_by_role("link", name="Nieuwe versie van “Vragen over u en werk”").click()
    check(page)
    source = page.get_by_label("Of de definitie zelf")
    original = source.input_value()
    source.evaluate(  # fill() types 60 KB slowly on a busy machine
        "(el, value) => { el.value = value; }",
        original.replace(
            '  [[schemes.drie_lijnen.routes]]\n  id = "self_starter"',
            '  [[schemes.drie_lijnen.routes]]\n  id = "by_gender"\n  outcome = "zelfdoeners"\n'
            '  when = { question = "gender", op = "eq", value = "man" }\n'
            '  reasons = ["You can find work on your own."]\n  explain = ["kunnen"]\n\n'
            '  [[schemes.drie_lijnen.routes]]\n  id = "self_starter"',
            1,
        ),
    )
    page.get_by_role("button", name="Deze versie controleren en bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("beschermd kenmerk")
    check(page)
    page.get_by_label("Of de definitie zelf").evaluate(
        "(el, value) => { el.value = value; }", original
    )
    page.get_by_role("button", name="Deze versie controleren en bewaren").click()
    expect(page.get_by_text("Versie 3 is gecontroleerd en bewaard.")).to_be_visible()
    check(page)
    page.get_by_role(
        "button", name="Publiceren: deze versie gebruiken voor nieuwe antwoorden"
    ).click()
    expect(page.get_by_text("Versie 3 wordt nu gebruikt voor nieuwe antwoorden.")).to_be_visible()
    check(page)

    # Staff: a new role for the e-coach.
    _menu(page, "Rollen en teams van medewerkers")
    page.get_by_role("link", name="Eva Coach").click()
    check(page)
    page.get_by_label("Klantondersteuner").check()
    page.get_by_role("button", name="Rol en team bewaren").click()
    expect(page.get_by_text("De rol van Eva Coach is gewijzigd.")).to_be_visible()
    check(page)

    # Applicants: search, close and reopen, merge a double registration.
    _menu(page, "Accounts van aanvragers")
    page.get_by_label("Naam of e-mailadres").fill("fatma")
    page.get_by_role("button", name="Zoeken").click()
    check(page)
    page.get_by_role("link", name="Fatma Yilmaz", exact=True).click()
    check(page)
    page.get_by_role("button", name="Dit account sluiten").click()
    check(page)
    page.get_by_role("button", name="Dit account weer openen").click()
    check(page)
    page.get_by_label("Accountnummer of e-mailadres van de andere inschrijving").fill(drop.email)
    page.get_by_role("button", name="Bekijk wat samenvoegen doet").click()
    check(page)
    page.get_by_role("button", name="De inschrijvingen samenvoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf waarom")
    check(page)
    page.get_by_label("Waarom is dit dezelfde persoon?").fill(
        "Zelfde naam en geboortedatum, twee keer ingeschreven."
    )
    page.get_by_role("button", name="De inschrijvingen samenvoegen").click()
    expect(page.get_by_text("De inschrijvingen zijn samengevoegd.")).to_be_visible()
    check(page)
    with live_app.app_context():
        assert db.session.get(User, drop.id).merged_into_id == keep.id
        assert db.session.get(User, coach.id).role is Role.CONSULTANT
