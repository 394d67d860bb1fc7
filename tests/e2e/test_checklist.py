"""The search period end to end: registered → mail → activate → checklist → all done."""

import re

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import activate_from_mail, check, fill_date, main_menu, sign_in
from tests.e2e.test_intake import answer_page
from tests.questionnaires.test_golden import SELF_STARTER

NEW_PASSWORD = "mijn nieuwe wachtzin"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _register_and_activate(new_page, make_account, name, born, email, uwv=None):
    consultant = make_account(Role.CONSULTANT, name="Karin Klantondersteuner")
    desk = new_page("desktop")
    sign_in(desk, consultant.email)
    check(desk)
    desk.goto("/search-period/register")
    check(desk)
    desk.get_by_label("Volledige naam").fill(name)
    fill_date(desk, "born_on", born)
    desk.get_by_label("E-mailadres").fill(email)
    if uwv:
        fill_date(desk, "uwv_registered_on", uwv)
    desk.get_by_role("button", name="Aanvraag registreren").click()
    expect(desk.get_by_text(f"De aanvraag van {name} is geregistreerd.")).to_be_visible()
    check(desk)

    page = new_page("phone")
    activate_from_mail(page, "Uw aanvraag: zoek werk in de komende vier weken", NEW_PASSWORD)
    check(page)
    main_menu(page).get_by_role("link", name="Mijn eerste vier weken").click()
    check(page)
    return page


def test_27_plus_register_mail_activate_checklist_all_done(new_page, make_account):
    page = _register_and_activate(
        new_page, make_account, "Jan Jansen", "1980-05-17", "jan@example.nl"
    )
    expect(page.get_by_text("0 van de 4 klaar")).to_be_visible()
    expect(page.get_by_text("U heeft nog 28 dagen.")).to_be_visible()

    page.get_by_role("link", name=re.compile("Blijf ingeschreven bij UWV als werkzoekende")).click()
    check(page)
    fill_date(page, "registered_on", "2026-11-02")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("1 van de 4 klaar")).to_be_visible()
    check(page)

    page.get_by_role("link", name=re.compile("Maak een cv")).click()
    check(page)
    page.get_by_role("link", name="Een cv-bestand uploaden").click()
    check(page)
    page.get_by_label("Uw cv").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_text("Uw cv is compleet.")).to_be_visible()
    check(page)
    page.goto("/search-period/")
    expect(page.get_by_text("2 van de 4 klaar")).to_be_visible()
    check(page)

    for n in range(4):
        page.goto("/search-period/")
        check(page)
        page.get_by_role("link", name=re.compile("Solliciteer naar werk")).click()
        check(page)
        page.get_by_label("Bedrijf of organisatie").fill(f"Bakkerij {n}")
        page.get_by_label("Baan", exact=True).fill("Verkoper")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Opgeslagen: het staat in uw logboek.")).to_be_visible()
        check(page)
    page.goto("/search-period/")
    expect(page.get_by_text("3 van de 4 klaar")).to_be_visible()
    check(page)

    page.get_by_role("link", name=re.compile("Vul de vragen over u en werk in")).click()
    check(page)
    page.get_by_role("button", name="Start").click()
    check(page)
    while "/page/" in page.url:
        answer_page(page, SELF_STARTER)
        check(page)
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    check(page)
    page.goto("/search-period/")
    expect(page.get_by_text("4 van de 4 klaar")).to_be_visible()
    expect(page.get_by_text("Te doen")).to_have_count(0)
    check(page)


def test_under_27_without_startkwalificatie_answers_the_school_item(new_page, make_account):
    page = _register_and_activate(
        new_page, make_account, "Ahmad Haidari", "2003-02-03", "ahmad@example.nl", uwv="2026-11-20"
    )
    expect(page.get_by_text("1 van de 5 klaar")).to_be_visible()  # the UWV date is known
    page.get_by_role("link", name=re.compile("Kijk of u weer naar school kunt")).click()
    check(page)
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeg dat u heeft gekeken")
    check(page)
    page.get_by_label("Kunt u nu niet terug naar school? Leg uit waarom.").fill(
        "Ik zorg voor mijn moeder."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("2 van de 5 klaar")).to_be_visible()
    check(page)
