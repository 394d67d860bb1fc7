"""E-coaching in the browser: the caseload in the right order, a file, messages between two
browsers, a review with each outcome, and an applicant accepting a meeting invitation."""

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from portal.caseload import services as caseload
from portal.catalogue.models import Service
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.meetings import services as meetings
from portal.people import User
from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in
from tests.questionnaires.test_golden import SELF_STARTER


def _zelfdoeners(live_app, coach, consultant, names):
    with live_app.app_context(), unit_of_work():
        meetings.plan(utcnow() + timedelta(days=7), "Werkplein, zaal 2", "", 30, utcnow())
        db.session.add(Service(name="Workshop solliciteren", kind="workshop"))
        for name in names:
            person = db.session.scalar(select(User).where(User.name == name))
            response = intake.start(person, "entreevragenlijst", "drie_lijnen", utcnow())
            response.answers = dict(SELF_STARTER)
            intake.submit(response, utcnow())
            intake.decide(db.session.merge(consultant), response, "zelfdoeners", "", utcnow())
            caseload.assign(person.id, coach.id, None, utcnow())


def test_caseload_messages_reviews_and_a_meeting(new_page, make_account, live_app):
    coach = make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin")
    names = ["Anna Aalbers", "Bram Bos", "Cem Celik", "Dewi Dekker"]
    people = [
        make_account(Role.APPLICANT, email=f"p{n}@example.nl", name=name)
        for n, name in enumerate(names)
    ]
    _zelfdoeners(live_app, coach, consultant, names)

    applicant = new_page("phone")
    sign_in(applicant, people[2].email)
    check(applicant)
    main_menu(applicant).get_by_role("link", name="Mijn e-coach").click()
    expect(applicant.get_by_text("Uw e-coach is Eva Coach.", exact=False)).to_be_visible()
    check(applicant)
    applicant.get_by_role("button", name="Ja, ik kom").click()
    expect(applicant.get_by_text("U heeft gezegd dat u komt.")).to_be_visible()
    check(applicant)
    applicant.get_by_role("link", name="Een bericht sturen").click()
    check(applicant)
    applicant.get_by_label("Uw bericht").fill("Goedemorgen, ik heb een vraag over mijn cv.")
    applicant.get_by_role("button", name="Versturen").click()
    expect(applicant.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    check(applicant)

    staff = new_page()
    sign_in(staff, coach.email)
    check(staff)
    main_menu(staff).get_by_role("link", name="Mijn mensen").click()
    expect(staff.get_by_role("link", name="Cem Celik")).to_be_visible()
    expect(staff.get_by_role("link", name="Anna Aalbers")).to_have_count(0)
    check(staff)
    staff.get_by_label("Tonen").select_option(label="Iedereen")
    staff.get_by_role("button", name="Tonen").click()
    check(staff)
    rows = staff.locator("tbody tr td:nth-child(2) a")
    assert rows.all_inner_texts() == ["Cem Celik", "Anna Aalbers", "Bram Bos", "Dewi Dekker"]

    rows.first.click()
    expect(staff.get_by_role("heading", name="Dossier van Cem Celik")).to_be_visible()
    check(staff)
    staff.get_by_role("link", name="Berichten").click()
    expect(staff.get_by_text("ik heb een vraag over mijn cv")).to_be_visible()
    check(staff)
    staff.get_by_label("Uw bericht").fill("Dag Cem, stuur je cv maar mee.")
    staff.get_by_role("button", name="Versturen").click()
    expect(staff.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    check(staff)

    applicant.reload()
    expect(applicant.get_by_text("Dag Cem, stuur je cv maar mee.")).to_be_visible()
    check(applicant)

    outcomes = [
        ("Anna Aalbers", "Doorgaan met e-coaching", {}),
        (
            "Bram Bos",
            "Verwijzen naar een workshop",
            {"Workshop (bij verwijzen)": "Workshop solliciteren"},
        ),
        ("Cem Celik", "Overdragen aan Klantondersteuning", {}),
        (
            "Dewi Dekker",
            "De coaching beëindigen",
            {"Hoe is het geëindigd (bij beëindigen)": "Regulier werk"},
        ),
    ]
    for name, outcome, selects in outcomes:
        staff.goto("/coach/?show=all")
        check(staff)
        staff.get_by_role("link", name=name).click()
        check(staff)
        staff.get_by_label(outcome).check()
        for label, option in selects.items():
            staff.get_by_label(label).select_option(label=option)
        if name == "Cem Celik":
            staff.get_by_label("Uitleg (nodig bij overdracht naar Klantondersteuning)").fill(
                "Heeft hulp nodig bij het plannen."
            )
        staff.get_by_role("button", name="De evaluatie bewaren").click()
        expect(staff.get_by_text("De evaluatie is bewaard")).to_be_visible()
        check(staff)

    main_menu(applicant).get_by_role("link", name="Mijn e-coach").click()
    expect(applicant.get_by_text("U krijgt meer hulp")).to_be_visible()
    check(applicant)
