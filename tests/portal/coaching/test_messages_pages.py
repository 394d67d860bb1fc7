"""Message pages cost what they show: a page of the conversation, and no writing on a GET
unless something is unread; only a party of the conversation marks messages read."""

from datetime import timedelta

from sqlalchemy import event, select

from portal.db import db, unit_of_work, utcnow
from portal.messages.models import Message
from portal.roles import Role
from portal.searchperiod.models import Application


def _statements(client, url):
    engine = client.application.extensions["db_engine"]
    seen = []

    def record(_conn, _cursor, statement, *_rest):
        seen.append(" ".join(statement.split()[:2]).upper())  # "UPDATE MESSAGE", "SELECT ..."

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def _messages(person, coach, count, from_person=False, read=True):
    now = utcnow()
    with unit_of_work():
        for n in range(count):
            db.session.add(
                Message(
                    person_id=person.id,
                    author_id=person.id if from_person else coach.id,
                    from_person=from_person,
                    body=f"Bericht nummer {n}.",
                    at=now - timedelta(minutes=count - n),
                    read_at=now if read else None,
                )
            )


def test_a_get_without_unread_messages_writes_nothing(client, login, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Ha Lezer", coach)
    _messages(person, coach, 3)
    login(person)
    assert "UPDATE MESSAGE" not in _statements(client, "/messages/")
    _messages(person, coach, 1, read=False)
    assert "UPDATE MESSAGE" in _statements(client, "/messages/")
    assert "UPDATE MESSAGE" not in _statements(client, "/messages/")


def test_the_person_opening_their_messages_sees_no_badge_and_no_second_count(
    client, login, make_user, zelfdoener
):
    """The menu's badge counted the person's unread messages in a query of its own, after the
    page had counted (and marked) the same: now the page tells the menu."""
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Ja Badge", coach)
    _messages(person, coach, 2, read=False)
    login(person)
    assert "2 ongelezen" in client.get("/my-plan/").get_data(as_text=True)
    seen = _statements(client, "/messages/")
    assert seen.count("SELECT COUNT(*)") == 1 and "UPDATE MESSAGE" in seen
    assert "ongelezen" not in client.get("/messages/").get_data(as_text=True)
    assert "ongelezen" not in client.get("/my-plan/").get_data(as_text=True)


def test_only_a_party_marks_messages_read(client, login, make_user, zelfdoener, make_client):
    coach, consultant = make_user(Role.ECOACH), make_user(Role.CONSULTANT)
    person = zelfdoener("Ia Vraag", coach)
    _messages(person, coach, 2, from_person=True, read=False)
    with unit_of_work():  # the consultant's scope: the person's team (none here)
        pass
    login(consultant)
    html = client.get(f"/coach/people/{person.id}/messages").get_data(as_text=True)
    assert "Bericht nummer 1." in html
    unread = select(Message).where(Message.person_id == person.id, Message.read_at.is_(None))
    assert len(db.session.scalars(unread).all()) == 2
    assert "UPDATE MESSAGE" not in _statements(client, f"/coach/people/{person.id}/messages")
    staff = make_client()
    login(coach, target=staff)
    staff.get(f"/coach/people/{person.id}/messages")
    db.session.expire_all()
    assert db.session.scalars(unread).all() == []
    assert db.session.scalar(select(Application.id)) is None


def test_the_conversation_comes_in_pages(client, login, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Jo Veel", coach)
    _messages(person, coach, 45)
    login(person)
    html = client.get("/messages/").get_data(as_text=True)
    assert "Bericht nummer 44." in html and "Bericht nummer 25." in html
    assert "Bericht nummer 24." not in html and "Oudere berichten" in html
    assert html.index("Bericht nummer 25.") < html.index("Bericht nummer 44.")
    html = client.get("/messages/?page=3").get_data(as_text=True)
    assert "Bericht nummer 4." in html and "Bericht nummer 5." not in html
    assert "Oudere berichten" not in html and "Nieuwere berichten" in html
    # A page past the oldest (an old link) shows the oldest page, as other lists do.
    html = client.get("/messages/?page=9").get_data(as_text=True)
    assert "Bericht nummer 4." in html and "Bericht nummer 5." not in html
    assert "Oudere berichten" not in html and "Nieuwere berichten" in html
