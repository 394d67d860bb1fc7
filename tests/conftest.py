"""Fixtures for the whole suite: a migrated database, a clean one per test, clients, factories.

With DATABASE_URL set (the PostgreSQL run), every test that uses `app` runs against it;
otherwise against a temp-file SQLite database. Tests that use `app` are marked integration.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from portal import create_app
from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.authz import Role
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.models import metadata

# Real servers (OpenID provider, clamd, S3) as session fixtures for any test: tests/servers/.
pytest_plugins = ["tests.servers.process", "tests.servers.oidc", "tests.servers.clamd",
                  "tests.servers.s3"]

PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    "PORTAL_BASE_URL": "http://portal.test",
    "MAIL_BACKEND": "dev",
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.integration)


def reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    upgrade(url)
    return url


def clean_database(engine) -> None:
    """Delete every row of every table (children first); the schema stays."""
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


class PortalClient(FlaskClient):
    """A test client that can fill in the CSRF token as a browser does."""

    def csrf_token(self) -> str:
        page = self.get("/").get_data(as_text=True)
        return CSRF_RE.search(page).group(1)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)


@pytest.fixture
def make_app(database_url, tmp_path_factory) -> Callable:
    """Build an app on the test database with extra settings; cleaned up after the test."""
    made = []

    uploads = tmp_path_factory.mktemp("uploads")

    def factory(**overrides):
        application = create_app({**TEST_CONFIG, "DATABASE_URL": database_url,
                                  "PORTAL_UPLOAD_DIR": str(uploads), **overrides})
        application.test_client_class = PortalClient
        made.append(application)
        return application

    yield factory
    if made:
        clean_database(made[0].extensions["db_engine"])
    for application in made:
        application.extensions["db_engine"].dispose()


@pytest.fixture
def app(make_app):
    """The app, with an app context for the test's own database work and factories."""
    application = make_app()
    with application.app_context():
        yield application


@pytest.fixture
def make_client(app, make_app) -> Callable[[], PortalClient]:
    """Clients of a second app instance on the same database.

    Flask reuses a pushed app context for requests to the same app object, which would share
    `g` (sessions, Flask-Login and CSRF caches) between the test and its requests. A separate
    instance gives every request its own context, as in production.
    """
    web = make_app()
    return web.test_client


@pytest.fixture
def client(make_client) -> PortalClient:
    return make_client()


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    """Create an account (activated, with PASSWORD unless told otherwise)."""
    counter = iter(range(1, 100000))

    def factory(role: Role = Role.APPLICANT, email: str | None = None, name: str | None = None,
                password: str | None = PASSWORD, active: bool = True,
                locale: str | None = None) -> User:
        n = next(counter)
        with unit_of_work():
            user = User(role=role, email=email or f"{role.value}{n}@example.nl",
                        name=name or f"Test {role.value.title()} {n}",
                        password_hash=hash_password(password) if password else None,
                        activated_at=utcnow() if password else None, active=active,
                        locale=locale)
            db.session.add(user)
        return user

    return factory


@pytest.fixture
def login(client) -> Callable:
    """Sign a user in through the real login form."""

    def do_login(user: User, password: str = PASSWORD, target: PortalClient | None = None):
        response = (target or client).submit("/login", {"email": user.email,
                                                        "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    return do_login


@pytest.fixture
def login_as(make_user, login) -> Callable[[Role], User]:
    """Create a user with this role and sign in as them."""

    def do(role: Role, **kwargs) -> User:
        user = make_user(role, **kwargs)
        login(user)
        return user

    return do


@pytest.fixture
def make_response(app) -> Callable:
    """A questionnaire response for an applicant, filled in and (by default) submitted."""
    from portal.intake import services as intake
    from tests.questionnaires.test_golden import SELF_STARTER

    def factory(applicant: User, answers: dict | None = None, submit: bool = True,
                questionnaire_id: str = "entreevragenlijst", scheme: str = "drie_lijnen"):
        with unit_of_work():
            response = intake.start(applicant, questionnaire_id, scheme, utcnow())
            response.answers = dict(SELF_STARTER if answers is None else answers)
            if submit:
                intake.submit(response, utcnow())
        return response

    return factory
