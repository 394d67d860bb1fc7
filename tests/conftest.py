"""Fixtures for the whole suite: a migrated database, a clean one per test, clients, factories.

With DATABASE_URL set (the PostgreSQL run), every test that uses `app` runs against it;
otherwise against a temp-file SQLite database. Tests that use `app` are marked integration.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text

from portal import create_app
from portal.audit import GENESIS, AuditChain
from portal.auth import crypto_services as crypto
from portal.auth import mfa_services as mfa
from portal.auth.mfa_models import TotpFactor
from portal.auth.password_services import hash_password
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.migrate import upgrade
from portal.models import metadata
from portal.people import User
from portal.roles import Role
from portal.stamp import SettingsStamp
from tests.questionnaires.test_golden import SELF_STARTER

# Real servers (OpenID provider, clamd, S3, HTML checker) as session fixtures for any test: tests/servers/.
pytest_plugins = [
    "tests.servers.process",
    "tests.servers.oidc",
    "tests.servers.clamd",
    "tests.servers.s3",
    "tests.servers.vnu",
    "tests.e2e.tally",  # the accessibility statement's tally (also on xdist's controller)
]

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


def reset_postgres(url: str) -> str:
    """An empty database for this test process: the server's own one, or with pytest-xdist a
    database per worker (workers must not clean each other's rows)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        server = create_engine(url, isolation_level="AUTOCOMMIT")
        name = f"portal_test_{worker}"
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        server.dispose()
        return make_url(url).set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """PostgreSQL when DATABASE_URL is set; otherwise a SQLite file in memory-backed /dev/shm
    where there is one (every commit's fsync to disk was most of a test's wall time)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        url = reset_postgres(url)
        upgrade(url)
        yield url
        return
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as folder:
        url = f"sqlite:///{Path(folder) / 'test.db'}"
        upgrade(url)
        yield url


def _delete_statements(dialect) -> list[str]:
    """`DELETE FROM` every table, children first, as SQL text: compiling ~100 statements for
    every test took 8 ms of CPU."""
    quote = dialect.identifier_preparer.format_table
    # The names come from our own metadata, quoted by the dialect: no outside text.
    return [f"DELETE FROM {quote(table)}" for table in reversed(metadata.sorted_tables)]  # noqa: S608


def clean_database(engine) -> None:
    """Delete every row of every table (children first); the schema stays. The audit log's
    append-only triggers are passed by for this: on PostgreSQL by replica mode for the
    transaction (the tests' user is a superuser), on SQLite by dropping and re-creating them.
    PostgreSQL takes the statements in one round trip; SQLite's driver one at a time."""
    deletes = _delete_statements(engine.dialect)
    genesis = AuditChain.__table__.insert().values(id=1, seq=0, hash=GENESIS)
    # A new random settings stamp: no process may take its kept values for this database's.
    renewed = SettingsStamp.__table__.insert().values(id=1, value=secrets.randbits(53))
    genesis = [genesis, renewed]
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(
                "; ".join(["SET LOCAL session_replication_role = replica", *deletes])
            )
            for statement in genesis:
                conn.execute(statement)
            return
        triggers = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        ).all()
        for name, _sql in triggers:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        for statement in deletes:
            conn.exec_driver_sql(statement)
        for statement in genesis:
            conn.execute(statement)
        for _name, sql in triggers:
            conn.exec_driver_sql(sql)


class PortalClient(FlaskClient):
    """A test client that can fill in the CSRF token as a browser does."""

    def csrf_token(self) -> str:
        page = self.get("/").get_data(as_text=True)
        return CSRF_RE.search(page).group(1)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)


def _build_app(database_url: str, uploads, **overrides):
    application = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": database_url,
            "PORTAL_UPLOAD_DIR": str(uploads),
            **overrides,
        }
    )
    application.test_client_class = PortalClient
    return application


@pytest.fixture(scope="session")
def shared_apps(database_url, tmp_path_factory) -> list:
    """App instances with the default test settings, shared by every test of the session.

    Building an app costs about 0.4 s (mostly compiling the URL map); a test that used two
    new ones paid that twice. A test gets the same instances each time and a clean database
    (see `make_app`); tests that need other settings still get an app of their own."""
    uploads = tmp_path_factory.mktemp("uploads")
    made: list = []

    def nth(index: int):
        while len(made) <= index:
            made.append(_build_app(database_url, uploads))
        return made[index]

    yield nth
    for application in made:
        application.extensions["db_engine"].dispose()


@pytest.fixture
def make_app(database_url, tmp_path_factory, shared_apps) -> Callable:
    """An app on the test database (with extra settings: a new one); the database is cleaned
    after the test."""
    shared_used = []
    own = []

    def factory(**overrides):
        if not overrides:
            application = shared_apps(len(shared_used))
            shared_used.append(application)
            return application
        application = _build_app(database_url, tmp_path_factory.mktemp("uploads"), **overrides)
        own.append(application)
        return application

    yield factory
    if shared_used or own:
        clean_database((shared_used or own)[0].extensions["db_engine"])
    for application in own:
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


SECOND_FACTOR_SECRETS: dict[int, str] = {}  # user id → TOTP secret of accounts made here


def enrol_second_factor(user: User) -> str:
    """Give a staff account a confirmed authenticator app (as if set up); returns the secret.
    Needs an app context."""
    secret = pyotp.random_base32()
    with unit_of_work():
        db.session.add(
            TotpFactor(
                user_id=user.id,
                secret_encrypted=crypto.encrypt(secret, mfa.PURPOSE),
                confirmed_at=utcnow(),
            )
        )
    SECOND_FACTOR_SECRETS[user.id] = secret
    return secret


def pass_second_factor(target: PortalClient, user: User, location: str):
    """After the password: type the app's code on the page the login sent us to. A code works
    once per 30 seconds, so the last one used is forgotten first (tests sign in often)."""
    with unit_of_work():
        db.session.get(TotpFactor, user.id).last_step = None
    next_url = parse_qs(urlsplit(location).query).get("next", [""])[0]
    page = target.get(location).get_data(as_text=True)
    code = pyotp.TOTP(SECOND_FACTOR_SECRETS[user.id]).now()
    return target.post(
        "/second-factor",
        data={"code": code, "next": next_url, "csrf_token": CSRF_RE.search(page).group(1)},
    )


SECRET_RE = re.compile(r'<code class="portal-secret">([A-Z2-7 ]+)</code>')


def set_up_second_factor(target: PortalClient, location: str):
    """As a new staff member does: read the key from the set-up page (as the app would scan
    it), type the app's code. Returns (the response showing the recovery codes, secret)."""
    page = target.get(location).get_data(as_text=True)
    secret = SECRET_RE.search(page).group(1).replace(" ", "")
    next_url = parse_qs(urlsplit(location).query).get("next", [""])[0]
    response = target.post(
        "/second-factor/setup",
        data={
            "code": pyotp.TOTP(secret).now(),
            "next": next_url,
            "csrf_token": CSRF_RE.search(page).group(1),
        },
    )
    return response, secret


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    """Create an account (activated, with PASSWORD unless told otherwise)."""
    counter = iter(range(1, 100000))

    def factory(
        role: Role = Role.APPLICANT,
        email: str | None = None,
        name: str | None = None,
        password: str | None = PASSWORD,
        active: bool = True,
        locale: str | None = None,
    ) -> User:
        n = next(counter)
        with unit_of_work():
            user = User(
                role=role,
                email=email or f"{role.value}{n}@example.nl",
                name=name or f"Test {role.value.title()} {n}",
                password_hash=hash_password(password) if password else None,
                activated_at=utcnow() if password else None,
                active=active,
                locale=locale,
            )
            db.session.add(user)
        if password and mfa.needed(user):
            enrol_second_factor(user)
        return user

    return factory


@pytest.fixture
def login(client) -> Callable:
    """Sign a user in through the real login form, and staff through the second factor."""

    def do_login(user: User, password: str = PASSWORD, target: PortalClient | None = None):
        target = target or client
        response = target.submit("/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        location = response.headers["Location"]
        if urlsplit(location).path == "/second-factor" and user.id in SECOND_FACTOR_SECRETS:
            response = pass_second_factor(target, user, location)
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

    def factory(
        applicant: User,
        answers: dict | None = None,
        submit: bool = True,
        questionnaire_id: str = "entreevragenlijst",
        scheme: str = "drie_lijnen",
    ):
        with unit_of_work():
            response = intake.start(applicant, questionnaire_id, scheme, utcnow())
            response.answers = dict(SELF_STARTER if answers is None else answers)
            if submit:
                intake.submit(response, utcnow())
        return response

    return factory
