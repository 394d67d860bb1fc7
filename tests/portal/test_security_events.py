"""Security events are logged (who, what, result, client address, time) without personal
content: sign-in, sign-out, password reset, activation, (de)activation, refused access, CSRF."""

import json
import logging
import re

import pytest

from portal.db import db
from portal.mail import OutboxMessage, text_to_send
from portal.people import User
from portal.roles import Role
from tests.conftest import PASSWORD

CLIENT = {"REMOTE_ADDR": "198.51.100.23"}
# Login sessions, passwords being set and second factors have their own events, tested in
# tests/portal/auth/ (test_sessions, test_mfa); here: the other events of the README's list.
OWN_TESTS = ("session.", "password.set", "mfa.")


@pytest.fixture
def events(caplog):
    """The security events logged so far, parsed; every line is checked for personal data."""
    caplog.set_level(logging.INFO, logger="portal.security")

    def logged(*personal: str) -> list[dict]:
        lines = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
        for line in lines:
            assert not [p for p in personal if p.lower() in line.lower()], line
        found = [json.loads(line) for line in lines]
        return [e for e in found if not e["event"].startswith(OWN_TESTS)]

    return logged


def _kinds(logged: list[dict]) -> list[tuple]:
    return [(e["event"], e["result"]) for e in logged]


def _sign_in(client, email, password=PASSWORD):
    return client.submit("/login", {"email": email, "password": password}, environ_base=CLIENT)


def test_sign_in_success_failure_and_sign_out(client, make_user, events):
    user = make_user(Role.APPLICANT, email="sara@example.nl", name="Sara de Vries")
    _sign_in(client, "sara@example.nl", "wrong password!")
    _sign_in(client, "nobody@example.nl")
    _sign_in(client, "sara@example.nl")
    client.submit("/logout", environ_base=CLIENT)
    logged = events("sara@example.nl", "nobody@example.nl", "Sara", "wrong password")
    assert _kinds(logged) == [
        ("login.failure", "refused"),
        ("login.failure", "refused"),
        ("login.success", "ok"),
        ("logout", "ok"),
    ]
    assert [e["actor"] for e in logged] == [user.id, None, user.id, user.id]
    assert [e["detail"] for e in logged[:2]] == ["password", "unknown_account"]
    assert {e["client"] for e in logged} == {"198.51.100.23"} and all(e["at"] for e in logged)


def test_throttled_sign_in(client, make_user, events, app):
    make_user(Role.APPLICANT, email="sara@example.nl")
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] + 1):
        _sign_in(client, "sara@example.nl", "wrong password!")
    assert _kinds(events("sara@example.nl"))[-1] == ("login.throttled", "refused")


def test_password_reset_requested_and_completed(client, make_user, events):
    user = make_user(Role.APPLICANT, email="sara@example.nl")
    client.submit("/forgot-password", {"email": "sara@example.nl"}, environ_base=CLIENT)
    client.submit("/forgot-password", {"email": "nobody@example.nl"}, environ_base=CLIENT)
    mail = db.session.query(OutboxMessage).one()
    link = re.search(r"http://portal\.test(/\S+)", text_to_send(mail))[1]
    client.submit(link, {"password": "a new pass phrase", "confirm": "a new pass phrase"})
    logged = events("sara@example.nl", "nobody@example.nl", link.split("=")[1])
    assert _kinds(logged) == [
        ("password.reset_requested", "ok"),
        ("password.reset_requested", "ignored"),
        ("password.reset", "ok"),
        ("login.success", "ok"),
    ]
    assert logged[0]["actor"] == user.id and logged[2]["actor"] == user.id


def test_activation_and_deactivation(client, login_as, events, make_client, login):
    lead = login_as(Role.TEAM_LEAD)
    client.submit(
        "/admin/accounts/invite", {"name": "Eva Coach", "email": "eva@example.nl", "role": "ecoach"}
    )
    eva = db.session.query(OutboxMessage).one()
    link = re.search(r"http://portal\.test(/\S+)", text_to_send(eva))[1]
    newcomer = make_client()
    newcomer.submit(link, {"password": "a new pass phrase", "confirm": "a new pass phrase"})
    eva_id = db.session.query(User.id).filter_by(email="eva@example.nl").scalar()
    client.submit(f"/admin/accounts/{eva_id}/deactivate")
    client.submit(f"/admin/accounts/{eva_id}/reactivate")
    logged = [e for e in events("eva@example.nl", "Eva") if e["event"] != "login.success"]
    assert _kinds(logged) == [
        ("account.invited", "ok"),
        ("account.activated", "ok"),
        ("account.deactivated", "ok"),
        ("account.reactivated", "ok"),
    ]
    assert logged[0]["actor"] == lead.id and logged[0]["detail"] == f"user={eva_id} role=ecoach"
    assert logged[1]["actor"] == eva_id and logged[2]["detail"] == f"user={eva_id}"


def test_refused_access_csrf_and_object_ids(client, login_as, events):
    applicant = login_as(Role.APPLICANT)
    client.get("/admin/accounts", environ_base=CLIENT)
    client.post("/logout", data={"csrf_token": "forged"}, environ_base=CLIENT)
    client.get("/werkmap/424242", environ_base=CLIENT)
    client.get("/no-such-page", environ_base=CLIENT)  # not an object id: not logged
    logged = [e for e in events() if e["event"] != "login.success"]
    assert _kinds(logged) == [
        ("access.denied", "refused"),
        ("csrf.failure", "refused"),
        ("access.not_found", "refused"),
    ]
    assert logged[0]["endpoint"] == "admin.accounts" and logged[0]["actor"] == applicant.id
    assert "CSRF" in logged[1]["detail"]
    assert logged[2]["detail"] == "entry_id=424242" and logged[2]["endpoint"] == "werkmap.edit"
