"""Rate limits kept in the database, so that every app instance counts the same attempts.

`hit(key, limit, window, now)` counts one attempt for a key and says whether it is still within
the limit: a fixed window that starts at the first attempt and restarts once it has passed.
The count is one atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite and
PostgreSQL alike), so two requests counting at the same moment never lose an attempt.

Keys never hold an address in the clear: `key(kind, value)` hashes the value.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import String, case, delete, literal
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from portal import security
from portal.db import Base, UTCDateTime, db
from portal.domain import DomainError

KEEP = timedelta(days=1)  # rows older than this are removed by `purge` (no window is longer)
WRITING_WINDOW = timedelta(hours=1)
WRITING_LIMIT = 60  # messages, or comments on a plan, by one account in WRITING_WINDOW


class RateLimit(Base):
    """Attempts counted for one key since `window_start`."""

    __tablename__ = "rate_limit"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(index=True)
    hits: Mapped[int]


@dataclass(frozen=True)
class Hit:
    allowed: bool
    retry_after: timedelta  # until the window restarts (zero when allowed)


def key(kind: str, value: str | None) -> str:
    """'<kind>:<sha-256 of the value>': an email address or a client address, never in clear."""
    digest = hashlib.sha256((value or "unknown").strip().lower().encode()).hexdigest()[:48]
    return f"{kind[:60]}:{digest}"


def hit(name: str, limit: int, window: timedelta, now: datetime) -> Hit:
    """Count one attempt for the key; `allowed` is False from the (limit + 1)th in the window."""
    insert = sqlite_insert if db.session.get_bind().dialect.name == "sqlite" else postgresql_insert
    moment = literal(now, UTCDateTime())
    expired = RateLimit.window_start <= literal(now - window, UTCDateTime())
    statement = (
        insert(RateLimit)
        .values(key=name, window_start=now, hits=1)
        .on_conflict_do_update(
            index_elements=[RateLimit.key],
            set_={
                "hits": case((expired, 1), else_=RateLimit.hits + 1),
                "window_start": case((expired, moment), else_=RateLimit.window_start),
            },
        )
        .returning(RateLimit.hits, RateLimit.window_start)
    )
    hits, started = db.session.execute(statement).one()
    if hits <= limit:
        return Hit(True, timedelta(0))
    return Hit(False, max(timedelta(0), started + window - now))


def writing(kind: str, author_id: int, now: datetime, field: str) -> None:
    """One more text an account wrote (`kind`: "message", "plan-comment"), allowed up to
    WRITING_LIMIT in WRITING_WINDOW; beyond that a DomainError at `field` says how long to
    wait, and a security event is logged. Counted in the caller's transaction: a text that is
    not saved after all is not counted either."""
    counted = hit(key(f"{kind}:author", str(author_id)), WRITING_LIMIT, WRITING_WINDOW, now)
    if not counted.allowed:
        security.event(f"{kind}.limited", result="refused", actor=author_id)
        raise DomainError(
            _(
                "You wrote a lot in a short time. Wait %(minutes)s minutes and try again.",
                minutes=minutes(counted),
            ),
            field=field,
        )


def minutes(found: Hit) -> int:
    """The whole minutes to wait before trying again (at least 1)."""
    return max(1, math.ceil(found.retry_after.total_seconds() / 60))


def purge(now: datetime) -> int:
    """Forget counts whose window is long over (run by `portal run-scheduled`)."""
    result = db.session.execute(delete(RateLimit).where(RateLimit.window_start < now - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)
