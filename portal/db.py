"""SQLAlchemy 2.x: engine per app, one session per app context, and the unit of work."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import Flask, current_app, g
from sqlalchemy import DateTime, MetaData, create_engine, event, text
from sqlalchemy.engine import Engine, Result
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The database cannot be reached (stopped, restarting, network, pool exhausted): try later.
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (use as a callable default)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as UTC; refuses naive ones; SQLite's naive values come back UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012 -- read by SQLAlchemy


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys, a busy timeout, and a write-ahead log: readers no longer wait for a
    writer, and a commit appends to one file instead of creating, syncing and deleting a
    rollback journal (0.08 ms of CPU instead of 0.28 ms for a one-row commit on the machines
    the benches ran on). `synchronous=FULL` still syncs
    the log at every commit, so a committed answer survives a power cut."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file; `:memory:` stays "memory"
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_savepoint(connection, _name) -> None:
    """Python's sqlite3 opens a transaction only before a write: a SAVEPOINT that comes first
    would itself start the transaction, and releasing it would commit everything, whatever
    the transaction around it does later. Open the transaction first."""
    dbapi_connection = connection.connection.driver_connection
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")


def make_engine(url: str, **options) -> Engine:
    """An engine for the URL; SQLite gets foreign keys and a busy timeout."""
    options.setdefault("pool_pre_ping", not url.startswith("sqlite"))
    # An error never carries the statement's values (names, message texts, addresses) into
    # a log; what the database itself repeats is scrubbed by portal.security.ScrubDatabaseErrors.
    options.setdefault("hide_parameters", True)
    if url.startswith("postgresql"):  # a server that does not answer is down, not slow
        options.setdefault("connect_args", {"connect_timeout": 5})
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
    return engine


class Database:
    """Holds each app's engine and hands out the app context's session as `db.session`."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["SQLALCHEMY_URL"])
        app.extensions["db"] = sessionmaker(bind=engine, expire_on_commit=False)
        app.extensions["db_engine"] = engine
        app.teardown_appcontext(self._remove)

    @property
    def engine(self) -> Engine:
        return current_app.extensions["db_engine"]

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = current_app.extensions["db"]()
        return g.db_session

    @staticmethod
    def _remove(_exc=None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


db = Database()


def fetch(statement, params: dict | None = None) -> Result:
    """A Core statement (columns, counts: no entities) in the request's transaction, past the
    ORM session's execution layer, which cost about 45 µs a statement. Changes not yet
    flushed are flushed first, as the session's own autoflush would."""
    session = db.session
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, params)


def lock_key(name: str) -> int:
    """A stable 64-bit key for a PostgreSQL advisory lock named `name`."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def advisory_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Hold a PostgreSQL session-level advisory lock while the block runs; yields False
    (at once, without waiting) when another process holds it. On SQLite, one file on one
    host, it yields True."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as connection:
        key = lock_key(name)
        got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        connection.commit()
        try:
            yield got
        finally:
            if got:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back if it raises."""
    session = db.session
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
