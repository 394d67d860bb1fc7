"""Starting, consenting to, ending and revoking an assisted session; codes and their limits."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.acting import AssistedSession
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.roles import Role
from portal.searchperiod.models import Application
from tests.portal.stip.conftest import BORN, new_code


def test_code_and_date_of_birth_must_match_exactly(client, login, person, volunteer):
    login(volunteer)
    code = new_code(person)
    html = client.submit("/help-point/", {"born_on": "1985-03-10", "code": code}).get_data(
        as_text=True
    )
    assert "De code en de geboortedatum horen niet bij elkaar." in html
    assert db.session.scalar(select(AssistedSession)) is None
    # The code still works with the right date; then it is used up.
    assert (
        client.submit("/help-point/", {"born_on": BORN.isoformat(), "code": code}).status_code
        == 302
    )
    client.submit("/help-point/consent", {"answer": "no"})
    html = client.submit("/help-point/", {"born_on": BORN.isoformat(), "code": code}).get_data(
        as_text=True
    )
    assert "horen niet bij elkaar" in html


def test_ten_wrong_codes_make_the_volunteer_wait(client, login, person, volunteer):
    login(volunteer)
    for _ in range(10):
        client.submit("/help-point/", {"born_on": BORN.isoformat(), "code": "AAAA-AAAA"})
    html = client.submit(
        "/help-point/", {"born_on": BORN.isoformat(), "code": new_code(person)}
    ).get_data(as_text=True)
    assert "Te vaak een verkeerde code." in html


def test_a_volunteer_without_a_location_cannot_start(client, login, person, make_user):
    login(make_user(Role.STIP))
    html = client.submit(
        "/help-point/", {"born_on": BORN.isoformat(), "code": new_code(person)}
    ).get_data(as_text=True)
    assert "Uw account hoort nog niet bij een STIP-locatie." in html


def test_consent_screen_is_in_the_persons_language(client, login, person, volunteer):
    with unit_of_work():
        db.session.merge(person).locale = "en"
    login(volunteer)
    client.submit("/help-point/", {"born_on": BORN.isoformat(), "code": new_code(person)})
    html = client.get("/help-point/consent").get_data(as_text=True)
    assert "Do you want help from Stefan?" in html and "Yes, I agree" in html
    assert "read your messages" in html and 'lang="en"' in html
    assert "Laat de persoon dit lezen" in html  # the volunteer's own words stay Dutch
    client.submit("/help-point/consent", {"answer": "no"})
    session = db.session.scalar(select(AssistedSession))
    db.session.refresh(session)
    assert session.ended_by == "refused" and session.consented_at is None
    assert client.get("/werkmap/new").status_code == 403


def test_session_ends_after_two_hours_when_stopped_or_revoked(helping, make_client, login, person):
    assert helping.get("/werkmap/new").status_code == 200
    assert "U helpt Fatma voor STIP De Wijkpost" in helping.get("/werkmap/new").get_data(
        as_text=True
    )
    session = db.session.scalar(select(AssistedSession))
    with unit_of_work():
        db.session.merge(session).expires_at = utcnow() - timedelta(seconds=1)
    assert helping.get("/werkmap/new").status_code == 403
    with unit_of_work():
        db.session.merge(session).expires_at = utcnow() + timedelta(hours=1)
    assert helping.get("/werkmap/new").status_code == 200

    own = make_client()
    login(person, target=own)
    html = own.get("/my-help/").get_data(as_text=True)
    assert "STIP De Wijkpost" in html and "Loopt nog" in html
    assert own.submit(f"/my-help/{session.id}/stop").status_code == 302
    assert helping.get("/werkmap/new").status_code == 403
    assert helping.get("/help-point/session").status_code == 302
    assert "Gestopt op" in own.get("/my-help/").get_data(as_text=True)


def test_volunteer_stops_and_another_person_cannot_revoke(helping, make_client, make_user, login):
    session = db.session.scalar(select(AssistedSession))
    stranger = make_client()
    login(make_user(Role.APPLICANT), target=stranger)
    assert stranger.submit(f"/my-help/{session.id}/stop").status_code == 404
    assert helping.submit("/help-point/end").status_code == 302
    db.session.refresh(session)
    assert session.ended_by == "volunteer"
    assert helping.get("/questions/").status_code == 403


def test_code_on_screen_and_by_mail(client, login, person, volunteer, make_client):
    login(person)
    html = client.submit("/my-help/code").get_data(as_text=True)
    assert "Uw code is:" in html and "30 minuten" in html
    other = make_client()
    login(volunteer, target=other)
    other.submit("/help-point/send-code", {"email": person.email.upper()})
    other.submit("/help-point/send-code", {"email": "niemand@example.nl"})
    mails = db.session.scalars(select(OutboxMessage)).all()
    assert [m.recipient for m in mails if m.subject == "Uw code voor het hulppunt"] == [
        person.email
    ]


def test_a_consultant_prints_a_letter_code_that_starts_a_session(
    client, login, person, volunteer, make_user, make_client
):
    application = db.session.scalar(
        select(Application).where(Application.applicant_id == person.id)
    )
    consultant = make_client()
    login(make_user(Role.CONSULTANT), target=consultant)
    assert "Print een brief met een hulpcode" in consultant.get(
        f"/consult/{application.id}"
    ).get_data(as_text=True)
    html = consultant.submit(f"/consult/{application.id}/help-letter").get_data(as_text=True)
    code = re.search(r'<p class="portal-code"[^>]*>([A-Z0-9-]+)</p>', html).group(1)
    assert "De code werkt één keer, 60 dagen lang." in html
    login(volunteer)
    assert (
        client.submit("/help-point/", {"born_on": BORN.isoformat(), "code": code}).headers[
            "Location"
        ]
        == "/help-point/consent"
    )
