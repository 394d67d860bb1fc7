"""The factory, configuration checks, health check, headers and theme."""

import base64
import logging
import re

import pytest

from portal import create_app, heartbeat
from portal.config import DEFAULT_SECRET_KEY, load_config
from portal.db import unit_of_work, utcnow
from portal.setup import RedactTokens
from portal.theme import contrast


def test_healthz_ok(app, client):
    with unit_of_work():  # the scheduled jobs ran (tests/portal/test_operations.py: when not)
        for job in heartbeat.JOBS:
            heartbeat.beat(job, utcnow())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_is_down(tmp_path):
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite", "TESTING": True}
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
    app.extensions["db_engine"].dispose()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": DEFAULT_SECRET_KEY}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 40, "PORTAL_DEMO": True, "MAIL_BACKEND": "smtp"}, "Demo"),
        ({"SECRET_KEY": "x" * 40, "MAIL_BACKEND": "dev"}, "SMTP"),
    ],
)
def test_production_refuses_unsafe_settings(overrides, message):
    with pytest.raises(RuntimeError, match=message):
        create_app({"PORTAL_ENV": "production", **overrides})


# Production's identity settings: its own keys, and passwords for citizens (no broker here).
PRODUCTION_IDENTITY = {
    "PORTAL_HASH_KEY": base64.b64encode(b"h" * 32).decode(),
    "PORTAL_ENCRYPTION_KEY": base64.b64encode(b"e" * 32).decode(),
    "PORTAL_DATA_KEY": base64.b64encode(b"d" * 32).decode(),
    "PORTAL_CITIZEN_LOGIN": "password",
}


def test_production_starts_with_proper_settings_and_has_no_dev_mailbox(tmp_path):
    app = create_app(
        {
            "PORTAL_ENV": "production",
            "SECRET_KEY": "s" * 40,
            "MAIL_BACKEND": "smtp",
            "DATABASE_URL": f"sqlite:///{tmp_path}/p.db",
            "PORTAL_CLAMD_SOCKET": "/run/clamav/clamd.ctl",
            **PRODUCTION_IDENTITY,
        }
    )
    assert "devmail.inbox" not in app.view_functions
    assert app.test_client().get("/dev/mailbox/").status_code == 404
    assert app.config["SESSION_COOKIE_SECURE"] is True
    app.extensions["db_engine"].dispose()


def test_environment_overrides_defaults(monkeypatch):
    config = load_config(
        environ={
            "PORTAL_MUNICIPALITY_NAME": "Gemeente Zwolle",
            "SMTP_PORT": "2525",
            "PORTAL_DEMO": "yes",
            "DATABASE_URL": "postgresql+psycopg://x@h/db",
        }
    )
    assert config["PORTAL_MUNICIPALITY_NAME"] == "Gemeente Zwolle"
    assert config["SMTP_PORT"] == 2525
    assert config["PORTAL_DEMO"] is True
    assert config["SQLALCHEMY_URL"] == "postgresql+psycopg://x@h/db"


def test_theme_colours_are_checked_for_contrast():
    with pytest.raises(RuntimeError, match="contrast"):
        create_app({"PORTAL_THEME_PRIMARY": "#9fc5e8"})
    with pytest.raises(RuntimeError, match="#rrggbb"):
        create_app({"PORTAL_THEME_PRIMARY": "blue"})
    assert contrast("#1a4f7a", "#ffffff") >= 4.5


def test_theme_css_carries_configured_colours(make_app):
    app = make_app(PORTAL_THEME_PRIMARY="#004400", PORTAL_MUNICIPALITY_NAME="Gemeente Testdorp")
    client = app.test_client()
    assert "--portal-primary: #004400" in client.get("/theme.css").get_data(as_text=True)
    assert "Gemeente Testdorp" in client.get("/").get_data(as_text=True)


def test_strict_security_headers_and_no_inline_code(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    html = response.get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>.*?</script>", html, re.S)
    assert all(
        # files from static/js under their fingerprinted names (portal.assets)
        re.fullmatch(r'<script src="/static/js/[\w-]+\.[0-9a-f]{12}\.js" defer></script>', s)
        for s in scripts
    )
    assert html.count("<script") == len(scripts)  # only files from static/, no inline code
    assert "style=" not in html and "<style" not in html
    assert response.headers["X-Frame-Options"] == "DENY"


def test_base_template_landmarks(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert html.count("<h1") == 1
    assert "<header" in html and "<footer" in html


def test_demo_logins_only_in_demo_mode(make_app):
    plain = make_app().test_client().get("/").get_data(as_text=True)
    demo = make_app(PORTAL_DEMO=True).test_client().get("/").get_data(as_text=True)
    assert "teamleider@demo.example" not in plain
    assert "teamleider@demo.example" in demo


def test_tokens_are_redacted_from_request_logs():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        "x",
        1,
        '"%s %s" %s',
        ("GET", "/activate?token=SECRET123&x=1", 200),
        None,
    )
    RedactTokens().filter(record)
    assert "SECRET123" not in record.getMessage()
    assert "token=[redacted]&x=1" in record.getMessage()


def test_every_page_names_its_favicon_a_small_static_file(client):
    """Without a <link rel="icon"> browsers ask for /favicon.ico, a 404 on every page."""
    html = client.get("/login").get_data(as_text=True)
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    with client.get(href) as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
        assert len(icon.data) < 1024


def test_the_bundle_addresses_its_fonts_where_they_are_served(client):
    """The stylesheet bundle lies at the top of /static/: the fonts that css/portal.css names
    relative to css/ are addressed from there, by their fingerprinted names, and served."""
    html = client.get("/").get_data(as_text=True)
    (bundle,) = re.findall(r'href="(/static/bundle\.[0-9a-f]{12}\.css)"', html)
    response = client.get(bundle)
    css = response.get_data(as_text=True)
    response.close()
    fonts = re.findall(r'url\("([^"]+\.ttf)"\)', css)
    assert len(fonts) == 4
    assert all(re.fullmatch(r"fonts/[\w-]+\.[0-9a-f]{12}\.ttf", font) for font in fonts), fonts
    for font in fonts:
        response = client.get(f"/static/{font}")
        assert response.status_code == 200
        response.close()
