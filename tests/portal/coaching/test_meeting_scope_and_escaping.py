"""Meeting invitees are need-to-know: an e-coach sees and records attendance only for their own
people, the team lead for everyone. Staff names are escaped on every team lead's page."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import db, unit_of_work, utcnow
from portal.meetings import services
from portal.meetings.models import Invitation, Meeting
from portal.roles import Role


@pytest.fixture
def meeting_with_two_coaches(make_user, zelfdoener):
    anna, bert = make_user(Role.ECOACH, name="Anna Coach"), make_user(Role.ECOACH, name="Bert")
    with unit_of_work():
        meeting = Meeting(
            starts_at=utcnow() + timedelta(days=3),
            place="Werkplein",
            capacity=10,
            created_at=utcnow(),
        )
        db.session.add(meeting)
    annas, berts = zelfdoener("Olga Van Anna", anna), zelfdoener("Piet Van Bert", bert)
    with unit_of_work():
        services.invite(db.session.merge(meeting), [annas.id, berts.id], utcnow())
    return meeting, anna, bert, annas, berts


def _attended() -> dict:
    db.session.expire_all()
    return dict(db.session.execute(select(Invitation.person_id, Invitation.attended)).all())


def test_a_coach_sees_and_records_only_their_own_people(
    client, login, make_client, meeting_with_two_coaches
):
    meeting, anna, bert, annas, berts = meeting_with_two_coaches
    other = make_client()
    login(bert, target=other)
    other.submit(f"/meetings/{meeting.id}", {"action": "attendance", "present": [str(berts.id)]})
    assert _attended() == {annas.id: None, berts.id: True}
    login(anna)
    html = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Olga Van Anna" in html and "Piet Van Bert" not in html
    # Anna posts attendance for both: only her own person changes, Bert's stays as he saved it.
    client.submit(
        f"/meetings/{meeting.id}",
        {"action": "attendance", "present": [str(annas.id)]},
    )
    client.submit(
        f"/meetings/{meeting.id}",
        {"action": "attendance", "present": [str(annas.id), str(berts.id)]},
    )
    assert _attended() == {annas.id: True, berts.id: True}
    client.submit(f"/meetings/{meeting.id}", {"action": "attendance"})
    assert _attended() == {annas.id: False, berts.id: True}


def test_the_team_lead_sees_and_records_everyone(client, login_as, meeting_with_two_coaches):
    meeting, _anna, _bert, annas, berts = meeting_with_two_coaches
    login_as(Role.TEAM_LEAD)
    html = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Olga Van Anna" in html and "Piet Van Bert" in html
    client.submit(f"/meetings/{meeting.id}", {"action": "attendance", "present": [str(berts.id)]})
    assert _attended() == {annas.id: False, berts.id: True}


HOSTILE = '<img src=x onerror="alert(1)">Eva'
TEAM_LEAD_PAGES = [
    "/caseload/assign",
    "/caseload/people/{person}",
    "/caseload/coaches/{coach}",
    "/admin/accounts",
    "/admin/accounts/{coach}",
    "/stand-ins/",
    "/meetings/{meeting}",
    "/help-points/",
]


@pytest.mark.parametrize("page", TEAM_LEAD_PAGES)
def test_a_staff_name_is_escaped_on_team_lead_pages(page, client, login_as, make_user, zelfdoener):
    coach = make_user(Role.ECOACH, name=HOSTILE)
    person = zelfdoener("Olga", coach)
    with unit_of_work():
        meeting = Meeting(
            starts_at=utcnow() + timedelta(days=3),
            place="Werkplein",
            capacity=10,
            created_at=utcnow(),
        )
        db.session.add(meeting)
        db.session.flush()
        services.invite(meeting, [person.id], utcnow())
    login_as(Role.TEAM_LEAD)
    response = client.get(page.format(person=person.id, coach=coach.id, meeting=meeting.id))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<img src=x" not in html
