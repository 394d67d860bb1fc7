"""Each figures table with known data, made through the portal's own services."""

from datetime import UTC, date, datetime

import pytest

from portal.db import db, unit_of_work
from portal.figures import display
from portal.figures.services import Advice
from portal.intake import services as intake
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services as periods
from tests.portal.figures.conftest import at
from tests.portal.figures.pages import rows
from tests.questionnaires.test_golden import NEWCOMER, SELF_STARTER


@pytest.fixture
def team(app):
    with unit_of_work():
        made = Team(name="Team Noord")
        db.session.add(made)
    return made


def register(n, applied, actor=None, born=date(1980, 1, 1)):
    with unit_of_work():
        return periods.register(
            periods.Registration(
                name=f"Aanvrager {n}", born_on=born, applied_on=applied, email=f"a{n}@example.nl"
            ),
            "self" if actor is None else "consultant",
            db.session.get(User, actor.id) if actor else None,
            at(applied),
            "nl",
        ).application


def test_applications_and_how_search_periods_ended(client, login_as, make_user, team):
    consultant = make_user(Role.CONSULTANT, password=None)
    with unit_of_work():
        db.session.get(User, consultant.id).team_id = team.id
    applications = [register(n, date(2024, 3, 1), consultant) for n in range(6)]
    applications += [register(n, date(2024, 3, 4)) for n in range(6, 11)]
    with unit_of_work():
        for application in applications[6:]:  # the five who applied themselves found work
            periods.end_early(db.session.merge(application), "found_work", at(date(2024, 3, 20)))
    login_as(Role.TEAM_LEAD)
    html = client.get("/figures/?year=2024&part=m03").get_data(as_text=True)
    assert rows(html, "applications") == {
        "Zelf online aangevraagd": ["5", "45,5%"],
        "Ingeschreven door een klantondersteuner": ["6", "54,5%"],
        "Ingeschreven bij een STIP": ["0", "0,0%"],
        "Totaal": ["11", "100,0%"],
    }
    ends = rows(html, "period_ends")
    assert ends["Werk gevonden"] == ["5", "45,5%"]
    assert ends["Vier weken afgerond"] == ["6", "54,5%"]  # 1 to 28 March
    assert ends["Totaal"] == ["11", "100,0%"]
    one_team = rows(
        client.get(f"/figures/?year=2024&part=m03&team={team.id}").get_data(as_text=True),
        "applications",
    )
    assert one_team["Totaal"] == ["6", "100,0%"]
    no_team = rows(
        client.get("/figures/?year=2024&part=m03&team=none").get_data(as_text=True), "applications"
    )
    assert no_team["Totaal"] == ["5", "100,0%"]
    assert rows(client.get("/figures/?year=2024&part=m04").get_data(as_text=True), "applications")[
        "Totaal"
    ] == ["0", "–"]


def test_obligations_and_the_time_to_the_first_conversation(app, client, login_as, make_user):
    consultant = make_user(Role.CONSULTANT, password=None)
    applications = [register(n, date(2024, 3, 1), consultant) for n in range(6)]
    with app.test_request_context(), unit_of_work():
        actor = db.session.get(User, consultant.id)
        for n, application in enumerate(applications):
            application = db.session.merge(application)
            consult.invite(
                actor,
                application,
                at(date(2024, 4, 1 + n)),
                "in_person",
                "Werkplein",
                at(date(2024, 3, 29)),
            )
            items = {key: {"met": True} for key in ("uwv", "cv", "applications", "questionnaire")}
            items["cv"]["met"] = n < 3  # three made a CV
            consult.assess(actor, application, items, "Besproken.", at(date(2024, 4, 1 + n), 12))
    login_as(Role.TEAM_LEAD)
    html = client.get("/figures/?year=2024&part=m04").get_data(as_text=True)
    duties = rows(html, "obligations")
    assert duties["Ingeschreven bij UWV"] == ["6", "0", "6", "100,0%"]
    assert duties["Cv gemaakt"] == ["< 5", "< 5", "6", "x"]
    assert duties["School uitgezocht (tot 27 jaar)"] == ["0", "0", "0", "–"]
    time = rows(html, "conversation_time")
    assert time["Eerste gesprekken"] == ["6"]
    assert time["Mediaan (dagen)"] == ["33,5"]  # 31 to 36 days after 1 March


def test_advice_decisions_and_changes_per_rule(client, login_as, make_user):
    consultant = make_user(Role.CONSULTANT, password=None)
    sent, decided = datetime(2024, 5, 1, 9, tzinfo=UTC), datetime(2024, 5, 6, 10, tzinfo=UTC)
    for n in range(12):
        person = make_user(Role.APPLICANT, password=None)
        with unit_of_work():
            response = intake.start(person, "entreevragenlijst", "drie_lijnen", sent)
            response.answers = dict(SELF_STARTER if n < 7 else NEWCOMER)
            intake.submit(response, sent)
            final = "klantondersteuning" if n == 0 else response.advised_outcome
            intake.decide(
                db.session.get(User, consultant.id),
                response,
                final,
                "Gesprek." if n == 0 else "",
                decided,
            )
    login_as(Role.TEAM_LEAD)
    html = client.get("/figures/advice?year=2024&part=m05").get_data(as_text=True)
    advice = rows(html, "advice")
    assert advice["U zoekt zelf werk, met hulp van een e-coach"] == ["7", "58,3%"]
    assert advice["Klantondersteuning: hulp om werk te vinden"] == ["5", "41,7%"]
    assert advice["Totaal"] == ["12", "100,0%"]
    decisions = rows(html, "decisions")
    assert decisions["U zoekt zelf werk, met hulp van een e-coach"] == ["6", "50,0%"]
    assert decisions["Klantondersteuning: hulp om werk te vinden"] == ["6", "50,0%"]
    # One change by hand (1 person): hidden, and what would give it away with it; the zero of
    # the other rule stays, and so does the number of decisions.
    routes = rows(html, "routes")
    assert routes["self_starter: U zoekt zelf werk, met hulp van een e-coach"] == [
        "x",
        "< 5",
        "x",
    ]
    assert routes["support_to_work: Klantondersteuning: hulp om werk te vinden"] == ["x", "0", "x"]
    assert routes["Totaal"] == ["x", "< 5", "12"]
    waiting = rows(html, "waiting")
    assert waiting["Besluiten"] == ["12"]
    assert waiting["Mediaan (dagen)"] == ["5"]
    # The ladder step the questionnaire derives from the factual answers, per advice sent.
    ladder = rows(html, "ladder")
    assert ladder["6 Betaald werk"] == ["7", "58,3%"]
    assert ladder["2 Sociale contacten buiten de deur"] == ["5", "41,7%"]
    assert ladder["Onbekend"] == ["0", "0,0%"]


def test_ladder_steps_where_the_advice_has_them(app):
    """The step kept with the advice (the routing change) is counted per step."""
    with app.test_request_context():
        page = display.advice_page(
            Advice(
                advised={("clientprofielen", "profile_1"): 9, ("clientprofielen", "profile_3"): 8},
                ladder={"6": 9, "3": 5, "4": 2, "unknown": 1},
                decided={},
                routes=[],
                waiting=display.rules.spread([]),
            )
        )
    ladder = {row.label: [c.text for c in row.cells] for row in page.grids["ladder"].rows}
    assert ladder["6 Betaald werk"] == ["9", "52,9%"]
    assert ladder["3 Deelname aan georganiseerde activiteiten"] == ["5", "29,4%"]
    assert ladder["4 Onbetaald werk"] == ["< 5", "x"]
    assert ladder["Onbekend"] == ["< 5", "x"]
    assert ladder["Totaal"] == ["17", "100,0%"]
