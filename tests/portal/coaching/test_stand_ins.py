"""Stand-ins: requested by a coach or set by the team lead, approved by the team lead, at most
30 days, told to the colleague (a mail without anyone's data, a line in the portal), audited.
A coach can no longer open a colleague's caseload by themselves."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.clock import today
from portal.coaching.models import StandIn
from portal.db import db, utcnow
from portal.mail import OutboxMessage
from portal.roles import Role

ON = today(utcnow())


@pytest.fixture
def team(make_user, zelfdoener):
    coach = make_user(Role.ECOACH, name="Anna Coach")
    colleague = make_user(Role.ECOACH, name="Cees Collega", email="cees@gemeente.nl")
    lead = make_user(Role.TEAM_LEAD, name="Tom Teamleider")
    theirs = zelfdoener("Dana Van Cees", colleague)
    return coach, colleague, lead, theirs


def _request(client, colleague, days=7, reason="Vakantie", starts=ON):
    return client.submit(
        "/coach/stand-in",
        {
            "colleague": str(colleague.id),
            "starts_on": starts.isoformat(),
            "until": (starts + timedelta(days=days - 1)).isoformat(),
            "reason": reason,
        },
    )


def _stand_ins() -> list[StandIn]:
    db.session.expire_all()
    return list(db.session.scalars(select(StandIn).order_by(StandIn.id)))


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_coach_cannot_give_themselves_a_colleagues_caseload(client, login, team):
    coach, colleague, _lead, theirs = team
    login(coach)
    assert _request(client, colleague).status_code == 302
    assert client.get(f"/coach/people/{theirs.id}").status_code == 404
    assert "Dana Van Cees" not in client.get("/coach/?show=all").get_data(as_text=True)
    [stand_in] = _stand_ins()
    assert stand_in.status == "requested" and stand_in.requested_by_id == coach.id
    assert "stand_in.request" in _actions()
    assert "Wacht op de teamleider" in client.get("/coach/stand-in").get_data(as_text=True)


def test_the_team_lead_approves_and_the_colleague_is_told(client, login, team, make_client):
    coach, colleague, lead, theirs = team
    login(coach)
    _request(client, colleague)
    boss = make_client()
    login(lead, target=boss)
    page = boss.get("/stand-ins/").get_data(as_text=True)
    assert "Anna Coach" in page and "Cees Collega" in page and "Vakantie" in page
    [stand_in] = _stand_ins()
    assert boss.submit(f"/stand-ins/{stand_in.id}", {"action": "approve"}).status_code == 302
    assert client.get(f"/coach/people/{theirs.id}").status_code == 200
    html = client.get("/coach/?show=all").get_data(as_text=True)
    assert "Dana Van Cees" in html and "Ter vervanging van Cees Collega" in html
    [mail] = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "cees@gemeente.nl")
    ).all()
    assert "vervangt u" in mail.body_text
    for personal in ("Dana", "Anna", "Vakantie"):
        assert personal not in mail.body_text and personal not in mail.subject
    own = make_client()
    login(colleague, target=own)
    assert "Anna Coach vervangt u" in own.get("/coach/").get_data(as_text=True)
    assert {"stand_in.request", "stand_in.approve"} <= set(_actions())


def test_at_most_30_days_and_a_reason(client, login, team, make_client):
    coach, colleague, lead, _theirs = team
    login(coach)
    assert "Zeg waarom" in _request(client, colleague, reason="").get_data(as_text=True)
    html = _request(client, colleague, days=31).get_data(as_text=True)
    assert "hoogstens 30 dagen" in html and _stand_ins() == []
    assert _request(client, colleague, days=30).status_code == 302
    boss = make_client()
    login(lead, target=boss)
    html = boss.submit(
        "/stand-ins/",
        {
            "coach": str(coach.id),
            "colleague": str(colleague.id),
            "starts_on": ON.isoformat(),
            "until": (ON + timedelta(days=30)).isoformat(),
            "reason": "Ziekte",
        },
    ).get_data(as_text=True)
    assert "hoogstens 30 dagen" in html and len(_stand_ins()) == 1


def test_the_team_lead_sets_one_and_ends_it(client, login, team, make_client):
    coach, colleague, lead, theirs = team
    boss = make_client()
    login(lead, target=boss)
    response = boss.submit(
        "/stand-ins/",
        {
            "coach": str(coach.id),
            "colleague": str(colleague.id),
            "starts_on": ON.isoformat(),
            "until": (ON + timedelta(days=3)).isoformat(),
            "reason": "Ziekte",
        },
    )
    assert response.status_code == 302
    login(coach)
    assert client.get(f"/coach/people/{theirs.id}").status_code == 200
    [stand_in] = _stand_ins()
    assert stand_in.status == "approved" and stand_in.decided_by_id == lead.id
    assert boss.submit(f"/stand-ins/{stand_in.id}", {"action": "end"}).status_code == 302
    assert client.get(f"/coach/people/{theirs.id}").status_code == 404
    assert {"stand_in.set", "stand_in.end"} <= set(_actions())


def test_a_refused_request_opens_nothing(client, login, team, make_client):
    coach, colleague, lead, theirs = team
    login(coach)
    _request(client, colleague)
    boss = make_client()
    login(lead, target=boss)
    [stand_in] = _stand_ins()
    boss.submit(f"/stand-ins/{stand_in.id}", {"action": "refuse"})
    assert _stand_ins()[0].status == "refused"
    assert client.get(f"/coach/people/{theirs.id}").status_code == 404
    assert "Afgewezen" in client.get("/coach/stand-in").get_data(as_text=True)


def test_coaches_cannot_decide(client, login, team):
    coach, colleague, _lead, _theirs = team
    login(coach)
    _request(client, colleague)
    [stand_in] = _stand_ins()
    assert client.submit(f"/stand-ins/{stand_in.id}", {"action": "approve"}).status_code == 403
    assert client.get("/stand-ins/").status_code == 403
    assert _stand_ins()[0].status == "requested"


def test_the_request_form_offers_only_other_coaches(client, login, team, make_user):
    coach, _colleague, _lead, _theirs = team
    make_user(Role.CONSULTANT, name="Karin Consulent")
    login(coach)
    html = client.get("/coach/stand-in").get_data(as_text=True)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    assert "Cees Collega" in options and "Anna Coach" not in options
    assert "Karin Consulent" not in options
