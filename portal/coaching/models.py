"""Staff notes, stand-ins, the three-month review and handovers to a consultant."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow

REVIEW_OUTCOMES = ("continue", "workshop", "klantondersteuning", "ended")
END_STATUSES = (
    "regular_job",
    "education",
    "practical_training",
    "follow_up_trajectory",
    "sheltered_job",
    "afspraakbaan",
    "drop_out",
    "temporary_drop_out",
)


class StaffNote(Base):
    """A note about a person that only staff can read."""

    __tablename__ = "staff_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)


REQUESTED, APPROVED, REFUSED, ENDED = "requested", "approved", "refused", "ended"
STAND_IN_STATUSES = (REQUESTED, APPROVED, REFUSED, ENDED)


class StandIn(Base):
    """An e-coach sees a colleague's caseload while standing in for them: set by the team lead,
    or requested by the coach and approved by the team lead; at most 30 days; audited. Only an
    approved stand-in opens the colleague's people."""

    __tablename__ = "stand_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    for_coach_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Rows from before approvals existed were granted by the coach alone: they wait for one.
    status: Mapped[str] = mapped_column(String(10), default=REQUESTED, server_default=REQUESTED)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    decided_at: Mapped[datetime | None]


class Review(Base):
    """The three-month review of a Zelfdoener: recorded once, with its outcome."""

    __tablename__ = "coaching_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    due_on: Mapped[date]
    done_at: Mapped[datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(30))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_service.id"), index=True)
    end_status: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")


class Handover(Base):
    """A Zelfdoener moved to Klantondersteuning: the consultants of the team see the file."""

    __tablename__ = "coaching_handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    from_coach_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("coaching_review.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Signal(Base):
    """What the caseload page sorts and filters on, one row per person, kept up to date in the
    transaction that changes a fact behind it (portal.coaching.signal_services). Dates, not
    flags: "quiet", "below the norm" and "review due" are comparisons with today in SQL."""

    __tablename__ = "coaching_signal"

    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    coached_since: Mapped[date | None]  # the current assignment's first day
    last_activity: Mapped[date | None]  # last log entry or message from the person
    unread: Mapped[int] = mapped_column(default=0)  # from the person, not read by staff
    review_due_on: Mapped[date | None]  # None once reviewed
    # The last day on which the applications of the four weeks up to that day still meet
    # 4 × the weekly norm (None: not met even now); computed with `weekly_norm`.
    norm_met_until: Mapped[date | None]
    weekly_norm: Mapped[int] = mapped_column(default=0)
    open_items: Mapped[int] = mapped_column(default=0)  # of the open search period
    period_last_day: Mapped[date | None]
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)
