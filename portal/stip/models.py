"""STIP locations, volunteers' places, assisted sessions and what was done in them.
The one-time help codes are account tokens (portal.auth.tokens, purpose "help")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow


class Location(Base):
    __tablename__ = "stip_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    opening_hours: Mapped[str] = mapped_column(Text, default="")


class Volunteer(Base):
    """Which location a volunteer account belongs to."""

    __tablename__ = "stip_volunteer"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("stip_location.id"), index=True)


class AssistedSession(Base):
    __tablename__ = "stip_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("stip_location.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    consented_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(20))  # volunteer, person, refused

    location: Mapped[Location] = relationship()
    actions: Mapped[list[AssistedAction]] = relationship(
        order_by="AssistedAction.id", back_populates="session"
    )


class AssistedAction(Base):
    """One thing done in an assisted session, listed in the person's own portal."""

    __tablename__ = "stip_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("stip_session.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))  # questionnaire, checklist, werkmap, cv
    detail: Mapped[str] = mapped_column(String(200), default="")

    session: Mapped[AssistedSession] = relationship(back_populates="actions")
