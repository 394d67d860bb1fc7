"""A staff member adds a passkey and signs in with it instead of the app's code, in Chromium
with a virtual authenticator (Chrome DevTools Protocol, WebAuthn domain). WebAuthn wants a
host name, not an IP address, as relying party: this portal runs at http://localhost."""

from __future__ import annotations

import threading

import pyotp
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from portal import create_app
from portal.auth.mfa_models import Passkey
from portal.auth.password_services import hash_password
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role
from tests.conftest import PASSWORD, TEST_CONFIG, clean_database, enrol_second_factor
from tests.e2e.conftest import check


@pytest.fixture(scope="module")
def localhost_site(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('passkeys') / 'passkeys.db'}"
    upgrade(url)
    app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["PORTAL_BASE_URL"] = f"http://localhost:{server.server_port}"
    yield app
    server.shutdown()
    thread.join()
    app.extensions["db_engine"].dispose()


@pytest.fixture
def base_url(localhost_site) -> str:  # new_page opens this portal
    return localhost_site.config["PORTAL_BASE_URL"]


@pytest.fixture
def coach(localhost_site):
    with localhost_site.app_context():
        with unit_of_work():
            user = User(
                role=Role.ECOACH,
                email="eva@gemeente.example",
                name="Eva de Coach",
                password_hash=hash_password(PASSWORD),
                activated_at=utcnow(),
            )
            db.session.add(user)
        secret = enrol_second_factor(user)
    yield user, secret
    clean_database(localhost_site.extensions["db_engine"])


def password(page: Page) -> None:
    page.goto("/login")
    check(page)
    page.get_by_label("E-mailadres").fill("eva@gemeente.example")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Code uit uw app")
    check(page)


def test_add_a_passkey_then_sign_in_with_it(new_page, coach, localhost_site):
    _user, secret = coach
    page = new_page("desktop")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    password(page)
    page.get_by_label("Code", exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Startpagina voor e-coaches")
    check(page)
    page.goto("/account/")
    check(page)
    page.get_by_role("link", name="Beveiligingssleutels en passkeys").click()
    expect(page.get_by_text("U hebt nog geen beveiligingssleutel of passkey.")).to_be_visible()
    check(page)
    page.get_by_label("Naam van de sleutel (voor uzelf)").fill("Sleutel aan mijn sleutelbos")
    page.get_by_role("button", name="Beveiligingssleutel of passkey toevoegen").click()
    expect(page.get_by_text("Sleutel aan mijn sleutelbos")).to_be_visible()
    check(page)
    with localhost_site.app_context():
        assert len(db.session.scalars(select(Passkey)).all()) == 1

    page.get_by_role("button", name="Uitloggen", exact=True).click()
    check(page)
    password(page)
    page.get_by_role("button", name="Mijn beveiligingssleutel of passkey gebruiken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Startpagina voor e-coaches")
    check(page)
    with localhost_site.app_context():
        assert db.session.scalar(select(Passkey)).last_used_at is not None
