"""Consultants confirm or override the advice; only that changes the service line."""

from datetime import date

import pytest
from sqlalchemy import select

from portal import create_app
from portal.audit import AuditEvent
from portal.db import db, unit_of_work, utcnow
from portal.intake import figure_services, services
from portal.intake.models import RoutingDecision
from portal.people import Team
from portal.roles import Role
from portal.searchperiod import services as periods
from tests.portal.queries import queries_for
from tests.questionnaires.test_golden import CANNOT_WORK, NEWCOMER


def line_of(applicant):
    db.session.expire_all()
    return services.service_line(applicant)


def test_queue_lists_submitted_advice_oldest_first(client, login_as, make_user, make_response):
    first = make_response(make_user(Role.APPLICANT, name="Anna Eerst"))
    make_response(make_user(Role.APPLICANT, name="Bert Later"))
    make_response(make_user(Role.APPLICANT, name="Cor Concept"), submit=False)
    login_as(Role.CONSULTANT)
    html = client.get("/advice/").get_data(as_text=True)
    assert html.index("Anna Eerst") < html.index("Bert Later")
    assert "Cor Concept" not in html and "2 adviezen wachten op een besluit" in html
    assert f"/advice/{first.id}" in html


def test_detail_shows_scores_reasons_signals_and_is_audited(
    client, login_as, make_user, make_response
):
    response = make_response(
        make_user(Role.APPLICANT), answers={**NEWCOMER, "debts": "yes_no_help"}
    )
    consultant = login_as(Role.CONSULTANT)
    html = client.get(f"/advice/{response.id}").get_data(as_text=True)
    assert "Klantondersteuning: hulp om werk te vinden" in html
    assert "support_to_work" not in html  # the rule in words, not its id
    assert "Regel die gold: Geen van de 3 regels was van toepassing: het gewone advies." in html
    assert "U kunt werken, maar een paar dingen staan nog tussen u en een baan." in html
    assert "U heeft schulden die u niet kunt betalen." in html  # the reasons name the situation
    assert "Heeft schulden en nog geen hulp: bied schuldhulp aan." in html
    assert "Kunnen" in html and "Belemmeringen voor werk" in html
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "questionnaire.view")
    ).all()
    assert [(e.actor_id, e.subject_id) for e in events] == [(consultant.id, response.id)]


def test_confirm_sets_the_service_line(client, login_as, make_user, make_response):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant)
    consultant = login_as(Role.CONSULTANT)
    assert line_of(applicant) is None
    result = client.submit(f"/advice/{response.id}/decide", {"outcome": "zelfdoeners"})
    assert result.status_code == 302
    decision = db.session.scalar(select(RoutingDecision))
    assert (decision.overridden, decision.final_outcome, decision.decided_by_id) == (
        False,
        "zelfdoeners",
        consultant.id,
    )
    assert line_of(applicant).outcome == "zelfdoeners"
    assert (
        client.submit(
            f"/advice/{response.id}/decide", {"outcome": "klantondersteuning", "reason": "x"}
        ).status_code
        == 400
    )


def test_override_needs_a_reason_and_keeps_the_input(client, login_as, make_user, make_response):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant)
    login_as(Role.CONSULTANT)
    result = client.submit(f"/advice/{response.id}/decide", {"outcome": "klantondersteuning"})
    html = result.get_data(as_text=True)
    assert result.status_code == 400
    assert "Leg uit waarom u iets anders kiest dan het advies." in html
    assert 'value="klantondersteuning"' in html
    assert line_of(applicant) is None
    client.submit(
        f"/advice/{response.id}/decide",
        {"outcome": "klantondersteuning", "reason": "Wil eerst een opleiding."},
    )
    decision = db.session.scalar(select(RoutingDecision))
    assert decision.overridden and decision.reason == "Wil eerst een opleiding."
    assert line_of(applicant).outcome == "klantondersteuning"


def test_applicant_sees_the_confirmed_line(
    client, login_as, make_user, make_response, login, make_client
):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant)
    login_as(Role.CONSULTANT)
    client.submit(
        f"/advice/{response.id}/decide",
        {"outcome": "klantondersteuning", "reason": "Heeft begeleiding nodig."},
    )
    own = make_client()
    login(applicant, target=own)
    html = own.get("/questions/entreevragenlijst/result").get_data(as_text=True)
    assert "Een klantondersteuner heeft naar het advies gekeken." in html
    assert "Heeft begeleiding nodig." in html


def test_supplementary_questionnaire_after_confirmed_participation(
    client, login_as, make_user, make_response, make_client, login
):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant, answers=CANNOT_WORK)
    assert response.advised_outcome == "maatschappelijke_participatie"
    own = make_client()
    login(applicant, target=own)
    assert own.submit("/questions/aanvullend_mp/start").status_code == 404
    login_as(Role.CONSULTANT)
    client.submit(f"/advice/{response.id}/decide", {"outcome": "maatschappelijke_participatie"})
    assert "Welke activiteiten passen bij u?" in own.get("/questions/").get_data(as_text=True)
    assert (
        own.submit("/questions/aanvullend_mp/start").headers["Location"]
        == "/questions/aanvullend_mp/page/wishes"
    )
    supplementary = make_response(
        applicant,
        questionnaire_id="aanvullend_mp",
        answers={
            "activities": ["paid_work"],
            "motivation": 4,
            "hours": 20,
            "guidance": "no",
            "travel_alone": "yes",
            "work_within_year": "yes",
        },
    )
    assert supplementary.advised_outcome == "klantondersteuning"
    client.submit(f"/advice/{supplementary.id}/decide", {"outcome": "klantondersteuning"})
    assert line_of(applicant).outcome == "klantondersteuning"


def test_override_figures_per_route(client, login_as, make_user, make_response, make_client, login):
    consultant = make_user(Role.CONSULTANT)
    desk = make_client()
    login(consultant, target=desk)
    for n in range(3):
        response = make_response(make_user(Role.APPLICANT))
        data = (
            {"outcome": "zelfdoeners"}
            if n
            else {"outcome": "klantondersteuning", "reason": "Te weinig netwerk."}
        )
        desk.submit(f"/advice/{response.id}/decide", data)
    rows = figure_services.override_figures()
    assert rows == [
        {
            "questionnaire": "entreevragenlijst",
            "scheme": "drie_lijnen",
            "route": "self_starter",
            "outcome": "zelfdoeners",
            "decisions": 3,
            "overridden": 1,
            "share": 33,
            "objections": 0,
            "objections_changed": 0,
        }
    ]
    login_as(Role.TEAM_LEAD)
    html = client.get("/advice/figures").get_data(as_text=True)
    assert "33%" in html and "self_starter" not in html
    assert "Regel 2 van 3: de groep voor Kunnen is “Gemiddeld” of “Hoog” en" in html


def test_unknown_routing_scheme_is_refused():
    with pytest.raises(RuntimeError, match="PORTAL_ROUTING_SCHEME"):
        create_app({"PORTAL_ROUTING_SCHEME": "vier_kwadranten"})


def test_advice_of_another_teams_applicant_is_out_of_scope(
    client, login_as, make_user, make_response
):
    with unit_of_work():
        north, south = Team(name="Noord"), Team(name="Zuid")
        db.session.add_all([north, south])
    registrar = make_user(Role.CONSULTANT)
    with unit_of_work():
        db.session.merge(registrar).team_id = south.id
    theirs = make_user(Role.APPLICANT, name="Zeger Zuid", email="zeger@example.nl")
    with unit_of_work():
        periods.register(
            periods.Registration(
                name=theirs.name,
                born_on=date(1980, 1, 1),
                applied_on=date(2026, 11, 2),
                email=theirs.email,
            ),
            "consultant",
            db.session.merge(registrar),
            utcnow(),
            "nl",
        )
    other_response = make_response(theirs)
    own_response = make_response(make_user(Role.APPLICANT, name="Nora Noord"))
    consultant = login_as(Role.CONSULTANT)
    with unit_of_work():
        db.session.merge(consultant).team_id = north.id
    html = client.get("/advice/").get_data(as_text=True)
    assert "Nora Noord" in html and "Zeger Zuid" not in html
    assert client.get(f"/advice/{other_response.id}").status_code == 404
    assert (
        client.submit(f"/advice/{other_response.id}/decide", {"outcome": "zelfdoeners"}).status_code
        == 404
    )
    assert client.get(f"/advice/{own_response.id}").status_code == 200


def test_queue_queries_do_not_grow_with_the_rows(client, login_as, make_user, make_response):
    login_as(Role.CONSULTANT)
    make_response(make_user(Role.APPLICANT))

    def queries() -> int:
        return queries_for(client, "/advice/")

    few = queries()
    for _ in range(8):
        make_response(make_user(Role.APPLICANT))
    assert queries() == few
