"""The labour-market value scan on a phone (375 px): competences, wishes, experience; a rater
fills in by the one-time link; occupations and vacancies with their reasons; a vacancy into
the log; the profile shown to job hunters. Axe on every page."""

import re

from playwright.sync_api import expect

from portal import clock
from portal.db import unit_of_work, utcnow
from portal.labour import import_services
from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in


def test_scan_on_a_phone_with_a_rater(new_page, make_account, live_app):
    with live_app.app_context(), unit_of_work():
        import_services.seed_demo(clock.today(utcnow()), utcnow())
    user = make_account(Role.APPLICANT, name="Samira El Amrani")
    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    main_menu(page).get_by_role("link", name="Welk werk past bij mij").click()
    expect(page.get_by_role("heading", name="Wat kunt u en wat wilt u?")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Wat kunt u?").click()
    check(page)
    for name, level in (
        ("Zorgen voor anderen", "Dit kan ik heel goed"),
        ("Nederlands spreken op B1-niveau", "Dit kan ik"),
        ("Op tijd komen en afspraken nakomen", "Dit kan ik"),
    ):
        page.get_by_role("group", name=name).get_by_label(level, exact=True).check()
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_role("heading", name="Wat wilt u?")).to_be_visible()
    page.get_by_role("button", name="Opslaan en verder").click()  # nothing chosen yet
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens één antwoord.")
    check(page)
    page.get_by_label("Zorg en welzijn").check()
    page.get_by_label("Hoeveel uur per week wilt u werken?").fill("24")
    page.get_by_label("Hoogstens 30 minuten").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_role("heading", name="Uw ervaring")).to_be_visible()
    check(page)
    page.get_by_label("Welk werk hebt u eerder gedaan").fill("Mantelzorg voor mijn moeder, 4 jaar.")
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_role("heading", name="Welk werk bij u past", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Helpende zorg en welzijn")).to_be_visible()
    expect(page.get_by_text("Nog te leren: Samenwerken in een team.").first).to_be_visible()
    check(page)

    # Ask the coach: a one-time link, filled in without an account.
    page.get_by_role("link", name="Terug naar de scan").click()
    check(page)
    page.get_by_role("link", name="Iemand vragen").click()
    check(page)
    page.get_by_label("Mijn coach").check()
    page.get_by_label("Naam van die persoon").fill("Piet")
    page.get_by_role("button", name="Maak de link").click()
    expect(page.get_by_role("heading", name="Uw link is klaar")).to_be_visible()
    check(page)
    link = page.get_by_label("De link").input_value()

    rater = new_page("phone")
    rater.goto(link)
    expect(rater.get_by_role("heading", name="Wat kan Samira?")).to_be_visible()
    expect(rater.get_by_text("El Amrani")).to_have_count(0)
    check(rater)
    rater.get_by_role("group", name="Samenwerken in een team").get_by_label(
        "Dit kan ik heel goed", exact=True
    ).check()
    rater.get_by_role("group", name="Zorgen voor anderen").get_by_label(
        "Dit kan ik", exact=True
    ).check()
    rater.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(rater.get_by_role("heading", name="Dank u wel")).to_be_visible()
    check(rater)
    rater.goto(link)
    expect(rater.get_by_role("heading", name="Deze link werkt niet")).to_be_visible()
    check(rater)

    # Side by side in the result; a vacancy into the log.
    page.get_by_role("link", name="Terug naar de scan").click()
    expect(page.get_by_text("Piet: beantwoord")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Bekijk welk werk bij u past").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Piet (Mijn coach)")).to_be_visible()
    expect(table.get_by_role("row", name="Samenwerken in een team")).to_contain_text(
        "Niet ingevuld"
    )
    check(page)
    page.get_by_role(
        "button", name=re.compile(r"^Toevoegen aan mijn logboek ?: Helpende in de thuiszorg$")
    ).click()
    expect(page.get_by_text("Toegevoegd aan uw logboek.")).to_be_visible()
    check(page)
    main_menu(page).get_by_role("link", name="Mijn logboek werk zoeken").click()
    expect(page.get_by_text("Zorggroep Noorderzon").first).to_be_visible()
    check(page)

    # An occupation from the result becomes a goal in the personal plan.
    main_menu(page).get_by_role("link", name="Welk werk past bij mij").click()
    page.get_by_role("link", name="Bekijk welk werk bij u past").click()
    page.get_by_role(
        "button", name=re.compile(r"^Maak hier een doel van in mijn plan ?: Helpende zorg")
    ).click()
    expect(page.get_by_text("Het doel staat in uw plan: Werken als Helpende zorg")).to_be_visible()
    check(page)

    # Shown to job hunters only after opting in.
    main_menu(page).get_by_role("link", name="Welk werk past bij mij").click()
    page.get_by_role("button", name="Laat mijn profiel zien aan jobhunters").click()
    expect(
        page.get_by_text("Jobhunters van de gemeente kunnen uw profiel nu zien.")
    ).to_be_visible()
    check(page)
    hunter = make_account(Role.CONSULTANT, email="jobhunter@example.nl")
    staff = new_page()
    sign_in(staff, hunter.email)
    check(staff)
    main_menu(staff).get_by_role("link", name="Jobhunting").click()
    check(staff)
    staff.get_by_role("link", name="Profiel").first.click()
    expect(staff.get_by_role("heading", name="Samira El Amrani")).to_be_visible()
    check(staff)
