"""Job-search log entries and the history of their status."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow

KINDS = (
    "application",
    "open_application",
    "network_contact",
    "job_fair",
    "temp_agency",
    "interview",
    "training",
    "other",
)
CHANNELS = ("online_form", "email", "letter", "phone", "in_person", "temp_agency")
STATUSES = ("sent", "invited", "rejected", "offered", "hired", "no_answer")
APPLYING = ("application", "open_application")  # kinds that count as applying for a job


class LogEntry(Base):
    __tablename__ = "werkmap_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    vacancy: Mapped[str] = mapped_column(String(500), default="")
    channel: Mapped[str | None] = mapped_column(String(20))
    contact: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="sent")
    follow_up_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    proof_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    # Added by a STIP volunteer in an assisted session: shown as "with help from STIP ...".
    assisted_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("stip_session.id"), index=True
    )
    # Optimistic locking: a save names the version it started from.
    version: Mapped[int] = mapped_column(default=1)

    history: Mapped[list[StatusChange]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 -- read by SQLAlchemy


Index("ix_werkmap_entry_owner_day", LogEntry.owner_id, LogEntry.day)
# Applications in a period (checklist, caseload signals): owner, kind, then the day range.
Index("ix_werkmap_entry_owner_kind_day", LogEntry.owner_id, LogEntry.kind, LogEntry.day)


class StatusChange(Base):
    __tablename__ = "werkmap_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("werkmap_entry.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)

    entry: Mapped[LogEntry] = relationship(back_populates="history")
