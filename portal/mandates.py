"""Lasting representation: a bewindvoerder, mentor or curator appointed by a court, or someone
the person authorised with a one-time code, acts for the person with an account of their own.

The mandates and what was done under them live here, below the features, because every feature
marks and lists them (like the STIP sessions in portal.acting). What each kind may see and do
is one table in portal.authz (MANDATE_PERMISSIONS, MANDATE_MAIL_TOPICS); the pages to link,
register, switch and end them are the `portal.represent` feature.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, ForeignKey, String, and_, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from portal.clock import today
from portal.db import Base, db, utcnow
from portal.people import User
from portal.roles import Role


class Kind(enum.StrEnum):
    BEWIND = "bewind"  # court: money (beschermingsbewind)
    MENTOR = "mentorschap"  # court: care and personal matters
    CURATELE = "curatele"  # court: both
    CONSENT = "machtiging"  # the person's own authorisation, with a one-time code

    @property
    def label(self):
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.BEWIND: _l("Bewindvoerder (money)"),
    Kind.MENTOR: _l("Mentor (care and personal matters)"),
    Kind.CURATELE: _l("Curator (money, care and personal matters)"),
    Kind.CONSENT: _l("Someone you authorised"),
}
COURT_KINDS = (Kind.BEWIND, Kind.MENTOR, Kind.CURATELE)


class Mandate(Base):
    """One representative acting for one person: from a court decision (registered by a
    consultant, with the document) or from the person's consent (a one-time code)."""

    __tablename__ = "mandate"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    representative_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # a Kind
    reference: Mapped[str | None] = mapped_column(String(60))  # the court's case number
    decided_on: Mapped[date | None]  # the court decision's date
    ends_on: Mapped[date | None]  # the last day it holds
    document_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    active_from: Mapped[datetime | None]  # a consent waits for the code to be used
    # A consent's one-time code (its SHA-256), for this representative only, until it is used.
    code_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    code_expires_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)

    person: Mapped[User] = relationship(foreign_keys=[person_id])
    representative: Mapped[User] = relationship(foreign_keys=[representative_id])
    actions: Mapped[list[MandateAction]] = relationship(
        order_by="MandateAction.id", back_populates="mandate"
    )

    @property
    def kind_label(self):
        return Kind(self.kind).label

    def active(self, now: datetime) -> bool:
        return (
            self.active_from is not None
            and self.active_from <= now
            and self.ended_at is None
            and (self.ends_on is None or today(now) <= self.ends_on)
        )


class MandateAction(Base):
    """One thing a representative did for the person, listed on the person's page."""

    __tablename__ = "mandate_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    mandate_id: Mapped[int] = mapped_column(ForeignKey("mandate.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))  # questionnaire, checklist, objection, ...
    detail: Mapped[str] = mapped_column(String(200), default="")

    mandate: Mapped[Mandate] = relationship(back_populates="actions")


def in_force(now: datetime) -> ColumnElement[bool]:
    """The mandates that hold at this moment (started, not ended, not past the end date)."""
    return and_(
        Mandate.active_from.is_not(None),
        Mandate.active_from <= now,
        Mandate.ended_at.is_(None),
        or_(Mandate.ends_on.is_(None), Mandate.ends_on >= today(now)),
    )


def active_for(representative_id: int, mandate_id: int | None, now: datetime) -> Mandate | None:
    """The representative's mandate with this id, if it holds now."""
    if mandate_id is None:
        return None
    return db.session.scalar(
        select(Mandate).where(
            Mandate.id == mandate_id,
            Mandate.representative_id == representative_id,
            in_force(now),
        )
    )


def kinds_for(representative_id: int, person_id: int, now: datetime) -> set[str]:
    """The kinds under which the representative acts for this person now."""
    return set(
        db.session.scalars(
            select(Mandate.kind).where(
                Mandate.representative_id == representative_id,
                Mandate.person_id == person_id,
                in_force(now),
            )
        )
    )


def of_representative(representative_id: int, now: datetime) -> list[Mandate]:
    """Everyone the representative acts for now, by name."""
    return list(
        db.session.scalars(
            select(Mandate)
            .join(Mandate.person)
            .where(Mandate.representative_id == representative_id, in_force(now))
            .options(selectinload(Mandate.person))
            .order_by(User.name, Mandate.id)
        )
    )


def of_person(person_id: int) -> list[Mandate]:
    """Every mandate of the person, newest first, with representative and actions."""
    return list(
        db.session.scalars(
            select(Mandate)
            .where(Mandate.person_id == person_id)
            .options(selectinload(Mandate.representative), selectinload(Mandate.actions))
            .order_by(Mandate.id.desc())
        )
    )


def representatives_of(person_id: int, kinds: set[str], now: datetime) -> list[User]:
    """The representatives acting for the person now under one of these kinds."""
    if not kinds:
        return []
    return list(
        db.session.scalars(
            select(User)
            .join(Mandate, Mandate.representative_id == User.id)
            .where(
                Mandate.person_id == person_id,
                Mandate.kind.in_(kinds),
                in_force(now),
                User.active.is_(True),
            )
            .distinct()
            .order_by(User.id)
        )
    )


def record_action(mandate: Mandate, kind: str, detail: str, now: datetime) -> None:
    """Add what the representative did (inside the caller's transaction)."""
    db.session.add(MandateAction(mandate_id=mandate.id, kind=kind, detail=detail[:200], at=now))
    db.session.flush()


def done_by(person_id: int, kind: str) -> list[str]:
    """The names of the representatives who did this kind of thing for the person."""
    return list(
        db.session.scalars(
            select(User.name)
            .join(Mandate, Mandate.representative_id == User.id)
            .join(MandateAction)
            .where(Mandate.person_id == person_id, MandateAction.kind == kind)
            .group_by(User.name)
            .order_by(User.name)
        )
    )


def names(representative_ids: set[int]) -> dict[int, str]:
    """id → name of representatives among these accounts (to mark what they wrote)."""
    if not representative_ids:
        return {}
    return dict(
        db.session.execute(
            select(User.id, User.name).where(
                User.id.in_(representative_ids), User.role == Role.REPRESENTATIVE
            )
        ).all()
    )
