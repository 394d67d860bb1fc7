"""An invitation to the first conversation for someone without an email address (issue 21): the
screen said "De uitnodiging is verstuurd" although nothing was sent and no letter existed. Now
the consultant is told honestly that a letter must be printed and posted, and gets the letter:
in the person's language, with the municipality's name, address and phone number."""

from datetime import timedelta

from sqlalchemy import func, select

from portal import policy
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.searchperiod.models import ConversationInvite
from tests.portal.searchperiod.test_consult import TODAY, _register, teams

__all__ = ["teams"]

FORM = {"time": "10:30", "mode": "in_person", "place": "Werkplein, Stationsweg 1"}


def _invitation_mails() -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.subject.like("Uitnodiging: eerste gesprek%"))
    )


def _invite(client, application):
    return client.submit(
        f"/consult/{application.id}/invite",
        {**FORM, "day": (TODAY + timedelta(days=3)).isoformat()},
    )


def test_without_email_the_consultant_is_told_to_print_and_post_a_letter(client, teams, login):
    _north, _south, karin, _sven = teams
    with unit_of_work():
        policy.change(None, "PORTAL_MUNICIPALITY_PHONE", "14 0123", utcnow())
        policy.change(None, "PORTAL_MUNICIPALITY_ADDRESS", "Postbus 12\n1234 AB Testdorp", utcnow())
    application = _register(karin, "Bram Zonder Mail", TODAY - timedelta(days=27))
    login(karin)
    response = _invite(client, application)
    assert response.status_code == 302
    invite = db.session.scalar(select(ConversationInvite))
    letter_url = f"/consult/{application.id}/invites/{invite.id}/letter"
    assert response.headers["Location"].endswith(letter_url)
    assert _invitation_mails() == 0
    page = client.get(letter_url).get_data(as_text=True)
    assert "De uitnodiging is verstuurd" not in page
    assert "heeft geen e-mailadres" in page and "per post" in page
    assert "Beste Bram" in page and "Werkplein, Stationsweg 1" in page
    assert "14 0123" in page and "1234 AB Testdorp" in page
    # The letter can be printed again from the application's page.
    assert letter_url in client.get(f"/consult/{application.id}").get_data(as_text=True)


def test_with_email_the_invitation_is_mailed_and_no_letter_is_asked(client, teams, login):
    _north, _south, karin, _sven = teams
    application = _register(
        karin, "Anna Met Mail", TODAY - timedelta(days=27), email="a@example.nl"
    )
    login(karin)
    response = _invite(client, application)
    assert response.headers["Location"].endswith(f"/consult/{application.id}")
    assert _invitation_mails() == 1
    html = client.get(f"/consult/{application.id}").get_data(as_text=True)
    assert "De uitnodiging is gemaild." in html


def test_the_letter_of_another_application_is_not_found(client, teams, login):
    _north, _south, karin, _sven = teams
    one = _register(karin, "Een", TODAY - timedelta(days=27))
    other = _register(karin, "Twee", TODAY - timedelta(days=27))
    login(karin)
    _invite(client, one)
    invite = db.session.scalar(select(ConversationInvite))
    assert client.get(f"/consult/{other.id}/invites/{invite.id}/letter").status_code == 404
    assert client.get(f"/consult/{one.id}/invites/999/letter").status_code == 404
