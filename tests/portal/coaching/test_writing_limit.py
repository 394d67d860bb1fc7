"""An account writes at most limits.WRITING_LIMIT messages, and as many comments on a plan, an
hour: found by trying as an attacker would (one signed-in account posting the message form in
a loop filled the coach's conversation list and mailbox without end). The next one is refused
next to the field, with what was typed kept, and nothing is saved; a message to many people
counts once; the window passes."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import limits
from portal.db import db, unit_of_work, utcnow
from portal.messages import services
from portal.messages.models import Message
from portal.roles import Role


@pytest.fixture(autouse=True)
def small_limit(monkeypatch):
    monkeypatch.setattr(limits, "WRITING_LIMIT", 3)


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_fourth_message_within_the_hour_is_refused_and_kept_in_the_form(
    client, login, make_user, zelfdoener
):
    person = zelfdoener("Lotte Veel", make_user(Role.ECOACH))
    login(person)
    for n in range(3):
        assert client.submit("/messages/", {"body": f"Bericht {n}"}).status_code == 302
    response = client.submit("/messages/", {"body": "Nog een bericht"})
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    assert "Wacht 60 minuten en probeer het opnieuw." in html and 'id="body-error"' in html
    assert "Nog een bericht</textarea>" in html  # what was typed is kept
    assert _count(Message) == 3


def test_the_window_passes_and_a_refused_message_does_not_count(app, make_user, zelfdoener):
    person = zelfdoener("Mo Later", make_user(Role.ECOACH))
    now = utcnow()
    with app.test_request_context():
        for n in range(3):
            with unit_of_work():
                services.send(person, person, f"Bericht {n}", now)
        for _ in range(2):
            with pytest.raises(Exception, match="Wacht 59 minuten"), unit_of_work():
                services.send(person, person, "Te veel", now + timedelta(minutes=1))
        with unit_of_work():
            services.send(person, person, "Later", now + limits.WRITING_WINDOW)
    assert _count(Message) == 4


def test_a_message_to_many_people_counts_once(client, login, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    people = [zelfdoener(f"Persoon {n}", coach) for n in range(5)]
    login(coach)
    selected = [str(p.id) for p in people]
    for _ in range(3):
        response = client.submit("/coach/message", {"person": selected, "body": "Hoi!"})
        assert response.status_code == 302
    assert _count(Message) == 15
    response = client.submit("/coach/message", {"person": selected, "body": "Nog eens hoi!"})
    assert "Wacht 60 minuten" in response.get_data(as_text=True)
    assert _count(Message) == 15
