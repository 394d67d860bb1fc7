"""Login throttling per account and per IP address: a wait, never a permanent lock-out."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from flask import current_app

from portal.auth.models import LoginThrottle
from portal.db import db
from portal.people import normalise_email


def account_key(email: str) -> str:
    return "account:" + hashlib.sha256(normalise_email(email).encode()).hexdigest()[:40]


def ip_key(address: str | None) -> str:
    return "ip:" + (address or "unknown")[:90]


def locked_until(keys: list[str], now: datetime) -> datetime | None:
    """The latest moment until which any of the keys must wait, or None."""
    latest = None
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            latest = row.locked_until if latest is None else max(latest, row.locked_until)
    return latest


def register_failure(
    key: str,
    limit: int,
    now: datetime,
    window_seconds: int | None = None,
    lockout_seconds: int | None = None,
) -> None:
    """Count a failure; at `limit` within the window the key waits `lockout_seconds`."""
    cfg = current_app.config
    window = timedelta(seconds=window_seconds or cfg["LOGIN_FAILURE_WINDOW_SECONDS"])
    lockout = timedelta(seconds=lockout_seconds or cfg["LOGIN_LOCKOUT_SECONDS"])
    row = db.session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_start=now)
        db.session.add(row)
    if row.window_start + window < now:
        row.failures, row.window_start = 0, now
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + lockout
        row.failures, row.window_start = 0, now
    db.session.flush()


def clear(key: str) -> None:
    row = db.session.get(LoginThrottle, key)
    if row is not None:
        db.session.delete(row)
        db.session.flush()
