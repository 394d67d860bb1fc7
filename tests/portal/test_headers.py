"""Transport and session hardening: HSTS for every subdomain, a __Host- session cookie in
production, and a logout that makes the browser forget the session."""

import pytest

from portal import create_app
from portal.roles import Role
from tests.conftest import PASSWORD
from tests.portal.test_app import PRODUCTION_IDENTITY

PRODUCTION = {
    "PORTAL_ENV": "production",
    "MAIL_BACKEND": "smtp",
    "PORTAL_CLAMD_SOCKET": "/run/clamav/clamd.ctl",  # production needs a scanner configured
    **PRODUCTION_IDENTITY,
}
HTTPS = "https://portal.test"


@pytest.fixture
def production(make_app):
    return make_app(**PRODUCTION)


def test_hsts_covers_every_subdomain_without_preload(production):
    response = production.test_client().get("/login", base_url=HTTPS)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_production_session_cookie_is_a_host_cookie(production, make_user):
    user = make_user(Role.APPLICANT)
    client = production.test_client()
    page = client.get("/login", base_url=HTTPS).get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
        base_url=HTTPS,
        headers={"Referer": f"{HTTPS}/login"},  # Flask-WTF checks it over HTTPS
    )
    assert response.status_code == 302
    [cookie] = response.headers.getlist("Set-Cookie")
    assert cookie.startswith("__Host-session=")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "path", "httponly", "samesite"} <= attributes
    assert "; Path=/;" in cookie and "domain" not in attributes


def test_production_refuses_a_session_cookie_for_a_domain():
    with pytest.raises(RuntimeError, match="__Host-"):
        create_app({**PRODUCTION, "SECRET_KEY": "s" * 40, "SESSION_COOKIE_DOMAIN": "gemeente.nl"})


def test_development_keeps_the_plain_cookie_name(app):
    assert app.config["SESSION_COOKIE_NAME"] == "session"


def test_logout_clears_the_site_data(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/language", {"locale": "en"})
    response = client.submit("/logout")
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert response.headers["Location"] == "/?signed_out=1&lang=en"
    home = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You are signed out." in home and '<html lang="en"' in home
    assert client.get("/applicant").status_code == 302  # signed out
