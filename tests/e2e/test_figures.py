"""The management figures in a browser, at desktop width and at 375 px: the team lead chooses a
period, reads every section (numbers under 5 as "< 5"), downloads a table as CSV, adds a goal
(first with an error) and filters the audit log; in English the numbers are English. Management
sees the same counts, without the name of any e-coach."""

from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from portal.caseload import services as caseload
from portal.clock import age_on
from portal.coaching import review_services as reviews
from portal.db import db, unit_of_work
from portal.intake import services as intake
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services as periods
from tests.e2e.conftest import check, choose_language, main_menu, sign_in
from tests.questionnaires.test_golden import SELF_STARTER

YEAR = 2025
WOMAN = {**SELF_STARTER, "gender": "woman"}
MAN = {**SELF_STARTER, "gender": "man"}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _file(live_app, consultant, coach) -> None:
    """Nine people through the portal's own services in 2025: seven Zelfdoeners (one of them
    coached until she found a job) and two people in Klantondersteuning."""
    plan = [("zelfdoeners", date(1994, 3, 1), WOMAN)] * 7 + [
        ("klantondersteuning", date(1969, 3, 1), MAN)
    ] * 2
    with live_app.test_request_context():
        for n, (outcome, born, answers) in enumerate(plan):
            applied = date(YEAR, 2, 3) + timedelta(days=n)
            decided = applied + timedelta(days=35)
            with unit_of_work():
                actor = db.session.get(User, consultant.id)
                registered = periods.register(
                    periods.Registration(
                        name=f"Persoon {n}",
                        born_on=born,
                        applied_on=applied,
                        email=f"p{n}@example.nl",
                        uwv_registered_on=applied if age_on(born, applied) < 27 else None,
                    ),
                    "consultant",
                    actor,
                    _at(applied),
                    "nl",
                )
                person = registered.application.applicant
                response = intake.start(person, "entreevragenlijst", "drie_lijnen", _at(decided, 8))
                response.answers = dict(answers)
                intake.submit(response, _at(decided, 9))
                reason = "" if outcome == response.advised_outcome else "Gesprek."
                intake.decide(actor, response, outcome, reason, _at(decided))
                if n == 0:
                    ended = decided + timedelta(days=60)
                    caseload.assign(person.id, coach.id, None, _at(decided, 11))
                    reviews.record(
                        person,
                        db.session.get(User, coach.id),
                        "ended",
                        None,
                        "regular_job",
                        "",
                        ended,
                        _at(ended),
                    )


def _table(page, name):
    """The figures table `name` (its section is labelled by its heading)."""
    return page.locator(f"section[aria-labelledby='{name}-title'] table")


def _row(page, name, label):
    return _table(page, name).locator("tr", has=page.get_by_role("rowheader", name=label))


def _tab(page, name):
    page.get_by_role("navigation", name="Onderdelen van de cijfers").get_by_role(
        "link", name=name, exact=True
    ).click()
    check(page)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_team_lead_reads_the_figures(new_page, make_account, live_app, viewport):
    lead = make_account(Role.TEAM_LEAD, email="lead@example.nl", name="Tom Teamleider")
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin")
    coach = make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    _file(live_app, consultant, coach)
    page = new_page(viewport)
    sign_in(page, lead.email)
    check(page)
    main_menu(page).get_by_role("link", name="Cijfers").click()
    check(page)

    page.get_by_label("Jaar", exact=True).select_option(str(YEAR))
    page.get_by_label("Periode", exact=True).select_option(label="Heel jaar")
    page.get_by_role("button", name="Tonen").click()
    check(page)
    expect(page.get_by_text(f"1 januari {YEAR} tot en met 31 december {YEAR}")).to_be_visible()
    total = _row(page, "applications", "Totaal")
    expect(total).to_contain_text("9")
    expect(total).to_contain_text("100,0%")
    # The application chart has no bar for a suppressed count, only the table's number.
    expect(page.locator("section[aria-labelledby='applications-title'] svg")).to_be_attached()

    _tab(page, "Advies en besluiten")
    expect(_row(page, "decisions", "Totaal")).to_contain_text("9")

    _tab(page, "Het bestand")
    lines = _table(page, "file_lines")
    # 6 Zelfdoeners are hidden too: the total (8) minus them would give the 2 away.
    expect(_row(page, "file_lines", "U zoekt zelf werk, met hulp van een e-coach")).to_contain_text(
        "x"
    )
    expect(_row(page, "file_lines", "Klantondersteuning: hulp om werk te vinden")).to_contain_text(
        "< 5"
    )
    expect(lines).not_to_contain_text("Persoon")
    csv_link = page.get_by_role("link", name="“Per lijn” als CSV-bestand")
    body = page.request.get(csv_link.get_attribute("href")).text()
    assert "Klantondersteuning: hulp om werk te vinden;< 5;x" in body
    assert "Totaal;8;100,0%" in body

    _tab(page, "E-coaching")
    expect(_row(page, "caseloads", "Eva Coach")).to_be_visible()
    expect(_row(page, "outflow", "Reguliere baan")).to_contain_text("< 5")

    _tab(page, "Doelen")
    page.get_by_label("Doelwaarde (aantal mensen)").fill("45")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef het doel een naam.")
    expect(page.get_by_label("Doelwaarde (aantal mensen)")).to_have_value("45")
    check(page)
    page.get_by_label("Naam van het doel").fill("Doel 1: jongeren onder 27")
    page.get_by_label("Wie er geteld worden").select_option(label="Jongeren tot 27 jaar")
    page.get_by_label("Op", exact=True).fill(f"{YEAR + 1}-01-01")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_text("Het doel is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Doel 1: jongeren onder 27")).to_be_visible()
    check(page)

    page.get_by_role("navigation", name="Onderdelen van de cijfers").get_by_role(
        "link", name="Auditlog"
    ).click()
    check(page)
    page.get_by_label("Wat", exact=True).select_option(label="Alleen inkijken")
    page.get_by_role("button", name="Tonen").click()
    check(page)
    expect(page.get_by_role("cell", name="audit.read").first).to_be_visible()

    choose_language(page, "English")
    check(page)
    page.get_by_role("navigation", name="Parts of the figures").get_by_role(
        "link", name="Applications and search period"
    ).click()
    check(page)
    page.get_by_label("Year", exact=True).select_option(str(YEAR))
    page.get_by_role("button", name="Show").click()
    check(page)
    expect(page.get_by_text(f"January 1, {YEAR} to December 31, {YEAR}")).to_be_visible()
    expect(_row(page, "applications", "Total")).to_contain_text("100.0%")


def test_management_sees_numbers_and_no_names_at_375_px(new_page, make_account, live_app):
    boss = make_account(Role.MANAGEMENT, email="maria@example.nl", name="Maria Management")
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin")
    coach = make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    _file(live_app, consultant, coach)
    page = new_page("phone")
    sign_in(page, boss.email)
    check(page)
    main_menu(page).get_by_role("link", name="Cijfers").click()
    check(page)
    for tab in ("Advies en besluiten", "Het bestand", "Doelen"):
        _tab(page, tab)
    page.goto(f"/figures/coaching?year={YEAR}&part=year")
    check(page)
    expect(_row(page, "caseloads", "E-coach 1")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Eva Coach")
    expect(page.locator("main")).not_to_contain_text("Persoon")
    expect(page.get_by_role("button", name="Doel toevoegen")).to_have_count(0)
    expect(page.get_by_role("link", name="Auditlog")).to_have_count(0)
