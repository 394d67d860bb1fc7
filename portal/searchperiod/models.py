"""Applications (aanvragen) with their search period, the minimal job-search log, reminders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow
from portal.people import User
from portal.searchperiod import rules

OPEN, ENDED = "open", "ended"
CHANNELS = ("self", "consultant", "stip")
MODES = ("in_person", "phone", "video")
END_REASONS = ("found_work", "started_study", "withdrawn")


class Application(Base):
    """A benefit application and the four-week search period that goes with it."""

    __tablename__ = "application"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    born_on: Mapped[date]
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    applied_on: Mapped[date]
    uwv_registered_on: Mapped[date | None]
    under_27: Mapped[bool]
    period_start: Mapped[date]
    period_last_day: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(12))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(8), default=OPEN)
    # Same person: date of birth and normalised name; unique among open applications.
    person_key: Mapped[str] = mapped_column(String(240))
    # Checklist facts stated by the applicant.
    uwv_stated_on: Mapped[date | None]
    cv_done_at: Mapped[datetime | None]
    cv_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    has_startkwalificatie: Mapped[bool | None]
    school_looked_into_at: Mapped[datetime | None]
    school_not_feasible: Mapped[str | None] = mapped_column(Text)
    # Set when the applicant sends the Entreevragenlijst (an event from intake): the only
    # thing of the questionnaire the search period knows.
    questionnaire_sent_at: Mapped[datetime | None]
    # Ending the period early: outflow at the gate.
    end_reason: Mapped[str | None] = mapped_column(String(20))
    ended_at: Mapped[datetime | None]

    applicant: Mapped[User] = relationship(foreign_keys=[applicant_id])
    registered_by: Mapped[User | None] = relationship(foreign_keys=[registered_by_id])

    @property
    def period(self) -> rules.Period:
        """The search period of this application, for the pure rules."""
        return rules.Period(self.under_27, self.period_start, self.period_last_day)


Index("ix_application_open", Application.applicant_id, Application.status)
Index(
    "uq_application_open_person",
    Application.person_key,
    unique=True,
    sqlite_where=Application.status == OPEN,
    postgresql_where=Application.status == OPEN,
)


class PendingRegistration(Base):
    """An application sent by an anonymous visitor, waiting until the owner of the email address
    confirms it with the mailed link (single use, expiring). Nothing is made in anyone's file
    before that; rows are deleted a day after they expire (`purge_pending`)."""

    __tablename__ = "pending_registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    born_on: Mapped[date]
    phone: Mapped[str | None] = mapped_column(String(40))
    uwv_registered_on: Mapped[date | None]
    applied_on: Mapped[date]
    locale: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    confirmed_at: Mapped[datetime | None]
    # What confirming led to (apply_services.OUTCOMES), shown again if the link is used twice.
    outcome: Mapped[str | None] = mapped_column(String(20))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)


class ConversationInvite(Base):
    """The invitation to the first face-to-face conversation after the search period."""

    __tablename__ = "conversation_invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    starts_at: Mapped[datetime]
    mode: Mapped[str] = mapped_column(String(12))  # in_person | phone | video
    place: Mapped[str] = mapped_column(String(300))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Assessment(Base):
    """The consultant's assessment of the obligations; read-only once saved. A correction is
    a new row that points to the one it corrects."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    items: Mapped[dict[str, Any]] = mapped_column(JSON)  # key → {"met": bool, "note": str}
    conclusion: Mapped[str] = mapped_column(Text)
    assessed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    assessed_at: Mapped[datetime] = mapped_column(default=utcnow)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), index=True)

    assessed_by: Mapped[User] = relationship(foreign_keys=[assessed_by_id])


class ReminderSent(Base):
    """A reminder key handled for an application; the unique key makes sending idempotent."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("application_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    key: Mapped[str] = mapped_column(String(20))
    sent: Mapped[bool]  # False: skipped because a newer reminder went out instead
    at: Mapped[datetime] = mapped_column(default=utcnow)
