"""The database goes away: every page says "try again later" (503) in the portal's own page,
made without the database; /healthz says 503; static files and the theme are still served;
when the database is back, the signed-in user still is. A real PostgreSQL server of the test's
own is stopped (and started again); for SQLite, the database file's folder disappears."""

import shutil

import pytest

from portal import create_app
from portal.auth.password_services import hash_password
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role
from tests.conftest import PASSWORD, TEST_CONFIG, PortalClient
from tests.servers.postgres import start_postgres

PAGES = ["/", "/start", "/applicant", "/werkmap/", "/account/", "/messages/", "/login"]
UNAVAILABLE = "niet beschikbaar"  # the Dutch title of errors/503.html


def _portal(url: str):
    # TESTING off: exceptions are handled as in production (a bare 500 was the finding).
    app = create_app({**TEST_CONFIG, "TESTING": False, "DATABASE_URL": url})
    app.test_client_class = PortalClient
    with app.app_context(), unit_of_work():
        db.session.add(
            User(
                role=Role.APPLICANT,
                email="sara@example.nl",
                name="Sara de Vries",
                password_hash=hash_password(PASSWORD),
                activated_at=utcnow(),
            )
        )
    return app


def _signed_in(app) -> PortalClient:
    client = app.test_client()
    response = client.submit("/login", {"email": "sara@example.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/applicant").status_code == 200
    return client


def _assert_unavailable(client, path: str) -> None:
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 503, (path, response.status_code)
    assert UNAVAILABLE in html and 'class="portal-header"' in html, path
    assert "Sara" not in html  # nothing that needed the database
    assert response.headers["Retry-After"] == "60"


def _assert_still_served(client) -> None:
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] == "unavailable"
    for path in ("/static/css/portal.css", "/theme.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


@pytest.fixture
def postgres():
    with start_postgres() as server:
        upgrade(server.url)
        yield server


def test_postgresql_stops_and_comes_back(postgres):
    app = _portal(postgres.url)
    client, anonymous = _signed_in(app), app.test_client()
    postgres.stop()
    for path in PAGES:
        _assert_unavailable(client, path)
    _assert_still_served(client)
    assert anonymous.get("/login").status_code == 200  # needs no database
    refused = anonymous.submit("/login", {"email": "sara@example.nl", "password": PASSWORD})
    assert refused.status_code == 503 and UNAVAILABLE in refused.get_data(as_text=True)
    postgres.start()
    assert client.get("/applicant").status_code == 200  # still signed in
    assert client.get("/healthz").status_code == 200
    app.extensions["db_engine"].dispose()


def test_the_sqlite_file_goes_away(tmp_path):
    folder = tmp_path / "db"
    url = f"sqlite:///{folder / 'portal.db'}"
    upgrade(url)
    app = _portal(url)
    client = _signed_in(app)
    shutil.rmtree(folder)
    app.extensions["db_engine"].dispose()  # open connections would keep the deleted file
    for path in PAGES:
        _assert_unavailable(client, path)
    _assert_still_served(client)
    app.extensions["db_engine"].dispose()
