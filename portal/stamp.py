"""A stamp that changes whenever the policy values or the text overrides do, so that every
app process can keep what it read of them and still never show an old value.

`settings_stamp` holds one row. Triggers on `policy_setting` and `text_override` (migration
`settings_stamp`) give it a new random value on every insert, update or delete, in the same
transaction as the change: on every app server and worker at once, whoever wrote the change
(a screen, a script, a restore). The value is random, not a counter, so a database that was
emptied and filled again never meets an old stamp again.

A process keeps the values it read together with the stamp it saw before reading them
(portal.policy, portal.texts); a request that sees the same stamp uses them without a query.
The values read are at least as new as the stamp they are kept under, so a later request
with another stamp reads them again. Reading the stamp costs nothing for a signed-in visitor:
the session's own query brings it along (`COLUMN`, portal.auth.session_services) and hands
it over with `seen()`. Without a stamp row (None) nothing is kept: every request reads.
"""

from __future__ import annotations

from flask import g, has_app_context
from sqlalchemy import BigInteger, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, db, fetch

_KEY = "_settings_stamp"


class SettingsStamp(Base):
    __tablename__ = "settings_stamp"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    value: Mapped[int] = mapped_column(BigInteger)


_CURRENT = select(SettingsStamp.value).where(SettingsStamp.id == 1)
# For another query to bring the stamp along (one statement instead of two).
COLUMN = _CURRENT.scalar_subquery().label("settings_stamp")


def seen(value: int | None) -> None:
    """The stamp as another query of this request read it."""
    if has_app_context():
        setattr(g, _KEY, value)


def current() -> int | None:
    """The stamp, read at most once per request (None: nothing may be kept)."""
    if not has_app_context():
        return None
    if _KEY not in g:
        try:
            value = fetch(_CURRENT).scalar()
        except SQLAlchemyError:  # the database is down: nothing is kept, the callers cope
            db.session.rollback()
            value = None
        setattr(g, _KEY, value)
    return getattr(g, _KEY)


def forget() -> None:
    """After a change in this request: the triggers gave the stamp a new value."""
    if has_app_context():
        g.pop(_KEY, None)
