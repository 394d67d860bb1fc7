"""A person without email in the browser: registered at a STIP, activated on a phone with the
letter's code and no email address, signed in again with the client number."""

import re

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import check, fill_date, main_menu, sign_in

NEW_PASSWORD = "mijn nieuwe wachtzin"


def test_activate_without_email_and_sign_in_with_the_client_number(new_page, make_account):
    volunteer = make_account(Role.STIP, name="Stefan Vrijwilliger")
    desk = new_page("desktop")
    sign_in(desk, volunteer.email)
    check(desk)
    desk.goto("/search-period/register")
    desk.get_by_label("Volledige naam").fill("Marta Kowalska")
    fill_date(desk, "born_on", "1985-06-07")
    desk.get_by_role("button", name="Aanvraag registreren").click()
    check(desk)
    code = desk.locator(".portal-code").inner_text()

    person = new_page("phone")
    person.goto("/activate-code")
    check(person)
    expect(person.get_by_label("E-mailadres")).to_have_accessible_name(re.compile("niet verplicht"))
    person.get_by_label("Code uit de brief").fill(code)
    fill_date(person, "born_on", "1985-06-07")
    person.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    person.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(NEW_PASSWORD)
    person.get_by_role("button", name="Mijn account activeren").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Hallo Marta")
    said = person.get_by_text(re.compile(r"Uw klantnummer is \d{4} \d{4}\."))
    expect(said).to_be_visible()
    check(person)
    number = re.search(r"\d{4} \d{4}", said.inner_text())[0]
    main_menu(person).get_by_role("button", name="Uitloggen", exact=True).click()
    check(person)

    person.goto("/login")
    check(person)
    person.get_by_role("link", name="Geen e-mailadres? Log in met uw klantnummer.").click()
    check(person)
    person.get_by_label("Klantnummer").fill(number)
    person.get_by_label("Wachtwoord", exact=True).fill("niet mijn wachtwoord")
    person.get_by_role("button", name="Inloggen").click()
    expect(person.get_by_role("alert")).to_contain_text(
        "Het klantnummer of het wachtwoord klopt niet."
    )
    check(person)
    person.get_by_label("Wachtwoord", exact=True).fill(NEW_PASSWORD)
    person.get_by_role("button", name="Inloggen").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Hallo Marta")
    check(person)
    person.goto("/account/")
    expect(person.get_by_text(number)).to_be_visible()
    check(person)
