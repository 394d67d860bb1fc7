"""Safe defaults: no development mode by accident, no published key, demo data and the
development mailbox only in demo mode, and the first team lead made on the command line."""

import importlib
import re
import stat
import sys
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal import create_app
from portal.auth import token_services as tokens
from portal.config import DEFAULT_SECRET_KEY, development_secret, load_config
from portal.db import db, utcnow
from portal.mail import OutboxMessage, text_to_send
from portal.people import User
from portal.roles import Role
from tests.conftest import PASSWORD, TEST_CONFIG


def _load_wsgi():
    """Import wsgi.py afresh, as gunicorn does ('wsgi:app')."""
    sys.modules.pop("wsgi", None)
    return importlib.import_module("wsgi")


def test_the_wsgi_entry_refuses_to_guess_the_mode(monkeypatch, database_url):
    """The finding: `gunicorn wsgi:app` without PORTAL_ENV silently ran development mode."""
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    with pytest.raises(RuntimeError, match="PORTAL_ENV=production"):
        _load_wsgi()
    monkeypatch.setenv("PORTAL_ENV", "staging")
    with pytest.raises(RuntimeError, match="PORTAL_ENV"):
        _load_wsgi()


def test_the_wsgi_entry_serves_development_when_asked_by_name(monkeypatch, database_url):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("DATABASE_URL", database_url)
    wsgi = _load_wsgi()
    assert wsgi.app.name == "portal" and not wsgi.app.config["PRODUCTION"]
    assert "devmail.inbox" not in wsgi.app.view_functions  # not in demo mode
    wsgi.app.extensions["db_engine"].dispose()


def test_development_has_its_own_random_key(tmp_path):
    key = development_secret(tmp_path)
    assert len(key) >= 48 and key != DEFAULT_SECRET_KEY
    assert development_secret(tmp_path) == key  # kept: sessions survive a restart
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert development_secret(tmp_path / "other") != key
    assert load_config(environ={})["SECRET_KEY"] not in ("", DEFAULT_SECRET_KEY)


def test_the_published_key_is_refused_everywhere():
    with pytest.raises(RuntimeError, match="published"):
        create_app({"SECRET_KEY": DEFAULT_SECRET_KEY})


def test_a_session_forged_with_the_published_key_is_not_a_session(database_url, make_user):
    """The finding: a team lead's session cookie signed with the published development key."""
    lead = make_user(Role.TEAM_LEAD)
    settings = {k: v for k, v in TEST_CONFIG.items() if k != "SECRET_KEY"}
    app = create_app({**settings, "DATABASE_URL": database_url})  # development, no key set
    forger = Flask("forger")
    forger.secret_key = DEFAULT_SECRET_KEY
    cookie = forger.session_interface.get_signing_serializer(forger).dumps(
        {"_user_id": f"{lead.id}:{lead.session_version}", "_fresh": True}
    )
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    response = client.get("/team-lead")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    app.extensions["db_engine"].dispose()


def test_demo_data_only_in_demo_mode(app, make_app):
    refused = app.test_cli_runner().invoke(args=["seed-demo"])
    assert refused.exit_code != 0 and "demo mode" in refused.output
    assert db.session.scalar(select(func.count(User.id))) == 0
    demo = make_app(PORTAL_DEMO=True)
    with demo.app_context():  # the CLI runs in the app context it finds
        done = demo.test_cli_runner().invoke(args=["seed-demo"])
    assert done.exit_code == 0 and "teamleider@demo.example" in done.output


def test_the_development_mailbox_only_in_demo_mode(make_app):
    assert make_app().test_client().get("/dev/mailbox/").status_code == 404
    assert make_app(PORTAL_DEMO=True).test_client().get("/dev/mailbox/").status_code == 200


def test_create_admin_makes_the_first_team_lead_with_a_single_use_link(app, client):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "Beheer@Gemeente.nl", "--name", "Bea Beheer"]
    )
    assert result.exit_code == 0, result.output
    link = re.search(r"http://portal\.test(/activate\?token=\S+)", result.output).group(1)
    lead = db.session.scalar(select(User).where(User.email == "beheer@gemeente.nl"))
    assert lead.role == Role.TEAM_LEAD and lead.name == "Bea Beheer" and lead.password_hash is None
    mail = db.session.scalar(select(OutboxMessage))
    assert mail.recipient == "beheer@gemeente.nl" and link in text_to_send(mail)

    page = client.get(link)
    assert page.status_code == 200
    response = client.submit(link, {"password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    # Staff set up a second factor before anything else (BIO).
    assert client.get("/start").headers["Location"] == "/second-factor/setup?next=/start"
    again = client.application.test_client().get(link).get_data(as_text=True)
    assert 'name="password"' not in again  # used: the link no longer works


def test_the_admin_link_expires(app):
    app.test_cli_runner().invoke(args=["create-admin", "lead@gemeente.nl"])
    token = re.search(r"token=(\S+)", text_to_send(db.session.scalar(select(OutboxMessage))))[1]
    hours = app.config["ADMIN_LINK_TTL_SECONDS"] // 3600
    assert tokens.find_valid(token, tokens.ACTIVATE, utcnow() + timedelta(hours=hours - 1))
    assert tokens.find_valid(token, tokens.ACTIVATE, utcnow() + timedelta(hours=hours)) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create-admin", "not-an-address"], "email address"),
        (["create-admin", "a@gemeente.nl", "--name", "x" * 201], "full name"),
        (["create-admin", "a@gemeente.nl", "--name", "Bea\x00"], "full name"),
    ],
)
def test_create_admin_refuses_bad_input(app, args, message):
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1 and message in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_create_admin_refuses_an_address_in_use(app, make_user):
    make_user(Role.APPLICANT, email="taken@gemeente.nl")
    result = app.test_cli_runner().invoke(args=["create-admin", "taken@gemeente.nl"])
    assert result.exit_code == 1 and "already an account" in result.output
