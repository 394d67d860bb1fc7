"""Login sessions kept in the database (the cookie holds only a random id), and forms kept
when a session timed out while the person was typing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class LoginSession(Base):
    """One signed-in browser. Only the SHA-256 of the cookie's id is stored, so a copy of the
    database does not let anyone in. Ended sessions are kept a while for the kept-form check
    and the security log, then deleted by `portal run-scheduled`."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(20))  # password | digid | staff_oidc
    acr: Mapped[str | None] = mapped_column(String(200))  # the broker's assurance level
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]  # the absolute lifetime
    second_factor_at: Mapped[datetime | None]  # when the second factor was passed (staff)
    ended_at: Mapped[datetime | None] = mapped_column(index=True)
    # logout | everywhere | password | deactivated | idle | absolute | second_factor_reset
    end_reason: Mapped[str | None] = mapped_column(String(30))


class KeptForm(Base):
    """What a person posted after their session timed out, kept for them for a day; it is
    shown to them again, and only to them, after they sign in again."""

    __tablename__ = "kept_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(500))
    fields: Mapped[str] = mapped_column(Text)  # JSON list of [name, value] pairs
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
