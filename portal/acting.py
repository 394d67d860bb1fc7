"""Who acts for whom: the signed-in applicant themselves, a STIP volunteer helping them in an
assisted session (with the person's consent, for two hours), or a representative (bewindvoerder,
mentor, curator, someone authorised) for the person they chose from their list
(portal.mandates).

Every feature that a volunteer may use for a person asks this module: `subject()` is the
person the request is about, `current_user` the one who acts. The help points themselves
(codes, consent, locations, volunteers) are the `portal.stip` feature; the sessions and what
was done in them live here, below the features, because every feature marks and lists them.
"""

from __future__ import annotations

from datetime import datetime

from flask import g, session
from flask_login import current_user
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import audit, mandates
from portal.db import Base, db, unit_of_work, utcnow
from portal.people import User
from portal.roles import Role

KEY = "stip_session_id"  # the volunteer's session cookie holds the assisted session's id
REPRESENTING = "mandate_id"  # a representative's session holds the chosen mandate's id


class Location(Base):
    """A STIP help point."""

    __tablename__ = "stip_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    opening_hours: Mapped[str] = mapped_column(Text, default="")


class AssistedSession(Base):
    __tablename__ = "stip_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("stip_location.id"), index=True)
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


# The data: sessions, actions and the locations that marked them (no request needed).


def active(volunteer: User, session_id: int | None, now: datetime) -> AssistedSession | None:
    """The volunteer's consented session, unless it ended, was revoked or is past 2 hours."""
    found = db.session.get(AssistedSession, session_id) if session_id else None
    if (
        found is None
        or found.volunteer_id != volunteer.id
        or found.ended_at is not None
        or found.expires_at is None
        or found.expires_at <= now
    ):
        return None
    return found


def helps(volunteer: User, person_id: int, now: datetime) -> bool:
    """True when the volunteer is in a consented, unexpired, open session with this person."""
    found = db.session.scalar(
        select(AssistedSession.id)
        .where(
            AssistedSession.volunteer_id == volunteer.id,
            AssistedSession.person_id == person_id,
            AssistedSession.ended_at.is_(None),
            AssistedSession.expires_at > now,
        )
        .limit(1)
    )
    return found is not None


def record_action(assisted: AssistedSession, kind: str, detail: str, now: datetime) -> None:
    """Add what was done in the session (inside the caller's transaction)."""
    db.session.add(AssistedAction(session_id=assisted.id, kind=kind, detail=detail[:200], at=now))
    db.session.flush()


def helped_with(person_id: int, kind: str) -> list[str]:
    """The STIP locations that helped the person with this kind of thing."""
    return list(
        db.session.scalars(
            select(Location.name)
            .join(AssistedSession)
            .join(AssistedAction)
            .where(AssistedSession.person_id == person_id, AssistedAction.kind == kind)
            .group_by(Location.name)
            .order_by(Location.name)
        )
    )


def location_names(session_ids: set[int]) -> dict[int, str]:
    """session id → location name, for marking rows (one query)."""
    if not session_ids:
        return {}
    return dict(
        db.session.execute(
            select(AssistedSession.id, Location.name)
            .join(Location)
            .where(AssistedSession.id.in_(session_ids))
        ).all()
    )


# The request: who acts, and for whom.


def assisted_session() -> AssistedSession | None:
    """The signed-in volunteer's active session (consented, within 2 hours), or None."""
    if "assisted_session" not in g:
        found = None
        if getattr(current_user, "is_authenticated", False) and current_user.role == Role.STIP:
            found = active(current_user, session.get(KEY), utcnow())
        g.assisted_session = found
    return g.assisted_session


def helping() -> bool:
    return assisted_session() is not None


def representation() -> mandates.Mandate | None:
    """The signed-in representative's chosen mandate, while it holds (checked at every
    request: an end date or an ending stops it at once), or None."""
    if "representation" not in g:
        found = None
        if (
            getattr(current_user, "is_authenticated", False)
            and current_user.role == Role.REPRESENTATIVE
        ):
            found = mandates.active_for(current_user.id, session.get(REPRESENTING), utcnow())
        g.representation = found
    return g.representation


def subject() -> User | None:
    """The person this request is about: the applicant, the person being helped, or the
    person the representative acts for."""
    if getattr(current_user, "is_authenticated", False) and current_user.role == Role.APPLICANT:
        return current_user
    mandate = representation()
    if mandate is not None:
        return db.session.get(User, mandate.person_id)
    assisted = assisted_session()
    if assisted is None:
        return None
    return db.session.get(User, assisted.person_id)


def required_subject() -> User:
    """`subject()` on a page behind `require(...)`, which only lets a request in when there is
    one: the signed-in applicant, or the person in the volunteer's active session."""
    person = subject()
    assert person is not None  # noqa: S101 -- require() checked it
    return person


def note(kind: str, detail: str = "") -> None:
    """Record what the volunteer or representative did for the person (inside the caller's
    transaction)."""
    assisted = assisted_session()
    if assisted is not None:
        record_action(assisted, kind, detail, utcnow())
    mandate = representation()
    if mandate is not None:
        mandates.record_action(mandate, kind, detail, utcnow())


def session_id() -> int | None:
    assisted = assisted_session()
    return assisted.id if assisted is not None else None


def audit_read(what: str) -> None:
    """A volunteer or representative looking at the person's things is written to the audit
    log."""
    mandate = representation()
    if mandate is not None:
        with unit_of_work():
            audit.record(
                current_user,
                f"representative.read.{what}",
                "user",
                mandate.person_id,
                detail=f"mandate={mandate.id}",
            )
    assisted = assisted_session()
    if assisted is not None:
        with unit_of_work():
            audit.record(
                current_user,
                f"stip.read.{what}",
                "user",
                assisted.person_id,
                detail=f"session={assisted.id}",
            )
