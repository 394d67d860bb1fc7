"""Forgotten password, activation by invitation, deactivation, changing the password."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.auth import services
from portal.auth import token_services as tokens
from portal.auth.models import AccountToken
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage, text_to_send
from portal.people import User
from portal.roles import Role
from tests.conftest import PASSWORD, set_up_second_factor

NEW = "a brand new passphrase"


def _link(message: OutboxMessage) -> str:
    return re.search(r"http://portal\.test(/\S+)", text_to_send(message)).group(1)


def _last_mail() -> OutboxMessage:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()


def test_forgot_password_mails_a_single_use_link(client, make_user):
    user = make_user()
    html = client.submit("/forgot-password", {"email": user.email}).get_data(as_text=True)
    assert "Kijk in uw e-mail" in html
    mail = _last_mail()
    assert mail.recipient == user.email
    assert "Kies een nieuw wachtwoord" in mail.subject
    link = _link(mail)
    assert client.get(link).status_code == 200
    response = client.submit(link, {"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    client.submit("/logout")
    assert "Deze link werkt niet meer" in client.get(link).get_data(as_text=True)
    client.submit("/login", {"email": user.email, "password": NEW})
    assert client.get("/account/").status_code == 200


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    html = client.submit("/forgot-password", {"email": "nobody@example.nl"}).get_data(as_text=True)
    assert "Kijk in uw e-mail" in html
    assert _last_mail() is None


def test_reset_link_expires_after_one_hour(app, make_user):
    user = make_user()
    now = utcnow()
    with unit_of_work():
        token = tokens.issue(user, tokens.RESET, app.config["PASSWORD_RESET_TTL_SECONDS"], now)
    assert tokens.find_valid(token, tokens.RESET, now + timedelta(minutes=59)) is not None
    assert tokens.find_valid(token, tokens.RESET, now + timedelta(minutes=60)) is None
    assert tokens.find_valid(token, tokens.ACTIVATE, now) is None


def test_new_reset_request_makes_the_older_link_useless(app, make_user):
    user = make_user()
    now = utcnow()
    with unit_of_work():
        first = tokens.issue(user, tokens.RESET, 3600, now)
        second = tokens.issue(user, tokens.RESET, 3600, now)
    assert tokens.find_valid(first, tokens.RESET, now) is None
    assert tokens.find_valid(second, tokens.RESET, now) is not None


def test_tokens_are_stored_hashed(app, make_user):
    user = make_user()
    with unit_of_work():
        token = tokens.issue(user, tokens.RESET, 3600, utcnow())
    stored = db.session.scalars(select(AccountToken.token_hash)).all()
    assert token not in stored and len(stored[0]) == 64


def test_reset_requests_are_limited_per_hour(app, make_user):
    user = make_user()
    now = utcnow()
    for _ in range(6):
        with unit_of_work():
            services.request_password_reset(user.email, now, "nl")
    count = db.session.query(OutboxMessage).count()
    assert count == app.config["PASSWORD_RESET_MAX_PER_HOUR"]


def test_weak_new_password_is_refused_next_to_the_field(client, make_user):
    user = make_user()
    client.submit("/forgot-password", {"email": user.email})
    link = _link(_last_mail())
    html = client.submit(link, {"password": "short", "confirm": "short"}).get_data(as_text=True)
    assert "Gebruik minstens 10 tekens." in html and 'id="password-error"' in html
    html = client.submit(link, {"password": NEW, "confirm": NEW + "x"}).get_data(as_text=True)
    assert "De twee wachtwoorden zijn niet hetzelfde." in html


def test_admin_invites_staff_who_activates_by_mail(client, login_as):
    login_as(Role.TEAM_LEAD)
    response = client.submit(
        "/admin/accounts/invite",
        {"name": "Eva Coach", "email": "Eva@Gemeente.nl", "role": "ecoach"},
    )
    assert response.status_code == 302
    mail = _last_mail()
    assert mail.recipient == "eva@gemeente.nl" and "Activeer" in mail.subject
    assert PASSWORD not in mail.body_text
    client.submit("/logout")
    link = _link(mail)
    assert "Activeer uw account" in client.get(link).get_data(as_text=True)
    response = client.submit(link, {"password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/second-factor/setup"  # staff: a second factor
    codes, _secret = set_up_second_factor(client, response.headers["Location"])
    assert "Uw herstelcodes" in codes.get_data(as_text=True)
    assert client.get("/start").headers["Location"] == "/ecoach"


def test_invite_keeps_input_on_duplicate_email(client, login_as, make_user):
    make_user(Role.CONSULTANT, email="taken@gemeente.nl")
    login_as(Role.TEAM_LEAD)
    html = client.submit(
        "/admin/accounts/invite",
        {"name": "Kees", "email": "taken@gemeente.nl", "role": "consultant"},
    ).get_data(as_text=True)
    assert "Er is al een account met dit e-mailadres." in html
    assert 'value="Kees"' in html
    assert re.search(r'<input checked[^>]*value="consultant"', html)


def test_invite_refuses_applicant_role(client, login_as):
    login_as(Role.TEAM_LEAD)
    html = client.submit(
        "/admin/accounts/invite", {"name": "A", "email": "a@gemeente.nl", "role": "applicant"}
    ).get_data(as_text=True)
    assert 'id="role-error"' in html
    assert db.session.scalar(select(User).where(User.email == "a@gemeente.nl")) is None


def test_deactivation_ends_sessions_at_once(make_client, client, make_user, login, login_as):
    staff = make_user(Role.ECOACH)
    staff_client = make_client()
    login(staff, target=staff_client)
    assert staff_client.get("/ecoach").status_code == 200
    login_as(Role.TEAM_LEAD)
    assert client.submit(f"/admin/accounts/{staff.id}/deactivate").status_code == 302
    assert staff_client.get("/ecoach").status_code == 302  # back to the login page
    assert client.submit(f"/admin/accounts/{staff.id}/reactivate").status_code == 302
    assert staff_client.get("/ecoach").status_code == 302  # the old session stays ended


def test_admin_cannot_deactivate_self(client, login_as):
    admin = login_as(Role.TEAM_LEAD)
    html = client.submit(f"/admin/accounts/{admin.id}/deactivate", follow_redirects=True).get_data(
        as_text=True
    )
    assert "U kunt uw eigen account niet blokkeren." in html


def test_applicants_are_not_in_staff_management(client, login_as, make_user):
    applicant = make_user(Role.APPLICANT)
    login_as(Role.TEAM_LEAD)
    assert client.get(f"/admin/accounts/{applicant.id}").status_code == 404
    assert applicant.email not in client.get("/admin/accounts").get_data(as_text=True)


def test_change_password_signs_out_other_devices(make_client, client, make_user, login):
    user = make_user()
    login(user)
    other = make_client()
    login(user, target=other)
    html = client.submit(
        "/account/password", {"current_password": "wrong one!!", "password": NEW, "confirm": NEW}
    ).get_data(as_text=True)
    assert "Uw huidige wachtwoord klopt niet." in html
    response = client.submit(
        "/account/password", {"current_password": PASSWORD, "password": NEW, "confirm": NEW}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert other.get("/account/").status_code == 302
