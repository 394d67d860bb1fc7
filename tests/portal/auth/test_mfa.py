"""The second factor: staff and volunteers reach no page before it; set-up with a QR code,
codes that work once, recovery codes, the team lead's reset, the demo exception."""

import logging
import re
from urllib.parse import urlsplit

import pyotp
import pytest
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.auth import mfa_services as mfa
from portal.auth.mfa_models import TotpFactor
from portal.auth.session_models import LoginSession
from portal.db import db, unit_of_work
from portal.people import User
from portal.roles import STAFF_ROLES, Role
from tests.conftest import (
    CSRF_RE,
    PASSWORD,
    SECOND_FACTOR_SECRETS,
    pass_second_factor,
    set_up_second_factor,
)
from tests.portal.test_authz_matrix import MATRIX, objects  # noqa: F401 -- a fixture

OPEN_BEFORE = {"static", "home.language", "auth.logout", "auth_session.status"}
OPEN_BEFORE |= {"auth_session.extend", "auth_mfa.setup", "auth_mfa.verify"}
OPEN_BEFORE |= {"auth_passkey.use_options", "auth_passkey.use"}  # a key instead of the code
# Public pages, for anyone without signing in (the health check, the theme, the public
# description of the advice; /metrics answers to its bearer token only): not counted either way.
PUBLIC = {"home.theme", "home.healthz", "intake_algorithm.page", "intake_algorithm.download"}
PUBLIC |= {"operations.scrape"}


def _password_only(client, user):
    response = client.submit("/login", {"email": user.email, "password": PASSWORD})
    assert urlsplit(response.headers["Location"]).path.startswith("/second-factor")
    return response


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_reach_no_page_before_the_second_factor(role, client, make_user, objects):  # noqa: F811
    user = make_user(role)
    _password_only(client, user)
    token = CSRF_RE.search(client.get("/second-factor").get_data(as_text=True)).group(1)
    reached = []
    for endpoint, (method, path, _expected) in sorted(MATRIX.items()):
        if endpoint in OPEN_BEFORE | PUBLIC:
            continue
        url = path.format_map(objects)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token, "locale": "en"})
        location = response.headers.get("Location", "")
        if not (response.status_code == 302 and location.startswith("/second-factor")):
            reached.append((endpoint, response.status_code, location))
    assert reached == []


def test_applicants_need_no_second_factor(client, make_user):
    user = make_user(Role.APPLICANT)
    response = client.submit("/login", {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/start"


def test_set_up_with_a_qr_code_then_a_code_at_every_sign_in(client, make_user, make_client):
    user = make_user(Role.ECOACH, password=PASSWORD)
    with unit_of_work():  # a new colleague: no second factor yet
        db.session.delete(db.session.get(TotpFactor, user.id))
    location = _password_only(client, user).headers["Location"]
    assert location == "/second-factor/setup"
    page = client.get(location).get_data(as_text=True)
    assert "<svg" in page and 'role="img"' in page and "QR-code" in page
    token = CSRF_RE.search(page).group(1)
    wrong = client.post(location, data={"code": "000000", "csrf_token": token})
    wrong = wrong.get_data(as_text=True)
    assert "Deze code klopt niet" in wrong and 'id="code-error"' in wrong
    codes_page, secret = set_up_second_factor(client, location)
    codes = re.findall(r"<li><code>([a-z0-9-]{11})</code>", codes_page.get_data(as_text=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/ecoach").status_code == 200
    stored = db.session.get(TotpFactor, user.id)
    assert secret not in stored.secret_encrypted and stored.confirmed_at is not None

    other = make_client()
    location = _password_only(other, user).headers["Location"]
    assert location == "/second-factor"
    assert other.get("/ecoach").status_code == 302
    SECOND_FACTOR_SECRETS[user.id] = secret
    assert pass_second_factor(other, user, location).headers["Location"] == "/start"
    assert other.get("/ecoach").status_code == 200


def _code_form(client):
    page = client.get("/second-factor").get_data(as_text=True)
    return CSRF_RE.search(page).group(1)


def test_a_code_works_once(client, make_client, make_user):
    user = make_user(Role.CONSULTANT)
    secret = SECOND_FACTOR_SECRETS[user.id]
    code = pyotp.TOTP(secret).now()
    _password_only(client, user)
    ok = client.post("/second-factor", data={"code": code, "csrf_token": _code_form(client)})
    assert ok.headers["Location"] == "/start"
    other = make_client()
    _password_only(other, user)
    again = other.post("/second-factor", data={"code": code, "csrf_token": _code_form(other)})
    assert again.status_code == 200 and "al gebruikt" in again.get_data(as_text=True)


def test_a_recovery_code_works_once(client, make_client, make_user):
    user = make_user(Role.STIP)
    with unit_of_work():
        codes = mfa.new_recovery_codes(user)
    _password_only(client, user)
    used = client.post("/second-factor", data={"code": codes[3], "csrf_token": _code_form(client)})
    assert used.headers["Location"] == "/start"
    assert mfa.recovery_codes_left(user) == 9
    other = make_client()
    _password_only(other, user)
    again = other.post("/second-factor", data={"code": codes[3], "csrf_token": _code_form(other)})
    assert again.status_code == 200


def test_wrong_codes_make_one_wait(client, make_user):
    user = make_user(Role.CONSULTANT)
    _password_only(client, user)
    token = _code_form(client)
    for _ in range(5):
        client.post("/second-factor", data={"code": "123456", "csrf_token": token})
    right = pyotp.TOTP(SECOND_FACTOR_SECRETS[user.id]).now()
    late = client.post("/second-factor", data={"code": right, "csrf_token": token})
    assert late.status_code == 200  # even the right code waits now


def test_a_team_lead_resets_a_colleagues_second_factor(
    client, make_client, make_user, login, login_as, caplog
):
    colleague = make_user(Role.ECOACH)
    theirs = make_client()
    login(colleague, target=theirs)
    lead = login_as(Role.TEAM_LEAD)
    assert "Tweede stap resetten" in client.get(f"/admin/accounts/{colleague.id}").get_data(
        as_text=True
    )
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = client.submit(f"/admin/accounts/{colleague.id}/second-factor/reset")
    assert response.status_code == 302
    assert '"event": "mfa.reset"' in caplog.text
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "mfa.reset"))
    assert (audit.actor_id, audit.subject_id) == (lead.id, colleague.id)
    assert theirs.get("/ecoach").status_code == 302  # signed out at once
    assert db.session.get(TotpFactor, colleague.id) is None
    again = make_client()
    assert _password_only(again, colleague).headers["Location"] == "/second-factor/setup"


def test_a_team_lead_cannot_reset_their_own(client, login_as):
    lead = login_as(Role.TEAM_LEAD)
    html = client.submit(
        f"/admin/accounts/{lead.id}/second-factor/reset", follow_redirects=True
    ).get_data(as_text=True)
    assert "andere teamleider" in html
    assert db.session.get(TotpFactor, lead.id) is not None


def test_the_session_records_when_the_second_factor_was_passed(client, login_as):
    user = login_as(Role.CONSULTANT)
    row = db.session.scalar(select(LoginSession).where(LoginSession.user_id == user.id))
    assert row.second_factor_at is not None


def test_the_demo_exception_needs_demo_mode_and_a_demo_account(make_app, app):
    demo_user = User(role=Role.TEAM_LEAD, email="teamleider@demo.example", name="T")
    other = User(role=Role.TEAM_LEAD, email="lead@gemeente.nl", name="L")
    assert not mfa.demo_skip(demo_user)  # the test app is not in demo mode
    with make_app(PORTAL_DEMO=True).app_context():
        assert mfa.demo_skip(demo_user) and not mfa.demo_skip(other)
    with pytest.raises(RuntimeError, match="Demo"):
        make_app(PORTAL_ENV="production", PORTAL_DEMO=True)
