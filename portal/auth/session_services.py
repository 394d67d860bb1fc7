"""Server-side login sessions: started at sign-in, checked on every request (idle time-out,
absolute lifetime), ended by logout, a password change, deactivation, a second-factor reset
or "sign out everywhere". The cookie holds only a random id; the database holds its SHA-256.

Forms posted after a time-out are kept here for a day, for the same person only.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, delete, or_, select, update

from portal import security, stamp
from portal.auth.session_models import KeptForm, LoginSession
from portal.db import db
from portal.people import User
from portal.roles import Role

TIMED_OUT = ("idle", "absolute")
KEPT_FOR = timedelta(days=1)
KEPT_MAX_BYTES = 200_000
ENDED_KEPT_FOR = timedelta(days=2)  # ended sessions stay this long (kept forms, the log)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["PORTAL_SESSION_IDLE_MINUTES"])


def absolute_limit(user: User) -> timedelta:
    cfg = current_app.config
    hours = (
        cfg["PORTAL_SESSION_MAX_HOURS"]
        if user.role is Role.APPLICANT
        else cfg["PORTAL_SESSION_MAX_HOURS_STAFF"]
    )
    return timedelta(hours=hours)


def start(
    user: User, method: str, now: datetime, acr: str | None = None, second_factor: bool = False
) -> str:
    """A new session for the user; returns the random id for the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            token_hash=_digest(token),
            user_id=user.id,
            method=method,
            acr=acr,
            created_at=now,
            last_seen_at=now,
            expires_at=now + absolute_limit(user),
            second_factor_at=now if second_factor else None,
        )
    )
    db.session.flush()
    security.event("session.start", actor=user.id, detail=method)
    return token


@dataclass
class Found:
    row: LoginSession | None
    ended: str | None  # why it no longer counts (None: it is valid)
    user: User | None = None  # the session's account, read with it
    changed: bool = False  # ended here and now: a write the caller commits


# Built once (every request asks it); the account and the settings stamp (portal.stamp) come
# along, not in queries of their own.
_FIND = (
    select(LoginSession, User, stamp.COLUMN)
    .outerjoin(User, User.id == LoginSession.user_id)
    .where(LoginSession.token_hash == bindparam("token_hash"))
)


def find(token: str | None, now: datetime) -> Found:
    """The session behind a cookie's id, ending it here if it timed out."""
    if not token or len(token) > 100:
        return Found(None, None)
    found = db.session.execute(_FIND, {"token_hash": _digest(token)}).first()
    if found is None:
        return Found(None, "unknown")
    row, user, settings = found
    stamp.seen(settings)
    if row.ended_at is not None:
        return Found(row, row.end_reason or "ended")
    if now >= row.expires_at:
        end(row, "absolute", now)
        return Found(row, "absolute", changed=True)
    if now - row.last_seen_at >= idle_limit():
        end(row, "idle", now)
        return Found(row, "idle", changed=True)
    return Found(row, None, user)


def touch(row: LoginSession, now: datetime) -> bool:
    """Activity: the idle time-out starts again (written at most every 1/30 of it); True
    when it wrote (the caller commits)."""
    if now - row.last_seen_at >= idle_limit() / 30:
        row.last_seen_at = now
        db.session.flush()
        return True
    return False


def extend(row: LoginSession, now: datetime) -> int:
    """'Stay signed in': the idle time-out starts again now; the seconds left."""
    row.last_seen_at = now
    db.session.flush()
    return seconds_left(row, now)


def seconds_left(row: LoginSession, now: datetime) -> int:
    left = min(row.last_seen_at + idle_limit(), row.expires_at) - now
    return max(0, int(left.total_seconds()))


def passed_second_factor(row: LoginSession, now: datetime) -> None:
    row.second_factor_at = now
    db.session.flush()


def end(row: LoginSession, reason: str, now: datetime) -> None:
    if row.ended_at is None:
        row.ended_at, row.end_reason = now, reason
        db.session.flush()
        security.event("session.end", actor=row.user_id, detail=reason)


def end_all(user_id: int, reason: str, now: datetime, keep: LoginSession | None = None) -> int:
    """End every open session of the account (but `keep`); returns how many ended."""
    query = (
        update(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
    )
    if keep is not None:
        query = query.where(LoginSession.id != keep.id)
    count = db.session.execute(query).rowcount  # type: ignore[attr-defined]
    db.session.flush()
    security.event("session.end_all", actor=user_id, detail=f"{reason}:{count}")
    return int(count or 0)


def open_count(user_id: int) -> int:
    return len(
        db.session.scalars(
            select(LoginSession.id).where(
                LoginSession.user_id == user_id, LoginSession.ended_at.is_(None)
            )
        ).all()
    )


def keep_form(user_id: int, path: str, pairs: list[tuple[str, str]], now: datetime) -> str | None:
    """Keep what was posted after a time-out; an earlier kept form of the person goes.
    None when it is too big to keep."""
    data = json.dumps(pairs, ensure_ascii=False)
    if len(data.encode()) > KEPT_MAX_BYTES or len(path) > 500:
        return None
    db.session.execute(
        delete(KeptForm).where(or_(KeptForm.user_id == user_id, KeptForm.expires_at <= now))
    )
    token = secrets.token_urlsafe(24)
    db.session.add(
        KeptForm(
            token_hash=_digest(token),
            user_id=user_id,
            path=path,
            fields=data,
            created_at=now,
            expires_at=now + KEPT_FOR,
        )
    )
    db.session.flush()
    security.event("session.form_kept", actor=user_id)
    return token


def kept_form(token: str | None, user_id: int, now: datetime) -> KeptForm | None:
    """The kept form behind this id, only for the person who typed it and only for a day."""
    if not token or len(token) > 100:
        return None
    found = db.session.scalar(select(KeptForm).where(KeptForm.token_hash == _digest(token)))
    if found is None or found.user_id != user_id or found.expires_at <= now:
        return None
    return found


def kept_pairs(kept: KeptForm) -> list[tuple[str, str]]:
    return [(str(name), str(value)) for name, value in json.loads(kept.fields)]


def drop_kept(kept: KeptForm) -> None:
    db.session.delete(kept)
    db.session.flush()


def clean_up(now: datetime) -> int:
    """Delete sessions ended or expired some days ago, and kept forms past their day."""
    old = now - ENDED_KEPT_FOR
    done = db.session.execute(
        delete(LoginSession).where(or_(LoginSession.ended_at < old, LoginSession.expires_at < old))
    ).rowcount  # type: ignore[attr-defined]
    db.session.execute(delete(KeptForm).where(KeptForm.expires_at <= now))
    db.session.flush()
    return int(done or 0)
