"""Accounts without email: activated with the letter code, signed in with a client number and
a password, never mailed, told on the start page what others learn by mail, and a new password
through staff (a new letter with a code)."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.messages import services as messages
from portal.people import User
from portal.roles import Role
from portal.searchperiod import consult_services
from portal.searchperiod.models import Application
from tests.conftest import PASSWORD
from tests.portal.searchperiod.test_registration import ADULT, TODAY

NEW_PASSWORD = "een ander lang wachtwoord 2026"
CODE = re.compile(r'class="portal-code"[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<')


def _registered_without_email(client, login_as) -> str:
    """A STIP volunteer registers Jan Jansen without email; the code on the printed letter."""
    login_as(Role.STIP)
    html = client.submit(
        "/search-period/register", {**ADULT, "email": "", "applied_on": TODAY.isoformat()}
    ).get_data(as_text=True)
    client.submit("/logout")
    return CODE.search(html).group(1)


def _activate(client, code: str, password: str = PASSWORD, email: str = ""):
    return client.submit(
        "/activate-code",
        {
            "code": code,
            "born_on": ADULT["born_on"],
            "email": email,
            "password": password,
            "confirm": password,
        },
    )


def _person() -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.name == ADULT["name"]))


def _mails() -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage)).all()


def test_activate_with_a_letter_code_and_no_email(client, login_as):
    code = _registered_without_email(client, login_as)
    response = _activate(client, code)
    assert response.status_code == 302
    person = _person()
    assert person.is_activated and person.email is None
    assert re.fullmatch(r"\d{8}", person.client_number)
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    number = f"{person.client_number[:4]} {person.client_number[4:]}"
    assert f"Uw klantnummer is {number}." in page  # said once, on the page after activating
    assert number in client.get("/account/").get_data(as_text=True)  # and always here


def test_sign_in_with_the_client_number(client, login_as):
    _activate(client, _registered_without_email(client, login_as))
    number = _person().client_number
    client.submit("/logout")
    assert "/login/client-number" in client.get("/login").get_data(as_text=True)
    wrong = client.submit("/login/client-number", {"number": number, "password": "fout"})
    assert "Het klantnummer of het wachtwoord klopt niet." in wrong.get_data(as_text=True)
    unknown = client.submit("/login/client-number", {"number": "0000 0000", "password": PASSWORD})
    assert "Het klantnummer of het wachtwoord klopt niet." in unknown.get_data(as_text=True)
    ok = client.submit(
        "/login/client-number", {"number": f" {number[:4]} {number[4:]} ", "password": PASSWORD}
    )
    assert ok.status_code == 302
    assert client.get("/start").headers["Location"] == "/applicant"


def test_nothing_is_mailed_and_the_start_page_tells_instead(client, login_as, make_user):
    _activate(client, _registered_without_email(client, login_as))
    person = _person()
    application = db.session.scalar(select(Application).filter_by(applicant_id=person.id))
    consultant = make_user(Role.CONSULTANT)
    coach = make_user(Role.ECOACH)
    now = utcnow()
    with unit_of_work():
        consult_services.invite(
            consultant, application, now + timedelta(days=3), "in_person", "Stadhuis", now
        )
        messages.send(person, coach, "Hallo Jan", now)
    assert _mails() == []
    page = client.get("/applicant").get_data(as_text=True)
    assert "Uw gesprek met de gemeente: " in page
    assert "U hebt 1 nieuw bericht" in page


def test_a_new_password_through_staff_with_a_new_letter(client, login_as, make_user):
    _activate(client, _registered_without_email(client, login_as))
    person = _person()
    number = person.client_number
    client.submit("/logout")
    forgot = client.get("/forgot-password").get_data(as_text=True)
    assert "Geen e-mailadres?" in forgot  # ask the municipality for a new letter
    login_as(Role.FUNCTIONAL_ADMIN)
    letter = client.submit(f"/beheer/people/applicants/{person.id}/letter")
    assert letter.status_code == 200
    code = CODE.search(letter.get_data(as_text=True)).group(1)
    client.submit("/logout")
    assert _activate(client, code, NEW_PASSWORD).status_code == 302
    client.submit("/logout")
    old = client.submit("/login/client-number", {"number": number, "password": PASSWORD})
    assert old.status_code == 200  # the old password no longer works
    new = client.submit("/login/client-number", {"number": number, "password": NEW_PASSWORD})
    assert new.status_code == 302
    assert _person().client_number == number and _person().email is None
    assert _mails() == []
