"""The remaining staff and applicant pages in a browser, with their error states: the team
lead's assignment, catalogue, ready texts, meetings and stand-ins; the coach's request to stand
in and group message;
the consultant's handovers and help letter; printing the next steps; editing a CV item."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from portal.clock import today
from portal.db import unit_of_work, utcnow
from portal.roles import Role
from portal.searchperiod import services as periods
from tests.e2e.conftest import check, main_menu, sign_in
from tests.e2e.test_coaching import _zelfdoeners


def _menu(page, name):
    main_menu(page).get_by_role("link", name=name).click()
    check(page)


def test_team_lead_pages(new_page, make_account, live_app):
    lead = make_account(Role.TEAM_LEAD, email="lead@example.nl", name="Tom Teamleider")
    make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    page = new_page()
    sign_in(page, lead.email)
    check(page)

    _menu(page, "Overzicht van voorzieningen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul de naam in.")
    check(page)
    page.get_by_label("Naam").fill("Workshop cv maken")
    page.get_by_label("Aanbieder").fill("Werkplein")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bewaard: Workshop cv maken.")).to_be_visible()
    check(page)
    page.locator("main a[href*='/catalogue/']").first.click()
    expect(page.get_by_label("Naam")).to_have_value("Workshop cv maken")
    check(page)

    _menu(page, "Kant-en-klare teksten voor e-coaches")
    page.get_by_label("Titel").fill("Logboek")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf de tekst.")
    expect(page.get_by_label("Titel")).to_have_value("Logboek")
    check(page)
    page.get_by_label("Tekst").fill("Dag {first_name}, hoe gaat het?")
    page.get_by_role("button", name="Opslaan").click()
    check(page)
    page.get_by_role("link", name="Logboek").click()
    check(page)

    _menu(page, "Voorlichtingen")
    page.get_by_label("Datum").fill((today(utcnow()) + timedelta(days=9)).isoformat())
    page.get_by_label("Tijd").fill("10:00")
    page.get_by_role("button", name="De bijeenkomst plannen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef een plaats of een link")
    check(page)
    expect(page.get_by_label("Tijd")).to_have_value("10:00")
    page.get_by_label("Plaats", exact=True).fill("Werkplein, zaal 2")
    page.get_by_label("Aantal plaatsen").fill("20")
    page.get_by_role("button", name="De bijeenkomst plannen").click()
    expect(page.get_by_text("De bijeenkomst is gepland.")).to_be_visible()
    check(page)
    page.locator("main ul a").first.click()
    expect(page.get_by_text("Nog niemand is uitgenodigd.")).to_be_visible()
    check(page)

    _menu(page, "Zelfdoeners verdelen over e-coaches")
    page.get_by_role("link", name="Eva Coach").click()
    expect(page.get_by_text("Deze e-coach heeft nog niemand.")).to_be_visible()
    check(page)


def test_coach_consultant_and_applicant_pages(new_page, make_account, live_app):
    coach = make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    make_account(Role.ECOACH, email="cees@example.nl", name="Cees Collega")
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin")
    person = make_account(Role.APPLICANT, email="anna@example.nl", name="Anna Aalbers")
    lead = make_account(Role.TEAM_LEAD, email="lead@example.nl", name="Tom Teamleider")
    _zelfdoeners(live_app, coach, consultant, ["Anna Aalbers"])
    with live_app.app_context(), unit_of_work():
        periods.register(
            periods.Registration(
                name=person.name,
                born_on=date(1990, 1, 1),
                email=person.email,
                applied_on=utcnow().date() - timedelta(days=3),
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )

    admin = new_page()
    sign_in(admin, lead.email)
    check(admin)
    _menu(admin, "Zelfdoeners verdelen over e-coaches")
    admin.get_by_role("link", name="Eva Coach").click()
    check(admin)
    admin.get_by_role("link", name="Anna Aalbers").click()
    expect(admin.get_by_text("Nu: Eva Coach.")).to_be_visible()
    check(admin)

    staff = new_page()
    sign_in(staff, coach.email)
    check(staff)
    _menu(staff, "Mijn mensen")
    staff.get_by_role("link", name="Een collega vervangen").click()
    check(staff)
    staff.get_by_role("button", name="De aanvraag versturen").click()
    expect(staff.get_by_role("alert")).to_contain_text("Kies een collega.")
    check(staff)
    staff.get_by_label("Collega").select_option(label="Cees Collega")
    staff.get_by_label("Tot en met").fill((today(utcnow()) + timedelta(days=40)).isoformat())
    staff.get_by_label("Waarom").fill("Vakantie")
    staff.get_by_role("button", name="De aanvraag versturen").click()
    expect(staff.get_by_role("alert")).to_contain_text("hoogstens 30 dagen")
    check(staff)
    staff.get_by_label("Tot en met").fill((today(utcnow()) + timedelta(days=5)).isoformat())
    staff.get_by_role("button", name="De aanvraag versturen").click()
    expect(staff.get_by_text("Wacht op de teamleider")).to_be_visible()
    check(staff)
    _menu(admin, "Vervangingen")
    expect(admin.get_by_role("heading", name="Eva Coach voor Cees Collega")).to_be_visible()
    admin.get_by_role("button", name=re.compile("^Goedkeuren")).click()
    expect(admin.get_by_text("De vervanging is goedgekeurd.")).to_be_visible()
    check(admin)
    staff.reload()
    expect(staff.get_by_text("Goedgekeurd")).to_be_visible()
    check(staff)
    _menu(staff, "Voorlichtingen")
    staff.locator("main ul a").first.click()
    check(staff)
    staff.get_by_label("Anna Aalbers", exact=False).check()
    staff.get_by_role("button", name="Bewaren wie er was").click()
    expect(staff.get_by_text("De aanwezigheid is bewaard.")).to_be_visible()
    expect(staff.get_by_label("Anna Aalbers", exact=False)).to_be_checked()
    check(staff)
    _menu(staff, "Mijn mensen")
    staff.get_by_label("Tonen").select_option(label="Iedereen")
    staff.get_by_role("button", name="Tonen").click()
    check(staff)
    staff.get_by_label("Anna Aalbers kiezen").check()
    staff.get_by_role("button", name="Aan de gekozen mensen schrijven").click()
    expect(staff.get_by_text("Aan: Anna Aalbers.")).to_be_visible()
    check(staff)
    staff.get_by_role("button", name="Naar iedereen versturen").click()
    expect(staff.get_by_role("alert")).to_contain_text("Schrijf een bericht.")
    check(staff)
    staff.get_by_label("Uw bericht").fill("Hoi {first_name}, hoe gaat het?")
    staff.get_by_role("button", name="Naar iedereen versturen").click()
    expect(staff.get_by_text("Verstuurd naar 1 mensen.")).to_be_visible()
    check(staff)
    staff.get_by_role("link", name="Anna Aalbers").click()
    check(staff)
    staff.get_by_role("button", name="De evaluatie bewaren").click()
    expect(staff.get_by_role("alert")).to_contain_text("Kies een uitkomst.")
    check(staff)
    staff.get_by_role("link", name="Logboek en norm").click()
    check(staff)
    staff.get_by_role("link", name="Overzicht van een periode").click()
    check(staff)
    staff.get_by_label("Van").fill("2026-12-31")
    staff.get_by_label("Tot en met").fill("2026-01-01")
    staff.get_by_role("button", name="Deze periode tonen").click()
    expect(staff.get_by_text("De einddatum is vóór de begindatum.")).to_be_visible()
    check(staff)
    _menu(staff, "Mijn mensen")
    staff.get_by_label("Tonen").select_option(label="Iedereen")
    staff.get_by_role("button", name="Tonen").click()
    check(staff)
    staff.get_by_role("link", name="Anna Aalbers").click()
    staff.get_by_label("Overdragen aan Klantondersteuning").check()
    staff.get_by_label("Uitleg (nodig bij overdracht naar Klantondersteuning)").fill(
        "Heeft hulp nodig bij taal."
    )
    staff.get_by_role("button", name="De evaluatie bewaren").click()
    check(staff)

    advisor = new_page()
    sign_in(advisor, consultant.email)
    check(advisor)
    _menu(advisor, "Overgedragen door e-coaches")
    advisor.get_by_role("link", name="Anna Aalbers").click()
    expect(advisor.get_by_text("Heeft hulp nodig bij taal.")).to_be_visible()
    check(advisor)
    _menu(advisor, "Zoekperiodes om te beoordelen")
    advisor.goto("/consult/?unassigned=1&days=60")
    check(advisor)
    advisor.get_by_role("link", name="Anna Aalbers").click()
    check(advisor)
    advisor.get_by_role("button", name="Print een brief met een hulpcode").click()
    expect(advisor.locator(".portal-code")).to_be_visible()
    check(advisor)

    own = new_page("phone")
    sign_in(own, person.email)
    check(own)
    _menu(own, "Mijn eerste vier weken")
    own.get_by_role("link", name="Printen wat u nog moet doen").click()
    expect(own.get_by_role("heading", name="Wat Anna nog moet doen")).to_be_visible()
    check(own)
    _menu(own, "Mijn logboek werk zoeken")
    own.get_by_role("link", name="Mijn cv en werkprofiel").click()
    check(own)
    own.locator("main a[href$='/cv/skill/new']").click()
    check(own)
    own.get_by_role("button", name="Opslaan").click()
    expect(own.get_by_role("alert")).to_contain_text("Vul dit in.")
    check(own)
    own.get_by_role("textbox", name="Vaardigheid").fill("Heftruck")
    own.get_by_role("button", name="Opslaan").click()
    check(own)
    own.locator("main a[href*='/cv/items/']").first.click()
    expect(own.get_by_role("textbox", name="Vaardigheid")).to_have_value("Heftruck")
    check(own)
    own.get_by_role("button", name="Uit mijn cv halen").click()
    expect(own.get_by_text("Uit uw cv gehaald.")).to_be_visible()
    check(own)
