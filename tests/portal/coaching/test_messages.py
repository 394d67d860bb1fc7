"""Messages: both ways, read receipts, unread counts, content-free notices at most hourly,
attachments by the file rules, safe links, ready texts and writing to many; scope."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.messages import services
from portal.messages.models import Message, Notice
from portal.roles import Role


def _mails(to: str) -> list[OutboxMessage]:
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == to)).all()


def test_conversation_with_receipts_and_hourly_notices(
    client, login, make_user, make_client, zelfdoener
):
    coach = make_user(Role.ECOACH, name="Eva Coach")
    person = zelfdoener("Fatma Yılmaz", coach)
    login(person)
    html = client.get("/messages/").get_data(as_text=True)
    assert "Uw e-coach is Eva Coach." in html and "Nog geen berichten." in html
    for text in ("Mijn vraag over de sollicitatie", "Nog iets", "En nog iets"):
        assert client.submit("/messages/", {"body": text}).status_code == 302
    coach_mails = _mails(coach.email)
    assert len(coach_mails) == 1  # a burst gives one notice
    assert coach_mails[0].subject == "U heeft een nieuw bericht in het portaal"
    assert "sollicitatie" not in coach_mails[0].body_text
    assert "nog niet gelezen" in client.get("/messages/").get_data(as_text=True)

    staff = make_client()
    login(coach, target=staff)
    assert "3 ongelezen" in staff.get("/coach/").get_data(as_text=True)
    html = staff.get(f"/coach/people/{person.id}/messages").get_data(as_text=True)
    assert "Mijn vraag over de sollicitatie" in html
    assert "3 ongelezen" not in staff.get("/coach/").get_data(as_text=True)
    assert (
        staff.submit(
            f"/coach/people/{person.id}/messages",
            {"body": "Dag Fatma,\nkijk op https://werk.nl/vacatures?x=1&y=2."},
        ).status_code
        == 302
    )
    assert len(_mails(person.email)) == 1
    html = client.get("/messages/").get_data(as_text=True)
    assert 'href="https://werk.nl/vacatures?x=1&amp;y=2"' in html
    assert 'rel="noopener noreferrer nofollow"' in html and "Dag Fatma,<br>" in html
    assert "gelezen" in html
    # An hour later a new message gives a new notice.
    with unit_of_work():
        db.session.get(Notice, coach.id).last_at = utcnow() - timedelta(hours=1, seconds=1)
    client.submit("/messages/", {"body": "Nieuwe vraag"})
    assert len(_mails(coach.email)) == 2


def test_html_in_messages_is_shown_as_text(client, login, zelfdoener, make_user):
    person = zelfdoener("Gert", make_user(Role.ECOACH))
    login(person)
    client.submit("/messages/", {"body": "<script>alert(1)</script> javascript:alert(1)"})
    html = client.get("/messages/").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_attachments_follow_the_file_rules_and_scope(
    client, login, make_user, make_client, zelfdoener
):
    coach, other = make_user(Role.ECOACH), make_user(Role.ECOACH)
    person = zelfdoener("Hans", coach)
    login(person)
    html = client.submit(
        "/messages/",
        {"body": "Mijn brief", "file": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 50), "brief.pdf")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Dit soort bestand kan niet." in html and "Mijn brief" in html
    assert (
        client.submit(
            "/messages/",
            {"body": "Mijn brief", "file": (io.BytesIO(b"%PDF-1.4 brief"), "brief.pdf")},
            content_type="multipart/form-data",
        ).status_code
        == 302
    )
    message = db.session.scalar(select(Message))
    mine = make_client()
    login(coach, target=mine)
    url = f"/coach/people/{person.id}/messages/{message.id}/attachment"
    response = mine.get(url)
    assert response.data == b"%PDF-1.4 brief"
    response.close()
    theirs = make_client()
    login(other, target=theirs)
    for path in (url, f"/coach/people/{person.id}/messages", f"/coach/people/{person.id}"):
        assert theirs.get(path).status_code == 404, path
    stranger = make_client()
    login(make_user(Role.APPLICANT), target=stranger)
    assert stranger.get(f"/messages/{message.id}/attachment").status_code == 404


def test_ready_texts_and_writing_to_many(client, login, make_user, make_client, zelfdoener):
    lead = make_client()
    login(make_user(Role.TEAM_LEAD), target=lead)
    assert (
        lead.submit(
            "/message-templates/",
            {
                "title": "Logboek",
                "body": "Dag {first_name}, wil je je sollicitaties bijhouden? Groet, {coach_name}",
            },
        ).status_code
        == 302
    )
    html = lead.submit("/message-templates/", {"title": "Logboek", "body": "x"}).get_data(
        as_text=True
    )
    assert "Er is al een tekst met deze titel." in html
    template = services.templates()[0]
    coach = make_user(Role.ECOACH, name="Eva Coach")
    one, two = zelfdoener("Ilse Een", coach), zelfdoener("Jan Twee", coach)
    login(coach)
    html = client.get(f"/coach/people/{one.id}/messages?template={template.id}").get_data(
        as_text=True
    )
    assert "Dag Ilse, wil je je sollicitaties bijhouden? Groet, Eva" in html
    assert (
        client.submit(
            "/coach/message", {"person": [str(one.id), str(two.id)], "body": "Hoi {first_name}!"}
        ).status_code
        == 302
    )
    bodies = sorted(db.session.scalars(select(Message.body)))
    assert bodies == ["Hoi Ilse!", "Hoi Jan!"]
    outsider = zelfdoener("Karel Elders", make_user(Role.ECOACH))
    html = client.get(f"/coach/message?person={outsider.id}").get_data(as_text=True)
    assert "Karel Elders" not in html and "Niemand is gekozen." in html


@pytest.mark.parametrize("body", ["Dag {voornaam}, hoe gaat het?", "Dag {first_name, tot ziens"])
def test_unknown_placeholders_are_refused_at_save(client, login, make_user, zelfdoener, body):
    """{voornaam} was saved and sent to applicants as it was written."""
    login(make_user(Role.TEAM_LEAD))
    response = client.submit("/message-templates/", {"title": "Hallo", "body": body})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "kan niet worden ingevuld" in html
    assert "{first_name}" in html and services.templates() == []
    assert body.split(",")[0] in html  # what was typed is kept


def test_unknown_placeholders_are_refused_when_writing_to_many(
    client, login, make_user, zelfdoener
):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Ilse Een", coach)
    login(coach)
    response = client.submit("/coach/message", {"person": [str(person.id)], "body": "Hoi {naam}"})
    assert "{naam} kan niet worden ingevuld" in response.get_data(as_text=True)
    assert db.session.scalars(select(Message)).all() == []
