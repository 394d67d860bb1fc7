"""Sign in and out, throttling, deactivated accounts, safe redirects."""

from datetime import timedelta

from sqlalchemy import select

from portal.auth import services
from portal.auth.models import LoginThrottle
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.roles import Role
from tests.conftest import PASSWORD, pass_second_factor

WRONG = "The email address or password is not correct."
WRONG_NL = "Het e-mailadres of het wachtwoord klopt niet."


def test_login_goes_to_the_role_start_page(client, make_user):
    user = make_user(Role.ECOACH)
    response = client.submit("/login", {"email": user.email.upper(), "password": PASSWORD})
    assert response.headers["Location"] == "/second-factor"
    response = pass_second_factor(client, user, response.headers["Location"])
    assert response.headers["Location"] == "/start"
    assert client.get("/start").headers["Location"] == "/ecoach"
    assert "Startpagina voor e-coaches" in client.get("/ecoach").get_data(as_text=True)


def test_wrong_password_and_unknown_email_give_the_same_message(client, make_user):
    user = make_user()
    wrong = client.submit("/login", {"email": user.email, "password": "not the password"})
    unknown = client.submit("/login", {"email": "nobody@example.nl", "password": "whatever1"})
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert WRONG_NL in response.get_data(as_text=True)
    assert wrong.get_data(as_text=True).replace(user.email, "X").count(
        WRONG_NL
    ) == unknown.get_data(as_text=True).count(WRONG_NL)


def test_empty_form_shows_errors_next_to_fields_and_keeps_input(client):
    html = client.submit("/login", {"email": "not-an-email", "password": ""}).get_data(as_text=True)
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in html
    assert "Vul uw wachtwoord in." in html
    assert 'value="not-an-email"' in html
    assert 'href="#email"' in html and 'aria-describedby="email-error"' in html
    assert "<title>Fout: Inloggen" in html


def test_throttled_per_account_after_five_failures_then_released(app, make_user):
    user = make_user()
    now = utcnow()
    for _ in range(5):
        with unit_of_work():
            result = services.authenticate(user.email, "wrong password", "10.0.0.1", now)
        assert isinstance(result, DomainError)
    with unit_of_work():
        locked = services.authenticate(user.email, PASSWORD, "10.0.0.2", now)
    assert isinstance(locked, DomainError) and "15" in locked.message
    later = now + timedelta(seconds=app.config["LOGIN_LOCKOUT_SECONDS"] + 1)
    with unit_of_work():
        assert services.authenticate(user.email, PASSWORD, "10.0.0.2", later) == user


def test_throttle_applies_to_unknown_addresses_too(app):
    now = utcnow()
    for _ in range(5):
        with unit_of_work():
            services.authenticate("ghost@example.nl", "x", "10.0.0.9", now)
    with unit_of_work():
        result = services.authenticate("ghost@example.nl", "x", "10.0.0.9", now)
    assert "Too many attempts" in result.message or "te vaak" in result.message


def test_throttled_per_ip_across_accounts(app, make_user):
    now = utcnow()
    limit = app.config["LOGIN_MAX_FAILURES_PER_IP"]
    for n in range(limit):
        with unit_of_work():
            services.authenticate(f"user{n}@example.nl", "x", "192.0.2.7", now)
    user = make_user()
    with unit_of_work():
        assert isinstance(
            services.authenticate(user.email, PASSWORD, "192.0.2.7", now), DomainError
        )
    with unit_of_work():
        assert services.authenticate(user.email, PASSWORD, "192.0.2.8", now) == user


def test_throttle_keys_store_no_plain_email(app, client, make_user):
    user = make_user()
    client.submit("/login", {"email": user.email, "password": "wrong password"})
    keys = db.session.scalars(select(LoginThrottle.key)).all()
    assert keys and all(user.email not in key for key in keys)


def test_throttled_login_page_shows_a_clear_message(client, make_user):
    user = make_user()
    for _ in range(5):
        client.submit("/login", {"email": user.email, "password": "wrong password"})
    html = client.submit("/login", {"email": user.email, "password": PASSWORD}).get_data(
        as_text=True
    )
    assert "U heeft te vaak geprobeerd in te loggen." in html


def test_deactivated_account_cannot_sign_in(client, make_user):
    user = make_user(active=False)
    response = client.submit("/login", {"email": user.email, "password": PASSWORD})
    assert WRONG_NL in response.get_data(as_text=True)


def test_logout_ends_the_session(client, login_as):
    login_as(Role.APPLICANT)
    assert client.get("/account/").status_code == 200
    response = client.submit("/logout")
    assert response.status_code == 302
    assert client.get("/account/").status_code == 302


def test_next_redirect_only_to_same_site_paths(client, make_user):
    user = make_user()
    ok = client.submit("/login", {"email": user.email, "password": PASSWORD, "next": "/account/"})
    assert ok.headers["Location"] == "/account/"
    client.submit("/logout")
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.submit(
            "/login", {"email": user.email, "password": PASSWORD, "next": evil}
        )
        assert response.headers["Location"] == "/start"
        client.submit("/logout")


def test_protected_page_sends_anonymous_to_login_with_next(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_behind_a_trusted_proxy_the_forwarded_address_is_throttled(make_app, make_user):
    app = make_app(PORTAL_TRUSTED_PROXIES=1, LOGIN_MAX_FAILURES_PER_IP=3)
    web = app.test_client()
    user = make_user()
    for n in range(3):
        web.submit(
            "/login",
            {"email": f"x{n}@example.nl", "password": "wrong password"},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )
    other_visitor = web.submit(
        "/login",
        {"email": user.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.8"},
    )
    assert other_visitor.status_code == 302  # not locked out by someone else's failures
    web.submit("/logout")
    same_visitor = web.submit(
        "/login",
        {"email": user.email, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert "U heeft te vaak geprobeerd in te loggen." in same_visitor.get_data(as_text=True)
