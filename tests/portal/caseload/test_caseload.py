"""Assigning Zelfdoeners to e-coaches; an e-coach sees their own people's Werkmap and sets
their norm; a consultant sees their team's; nobody else's."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.audit import AuditEvent
from portal.caseload import services
from portal.caseload.models import Assignment
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.portal.queries import queries_for


@pytest.fixture
def zelfdoener(make_user, make_response):
    """An applicant whose Zelfdoeners advice a consultant confirmed."""
    consultant = make_user(Role.CONSULTANT)

    def make(name=None):
        person = make_user(Role.APPLICANT, name=name)
        response = make_response(person)
        with unit_of_work():
            intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", utcnow())
        return person

    return make


def test_automatic_assignment_evens_out_caseloads(app, make_user, zelfdoener, client, login_as):
    anna, _bert = make_user(Role.ECOACH, name="Anna"), make_user(Role.ECOACH, name="Bert")
    people = [zelfdoener() for _ in range(5)]
    with unit_of_work():
        services.assign(people[0].id, anna.id, None, utcnow())
    assert [p.id for p in services.unassigned()] == [p.id for p in people[1:]]
    login_as(Role.TEAM_LEAD)
    html = client.get("/caseload/assign").get_data(as_text=True)
    assert "Zelfdoeners zonder e-coach" in html and people[1].name in html
    assert client.submit("/caseload/assign/all").status_code == 302
    sizes = {coach.name: size for coach, size in services.coaches()}
    assert sizes == {"Anna": 2, "Bert": 3} or sizes == {"Anna": 3, "Bert": 2}
    assert abs(sizes["Anna"] - sizes["Bert"]) <= 1 and services.unassigned() == []
    assert "Elke Zelfdoener heeft een e-coach." in client.get("/caseload/assign").get_data(
        as_text=True
    )


def test_reassignment_keeps_the_history(make_user, zelfdoener, client, login_as):
    anna, bert = make_user(Role.ECOACH, name="Anna"), make_user(Role.ECOACH, name="Bert")
    person = zelfdoener()
    login_as(Role.TEAM_LEAD)
    assert (
        client.submit(f"/caseload/people/{person.id}", {"coach": str(anna.id)}).status_code == 302
    )
    assert (
        client.submit(f"/caseload/people/{person.id}", {"coach": str(bert.id)}).status_code == 302
    )
    history = services.history(person.id)
    assert [(a.coach_id, a.ended_at is None) for a, _coach in history] == [
        (anna.id, False),
        (bert.id, True),
    ]
    html = client.get(f"/caseload/people/{person.id}").get_data(as_text=True)
    assert "Nu: Bert." in html and "Eerdere e-coaches" in html
    html = client.submit(f"/caseload/people/{person.id}", {"coach": "12345"}).get_data(as_text=True)
    assert "Ongeldige keuze." in html and services.coach_of(person.id).id == bert.id
    with pytest.raises(IntegrityError), unit_of_work():
        db.session.add(Assignment(applicant_id=person.id, coach_id=anna.id))


def test_coach_sees_own_people_and_sets_their_norm(
    make_user, zelfdoener, client, login, make_client
):
    coach, other = make_user(Role.ECOACH), make_user(Role.ECOACH)
    mine, theirs = zelfdoener("Mijn Persoon"), zelfdoener("Andere Persoon")
    with unit_of_work():
        services.assign(mine.id, coach.id, None, utcnow())
        services.assign(theirs.id, other.id, None, utcnow())
    login(coach)
    html = client.get("/coach/?show=all").get_data(as_text=True)
    assert "Mijn Persoon" in html and "Andere Persoon" not in html
    assert client.get(f"/people/{theirs.id}/werkmap/").status_code == 404
    assert client.get(f"/people/{theirs.id}/werkmap/cv").status_code == 404
    html = client.get(f"/people/{mine.id}/werkmap/").get_data(as_text=True)
    assert "Logboek van Mijn Persoon" in html and "Wij vragen 2 sollicitaties per week." in html
    assert client.submit(f"/people/{mine.id}/werkmap/", {"weekly": "5"}).status_code == 302
    person_client = make_client()
    login(mine, target=person_client)
    html = person_client.get("/werkmap/weeks").get_data(as_text=True)
    assert "Wij vragen 5 sollicitaties per week." in html
    assert "De norm van de gemeente is 2." in client.get(f"/people/{mine.id}/werkmap/").get_data(
        as_text=True
    )
    actions = db.session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.actor_id == coach.id, AuditEvent.subject_id == mine.id
        )
    ).all()
    assert actions.count("werkmap.read.log") == 3
    assert not db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.actor_id == coach.id, AuditEvent.subject_id == theirs.id
        )
    ).all()


def test_consultant_sees_only_their_teams_people(make_user, client, login):
    consultant = make_user(Role.CONSULTANT)
    person = make_user(Role.APPLICANT, name="Zonder Team")
    login(consultant)
    assert client.get(f"/people/{person.id}/werkmap/cv").status_code == 200
    assert client.get(f"/people/{person.id}/werkmap/period").status_code == 200
    response = client.get(f"/people/{person.id}/werkmap/period.pdf")
    assert response.data.startswith(b"%PDF-")


def test_the_log_page_makes_as_many_queries_for_500_entries_as_for_5(client, login_as):
    user = login_as(Role.APPLICANT)
    day = today(utcnow())

    def add(count):
        with unit_of_work():
            for n in range(count):
                db.session.add(
                    LogEntry(
                        owner_id=user.id,
                        day=day - timedelta(days=n % 60),
                        kind="application",
                        organisation=f"Bedrijf {n}",
                    )
                )

    add(5)
    few = queries_for(client, "/werkmap/")
    add(495)
    many = queries_for(client, "/werkmap/")
    add(500)
    # A page that is not full needs no count (portal.pages): one statement more from a full
    # page on, and then no more however long the log grows.
    assert many == few + 1
    assert queries_for(client, "/werkmap/") == many
