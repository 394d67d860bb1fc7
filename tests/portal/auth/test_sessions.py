"""Server-side sessions: logout, time-outs, password change and "everywhere" really end them;
a form posted after a time-out is kept and comes back after signing in again."""

import logging
from datetime import timedelta

from sqlalchemy import select

from portal.auth.session_models import KeptForm, LoginSession
from portal.db import db, unit_of_work
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.conftest import PASSWORD
from tests.portal.intake.test_applicant import BASE, _data, _response
from tests.portal.queries import statements_for
from tests.portal.werkmap.test_log import ENTRY
from tests.questionnaires.test_golden import SELF_STARTER


def _sessions(user) -> list[LoginSession]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id)
        )
    )


def _age(user, idle: timedelta = timedelta(0), lived: timedelta = timedelta(0)) -> None:
    """As if the open sessions were last used `idle` ago and started `lived` earlier."""
    with unit_of_work():
        for row in _sessions(user):
            if row.ended_at is None:
                row.last_seen_at -= idle
                row.created_at -= lived
                row.expires_at -= lived


def _signed_in(client) -> bool:
    return client.get("/account/").status_code == 200


def test_the_cookie_holds_only_a_random_id_whose_hash_is_stored(client, login_as):
    user = login_as(Role.APPLICANT)
    [row] = _sessions(user)
    cookie = client.get_cookie("session").value
    assert row.token_hash not in cookie and len(row.token_hash) == 64
    assert row.method == "password" and row.ended_at is None


def test_a_cookie_saved_before_logout_is_refused(client, login_as):
    login_as(Role.APPLICANT)
    saved = client.get_cookie("session").value
    assert client.get("/werkmap/").status_code == 200
    client.submit("/logout")
    client.set_cookie("session", saved)  # the attacker's copy, or the back button on a shared PC
    response = client.get("/werkmap/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_an_old_style_cookie_without_a_session_id_is_refused(app, client, make_user):
    """A cookie signed 30 days ago with the secret key named the account; now it opens
    nothing: only a session id whose record is open counts."""
    user = make_user(Role.APPLICANT)
    serializer = app.session_interface.get_signing_serializer(app)
    client.set_cookie("session", serializer.dumps({"_user_id": f"{user.id}:1", "_fresh": True}))
    assert client.get("/werkmap/").status_code == 302


def test_sixteen_minutes_idle_is_refused_fourteen_is_not(client, login_as):
    user = login_as(Role.APPLICANT)
    _age(user, idle=timedelta(minutes=14))
    assert _signed_in(client)  # and that request was activity
    _age(user, idle=timedelta(minutes=16))
    assert not _signed_in(client)
    assert _sessions(user)[0].end_reason == "idle"


def test_thirteen_hours_is_refused_however_active(client, login_as):
    user = login_as(Role.APPLICANT)
    _age(user, lived=timedelta(hours=11, minutes=50))
    assert _signed_in(client)
    _age(user, lived=timedelta(hours=1, minutes=10))
    assert not _signed_in(client)
    assert _sessions(user)[0].end_reason == "absolute"


def test_staff_sessions_last_ten_hours(client, login_as):
    user = login_as(Role.CONSULTANT)
    [row] = _sessions(user)
    assert row.expires_at - row.created_at == timedelta(hours=10)
    _age(user, lived=timedelta(hours=10, minutes=1))
    assert not _signed_in(client)


def test_the_status_does_not_count_as_activity_staying_signed_in_does(client, login_as):
    user = login_as(Role.APPLICANT)
    _age(user, idle=timedelta(minutes=13))
    status = client.get("/session/status").get_json()
    assert 100 <= status["seconds_left"] <= 120
    assert client.get("/session/status").get_json()["seconds_left"] <= 120
    response = client.submit("/session/extend", headers={"Accept": "application/json"})
    assert response.get_json()["seconds_left"] > 14 * 60
    html = client.get("/account/").get_data(as_text=True)
    assert 'id="session-warning"' in html and "hidden" in html  # shown by the script


def test_a_password_change_ends_the_other_sessions_not_this_one(
    make_client, client, login_as, login
):
    user = login_as(Role.APPLICANT)
    other = make_client()
    login(user, target=other)
    new = "een nieuw en lang wachtwoord"
    response = client.submit(
        "/account/password", {"current_password": PASSWORD, "password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert _signed_in(client) and not _signed_in(other)
    assert [row.end_reason for row in _sessions(user)] == [None, "password"]


def test_sign_out_everywhere(make_client, client, login_as, login):
    user = login_as(Role.APPLICANT)
    other = make_client()
    login(user, target=other)
    assert "2 apparaten" in client.get("/account/").get_data(as_text=True)
    assert client.submit("/account/sign-out-everywhere").headers["Location"] == "/login"
    assert not _signed_in(client) and not _signed_in(other)
    assert {row.end_reason for row in _sessions(user)} == {"everywhere"}


def test_logins_and_ends_are_in_the_security_log_without_personal_data(client, make_user, caplog):
    user = make_user(Role.APPLICANT)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        client.submit("/login", {"email": user.email, "password": "wrong password!"})
        client.submit("/login", {"email": user.email, "password": PASSWORD})
        client.submit("/logout")
    text = caplog.text
    for kind in ("login.failure", "login.success", "session.start", "session.end"):
        assert f'"event": "{kind}"' in text
    assert user.email not in text and PASSWORD not in text


def _expire_and_post(client, user, path: str, data: dict):
    token = client.csrf_token()  # the page was loaded before the time-out
    _age(user, idle=timedelta(minutes=20))
    assert client.get("/session/status").status_code == 302  # the warning's script noticed
    response = client.post(path, data={**data, "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Wat u typte is bewaard" in login_page
    return client.submit("/login", {"email": user.email, "password": PASSWORD})


def test_a_log_entry_posted_after_the_time_out_is_kept_and_saved_after_signing_in(client, login_as):
    user = login_as(Role.APPLICANT)
    response = _expire_and_post(client, user, "/werkmap/new", ENTRY)
    assert response.headers["Location"] == "/session/kept"
    page = client.get("/session/kept").get_data(as_text=True)
    assert 'value="Bakkerij De Zon"' in page and 'value="Verkoper"' in page
    resumed = client.submit("/session/kept/resume", dict(ENTRY))
    assert resumed.status_code == 307 and resumed.headers["Location"] == "/werkmap/new"
    saved = client.submit("/werkmap/new", dict(ENTRY))  # what the browser does after a 307
    assert saved.headers["Location"] == "/werkmap/"
    assert [e.organisation for e in db.session.scalars(select(LogEntry))] == ["Bakkerij De Zon"]
    assert db.session.scalar(select(KeptForm)) is None  # used up


def test_a_questionnaire_page_after_the_time_out_comes_back_with_its_answers(client, login_as):
    user = login_as(Role.APPLICANT)
    page = client.submit(f"{BASE}/start").headers["Location"]
    answers = _data(page.rsplit("/", 1)[1], SELF_STARTER)
    _expire_and_post(client, user, page, answers)
    html = client.get("/session/kept").get_data(as_text=True)
    for name, value in answers.items():
        for one in value if isinstance(value, list) else [value]:
            assert f'name="{name}" value="{one}"' in html
    token = client.csrf_token()
    resumed = client.post("/session/kept/resume", data={**answers, "csrf_token": token})
    assert resumed.status_code == 307 and resumed.headers["Location"] == page
    follow = client.post(page, data={**answers, "csrf_token": token})  # as the browser does
    assert follow.status_code == 302, follow.get_data(as_text=True)
    assert set(answers) <= set(_response(user).answers)  # the page's answers are saved


def test_a_kept_form_is_only_for_the_person_who_typed_it(client, login_as, make_user):
    user = login_as(Role.APPLICANT)
    token = client.csrf_token()
    _age(user, idle=timedelta(minutes=20))
    client.post("/werkmap/new", data={**ENTRY, "csrf_token": token})
    assert db.session.scalar(select(KeptForm)) is not None
    stranger = make_user(Role.APPLICANT)
    response = client.submit("/login", {"email": stranger.email, "password": PASSWORD})
    assert response.headers["Location"] == "/start"
    assert client.get("/session/kept").headers["Location"] == "/start"


def test_posts_after_logout_are_not_kept(client, login_as):
    login_as(Role.APPLICANT)
    saved = client.get_cookie("session").value
    client.submit("/logout")
    client.set_cookie("session", saved)
    client.submit("/werkmap/new", ENTRY)
    assert db.session.scalar(select(KeptForm)) is None


def test_a_kept_form_can_be_thrown_away(client, login_as):
    user = login_as(Role.APPLICANT)
    _expire_and_post(client, user, "/werkmap/new", ENTRY)
    assert client.submit("/session/kept/discard").headers["Location"] == "/start"
    assert db.session.scalar(select(KeptForm)) is None
    assert db.session.scalar(select(LogEntry)) is None


def test_run_scheduled_removes_sessions_that_ended_days_ago(app, client, login_as):
    user = login_as(Role.APPLICANT)
    client.submit("/logout")
    with unit_of_work():
        for row in _sessions(user):
            row.ended_at -= timedelta(days=3)
    login_as(Role.CONSULTANT)  # an open one stays
    output = app.test_cli_runner().invoke(args=["run-scheduled"]).output
    assert "old login sessions: 1 removed" in output
    assert _sessions(user) == []


def test_the_session_and_its_account_are_read_in_one_statement(client, login_as):
    """Every signed-in request: the login session with its account in one statement (the
    account then comes from the identity map). Failed before: a second query by the id."""
    login_as(Role.APPLICANT)
    statements = statements_for(client, "/account/")
    sessions = [s for s in statements if "login_session.token_hash = " in s]
    assert len(sessions) == 1 and "JOIN user_account" in sessions[0]
    assert not [s for s in statements if s.startswith("SELECT") and "FROM user_account WHERE" in s]


def test_a_deactivated_account_is_refused_with_the_one_statement(app, client, login_as):
    user = login_as(Role.APPLICANT)
    with unit_of_work():
        db.session.merge(user).active = False
    response = client.get("/account/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
