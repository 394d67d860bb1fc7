"""Login errors, language switch, invitation + activation and reset through the dev mailbox."""

import re

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import (
    activate_from_mail,
    check,
    choose_language,
    enter_second_factor,
    mail_link,
    sign_in,
)

NEW_PASSWORD = "mijn nieuwe wachtzin"


def test_login_errors_are_listed_and_linked(new_page, make_account):
    make_account(Role.APPLICANT)
    page = new_page("phone")
    page.goto("/login")
    check(page)
    page.get_by_label("E-mailadres").fill("geen-email")
    page.get_by_role("button", name="Inloggen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Er is een probleem")
    expect(summary).to_contain_text("Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    expect(page.get_by_label("E-mailadres")).to_have_value("geen-email")
    expect(page).to_have_title(re.compile("^Fout: Inloggen"))
    check(page)
    summary.get_by_role("link", name="Vul uw wachtwoord in.").click()
    expect(page.get_by_label("Wachtwoord", exact=True)).to_be_focused()
    check(page)
    page.get_by_label("E-mailadres").fill("applicant@example.nl")
    page.get_by_label("Wachtwoord", exact=True).fill("helemaal fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Het e-mailadres of het wachtwoord klopt niet."
    )
    check(page)


def test_language_switch_to_english_and_back(new_page, make_account):
    user = make_account(Role.CONSULTANT)
    page = new_page("phone")
    page.goto("/login")
    check(page)
    choose_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Code from your app")
    enter_second_factor(page, user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Start page for consultants")
    check(page)
    choose_language(page, "Nederlands")
    expect(page.get_by_role("heading", level=1)).to_have_text("Startpagina voor klantondersteuners")
    check(page)


def test_invited_staff_activates_and_is_stopped_when_deactivated(new_page, make_account):
    admin = make_account(Role.TEAM_LEAD, name="Tom Teamleider")
    boss = new_page("phone")
    sign_in(boss, admin.email)
    check(boss)
    boss.goto("/admin/accounts/invite")
    check(boss)
    boss.get_by_role("button", name="Uitnodiging versturen").click()
    expect(boss.get_by_role("alert")).to_contain_text("Vul de volledige naam in.")
    check(boss)
    boss.get_by_label("Volledige naam").fill("Eva de Coach")
    boss.get_by_label("E-mailadres van het werk").fill("eva@gemeente.example")
    boss.get_by_label("E-coach").check()
    boss.get_by_role("button", name="Uitnodiging versturen").click()
    expect(
        boss.get_by_text("Er is een uitnodiging gestuurd naar eva@gemeente.example.")
    ).to_be_visible()
    expect(boss.get_by_text("Uitgenodigd, nog niet geactiveerd")).to_be_visible()
    check(boss)

    coach = new_page("desktop")
    # Activation, then the second factor's set-up (the flash "ready" shows on that page).
    activate_from_mail(coach, "Activeer uw account voor Werk en Inkomen", NEW_PASSWORD)
    expect(coach.get_by_role("heading", level=1)).to_have_text("Startpagina voor e-coaches")
    check(coach)

    boss.reload()
    check(boss)
    boss.get_by_role("button", name="Dit account blokkeren").click()
    expect(boss.get_by_text("Het account van Eva de Coach is geblokkeerd.")).to_be_visible()
    check(boss)

    coach.reload()
    expect(coach.get_by_role("heading", level=1)).to_have_text("Inloggen")
    check(coach)


def test_forgotten_password_by_mail_link(new_page, make_account):
    user = make_account(Role.APPLICANT)
    page = new_page("phone")
    page.goto("/login")
    check(page)
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    check(page)
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    check(page)
    link = mail_link(
        page, "Kies een nieuw wachtwoord voor Werk en Inkomen", "/reset-password?token="
    )
    page.goto(link)
    check(page)
    page.get_by_label("Nieuw wachtwoord").fill("kort")
    page.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill("kort")
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Gebruik minstens 10 tekens.")
    check(page)
    page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(page.get_by_text("Uw nieuwe wachtwoord is opgeslagen. U bent ingelogd.")).to_be_visible()
    check(page)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    check(page)


def test_change_password_page(new_page, make_account):
    user = make_account(Role.ECOACH)
    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    page.goto("/account/")
    check(page)
    page.get_by_role("link", name="Mijn wachtwoord wijzigen").click()
    check(page)
    page.get_by_label("Huidig wachtwoord").fill("niet mijn wachtwoord")
    page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw huidige wachtwoord klopt niet.")
    check(page)
    page.get_by_label("Huidig wachtwoord").fill("correct horse battery")
    page.get_by_label("Nieuw wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    expect(page.get_by_text("Uw nieuwe wachtwoord is opgeslagen.")).to_be_visible()
    check(page)
