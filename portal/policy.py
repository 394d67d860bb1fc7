"""Policy values and the municipality's look, kept in the database: a functional administrator
changes them from a screen (portal.beheer), the configuration gives the defaults.

A value is kept under the name of the configuration setting it replaces (a row of
`policy_setting`, e.g. `PORTAL_APPLICATION_NORM`); a setting without a row is the
configuration's value. Every place that reads such a value asks `get(key)` instead of
`current_app.config`. Infrastructure and secrets stay configuration only.

All rows (a few dozen at most) are read in one query and kept by the process under the
settings stamp (portal.stamp): a request that sees the same stamp asks no query; a change in
the same request calls `forget()`. When the database cannot be reached, the configuration is
used. Every change is kept in
`policy_change`: who, when, old value and new value (None: the configuration's default).
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app, g, has_app_context
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from portal import stamp
from portal.db import Base, db, fetch, utcnow

_CACHE = "_policy_values"


class Setting(Base):
    """The value a functional administrator chose for one setting."""

    __tablename__ = "policy_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SettingChange(Base):
    """One change of a setting: who, when, from what to what (None: the default)."""

    __tablename__ = "policy_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), index=True)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)


_ALL = select(Setting.key, Setting.value)  # built once: every request reads it


def _load() -> dict[str, str] | None:
    try:
        rows = fetch(_ALL).all()
    except SQLAlchemyError:  # the database is down: the configuration (and nothing kept)
        db.session.rollback()
        return None
    return {str(key): str(value) for key, value in rows}


# What this process read last, under the stamp it saw before reading (never changed in place).
_KEPT: tuple[int | None, dict[str, str]] = (None, {})


def stored() -> dict[str, str]:
    """The values kept in the database: once per request, and without a query while the
    settings stamp stays the same (portal.stamp)."""
    global _KEPT
    if not has_app_context():
        return {}
    if _CACHE not in g:
        now = stamp.current()
        if now is None or _KEPT[0] != now:
            found = _load()
            if found is None:
                setattr(g, _CACHE, {})
                return {}
            _KEPT = (now, found)
        setattr(g, _CACHE, _KEPT[1])
    return getattr(g, _CACHE)


def forget() -> None:
    """After a change in this request: read the values again."""
    if has_app_context():
        g.pop(_CACHE, None)
        stamp.forget()


def _typed(default: object, raw: str) -> object:
    if isinstance(default, bool):
        return raw == "1"
    if isinstance(default, int):
        return int(raw)
    return raw


def default(key: str, fallback: object = None) -> object:
    """The configuration's value of a setting (what holds without a row)."""
    return current_app.config.get(key, fallback)


def get(key: str, fallback: object = None) -> object:
    """The value that holds: the database's, else the configuration's (else `fallback`),
    typed like the configuration's value."""
    base = default(key, fallback)
    raw = stored().get(key)
    if raw is None:
        return base
    try:
        return _typed(base, raw)
    except ValueError:  # a row the checks of its time let through: the default holds
        return base


def number(key: str, fallback: int = 0) -> int:
    return int(str(get(key, fallback)))


def text(key: str, fallback: str = "") -> str:
    return str(get(key, fallback) or "")


def days(key: str) -> tuple[int, ...]:
    """A list of days written as `7,14,21`."""
    return tuple(int(d) for d in text(key).split(",") if d.strip().isdigit())


def is_set(key: str) -> bool:
    return key in stored()


def change(actor_id: int | None, key: str, value: str | None, now: datetime) -> bool:
    """Keep a checked value (None: back to the configuration's default) with its history;
    False when nothing changed. Flushes; the caller's unit of work commits."""
    row = db.session.get(Setting, key)
    old = row.value if row is not None else None
    if old == value:
        return False
    if value is None:
        db.session.delete(row)
    elif row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    db.session.add(
        SettingChange(
            key=key, old_value=old, new_value=value, changed_at=now, changed_by_id=actor_id
        )
    )
    db.session.flush()
    forget()
    return True


def history(keys: tuple[str, ...] | list[str], limit: int = 50) -> list[SettingChange]:
    """The latest changes of these settings, newest first."""
    return list(
        db.session.scalars(
            select(SettingChange)
            .where(SettingChange.key.in_(list(keys)))
            .order_by(SettingChange.changed_at.desc(), SettingChange.id.desc())
            .limit(limit)
        )
    )
