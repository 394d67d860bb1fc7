"""Registering an application in the browser: yourself (confirmed by mail), or at a STIP with a
letter."""

import re

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import activate_from_mail, check, fill_date, mail_link, main_menu, sign_in

NEW_PASSWORD = "mijn nieuwe wachtzin"


def test_apply_yourself_then_activate_from_the_mail(new_page):
    page = new_page("phone")
    page.goto("/")
    check(page)
    page.get_by_role("link", name="Lees over de eerste vier weken").click()
    check(page)
    page.get_by_role("link", name="Uw rechten en plichten").click()
    check(page)
    page.get_by_role("link", name="Terug naar de informatie").click()
    page.get_by_role("link", name="Tips om werk te vinden").click()
    check(page)
    page.goto("/")
    page.get_by_role("link", name="Bijstand aanvragen").click()
    check(page)
    page.get_by_role("button", name="Mijn aanvraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul de volledige naam in.")
    check(page)
    page.get_by_label("Volledige naam").fill("Jan Jansen")
    fill_date(page, "born_on", "1980-05-17")
    page.get_by_label("E-mailadres").fill("jan@example.nl")
    page.get_by_role("button", name="Mijn aanvraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    check(page)
    page.goto(mail_link(page, "Bevestig uw aanvraag voor een bijstandsuitkering", "/apply/confirm"))
    expect(page.get_by_text("Jan Jansen")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Mijn aanvraag bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is bevestigd")
    check(page)
    activate_from_mail(page, "Uw aanvraag: zoek werk in de komende vier weken", NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hallo Jan")
    check(page)


def test_stip_registers_without_email_and_the_person_activates_with_the_letter(
    new_page, make_account
):
    volunteer = make_account(Role.STIP, name="Stefan Vrijwilliger")
    desk = new_page("desktop")
    sign_in(desk, volunteer.email)
    check(desk)
    main_menu(desk).get_by_role("link", name="Een aanvraag registreren").click()
    check(desk)
    desk.get_by_label("Volledige naam").fill("Ahmad Haidari")
    fill_date(desk, "born_on", "2001-02-03")
    desk.get_by_role("button", name="Aanvraag registreren").click()
    expect(desk.get_by_role("alert")).to_contain_text(
        "Jonger dan 27: vul de datum van de inschrijving bij UWV in."
    )
    check(desk)
    fill_date(desk, "uwv_registered_on", "2026-11-20")
    desk.get_by_role("button", name="Aanvraag registreren").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Beste Ahmad Haidari,")
    expect(desk.get_by_text("kijk ook of u weer naar school kunt")).to_be_visible()
    check(desk)
    code = desk.locator(".portal-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    desk.emulate_media(media="print")
    expect(desk.locator(".portal-header")).to_be_hidden()
    desk.emulate_media(media="screen")

    person = new_page("phone")
    person.goto("/")
    check(person)
    person.get_by_role("link", name="Heeft u een brief met een code gekregen?").click()
    check(person)
    person.get_by_label("Code uit de brief").fill(code)
    fill_date(person, "born_on", "2001-02-03")
    person.get_by_label("E-mailadres").fill("ahmad@example.nl")
    person.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    person.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(NEW_PASSWORD)
    person.get_by_role("button", name="Mijn account activeren").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Hallo Ahmad")
    check(person)
