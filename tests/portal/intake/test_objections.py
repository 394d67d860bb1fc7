"""The applicant objects to the advice before the decision; the consultant sees it first and must
answer it; the applicant reads the answer; the team lead sees objections counted per route."""

from sqlalchemy import select

from portal.audit import AuditEvent
from portal.db import db
from portal.intake.models import OBJECTED, Objection, QuestionnaireResponse, RoutingFigure
from portal.roles import Role

RESULT = "/questions/entreevragenlijst/result"
OBJECT = "/questions/entreevragenlijst/object"


def _object(client, **data):
    return client.submit(OBJECT, {"reasons": ["capacity"], "text": "Ik wil meer hulp.", **data})


def test_objection_before_the_decision_is_shown_first_answered_and_read(
    client, make_client, login, make_user, make_response
):
    applicant = make_user(Role.APPLICANT, name="Anna Bezwaar")
    response = make_response(applicant)
    earlier = make_response(make_user(Role.APPLICANT, name="Bert Eerder"))
    assert earlier.submitted_at >= response.submitted_at  # Bert sent later: Anna is older
    login(applicant)
    page = client.get(RESULT).get_data(as_text=True)
    assert "Ik ben het niet eens" in page
    assert client.submit(OBJECT, {"reasons": [], "text": ""}).status_code == 400
    answer = _object(client)
    assert answer.status_code == 302
    page = client.get(RESULT).get_data(as_text=True)
    assert "U bent het niet eens met het advies" in page and "Ik wil meer hulp." in page
    assert "Ik kan meer dan het advies zegt." in page
    assert "Versturen: ik ben het niet eens" not in page  # once per advice
    assert _object(client).status_code == 400
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "routing.objection"))

    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    queue = desk.get("/advice/").get_data(as_text=True)
    assert queue.index("Anna Bezwaar") < queue.index("Bert Eerder")  # objected advice first
    assert "Niet eens" in queue
    detail = desk.get(f"/advice/{response.id}").get_data(as_text=True)
    assert (
        "De aanvrager is het niet eens met het advies" in detail and "Ik wil meer hulp." in detail
    )
    refused = desk.submit(f"/advice/{response.id}/decide", {"outcome": "zelfdoeners"})
    assert refused.status_code == 400
    assert "Beantwoord het bezwaar." in refused.get_data(as_text=True)
    decided = desk.submit(
        f"/advice/{response.id}/decide",
        {
            "outcome": "klantondersteuning",
            "reason": "Meer hulp nodig.",
            "answer": "U krijgt hulp van een klantondersteuner.",
        },
    )
    assert decided.status_code == 302
    page = client.get(RESULT).get_data(as_text=True)
    assert "Het antwoord van de klantondersteuner" in page
    assert "U krijgt hulp van een klantondersteuner." in page


def test_no_objection_after_the_decision(client, make_client, login, make_user, make_response):
    applicant = make_user(Role.APPLICANT)
    response = make_response(applicant)
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    desk.submit(f"/advice/{response.id}/decide", {"outcome": "zelfdoeners"})
    login(applicant)
    assert "Ik ben het niet eens" not in client.get(RESULT).get_data(as_text=True)
    refused = _object(client)
    assert refused.status_code == 400
    assert "heeft al besloten" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Objection)) is None


def test_objections_are_counted_per_route_with_those_that_changed_the_advice(
    client, make_client, login, make_user, make_response
):
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    for n, changed in enumerate((True, False, None)):
        applicant = make_user(Role.APPLICANT)
        response = make_response(applicant)
        person = make_client()
        login(applicant, target=person)
        if changed is not None:
            assert _object(person).status_code == 302
        data = {"outcome": "zelfdoeners", "answer": f"Antwoord {n}"}
        if changed:
            data = {**data, "outcome": "klantondersteuning", "reason": "Meer hulp."}
        assert desk.submit(f"/advice/{response.id}/decide", data).status_code == 302
    login(make_user(Role.TEAM_LEAD))
    html = client.get("/advice/figures").get_data(as_text=True)
    assert "Bezwaren die tot een ander besluit leidden" in html
    row = html[html.index("Regel 2 van 3") :]  # the rule (self_starter), in words
    cells = [c.split("<")[0] for c in row.split('numeric-data">')[1:6]]
    assert cells == ["3", "1", "33%", "2", "1"]  # decisions, changed, share, objections, changed


def test_objected_advice_leads_the_paged_queue_and_the_monthly_counter(
    make_app, make_user, make_response, login
):
    web = make_app(PAGE_SIZE=2)
    for n in range(4):
        make_response(make_user(Role.APPLICANT, name=f"Eerder {n}"))
    newest = make_user(Role.APPLICANT, name="Nieuw Bezwaar")
    response = make_response(newest)
    person = web.test_client()
    login(newest, target=person)
    assert _object(person).status_code == 302
    db.session.expire_all()
    assert db.session.get(QuestionnaireResponse, response.id).queue_rank == OBJECTED
    desk = web.test_client()
    login(make_user(Role.CONSULTANT), target=desk)
    first = desk.get("/advice/").get_data(as_text=True)
    assert first.index("Nieuw Bezwaar") < first.index("Eerder 0")  # sent last, shown first
    assert "Nieuw Bezwaar" not in desk.get("/advice/?page=2").get_data(as_text=True)
    decided = desk.submit(
        f"/advice/{response.id}/decide",
        {"outcome": "klantondersteuning", "reason": "Meer hulp.", "answer": "U krijgt hulp."},
    )
    assert decided.status_code == 302
    (figure,) = db.session.scalars(select(RoutingFigure)).all()
    counted = (figure.decisions, figure.overridden, figure.objections, figure.objections_changed)
    assert counted == (1, 1, 1, 1)
