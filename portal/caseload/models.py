"""Assignments of Zelfdoeners to e-coaches; a reassignment ends one row and starts another."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class Assignment(Base):
    __tablename__ = "caseload_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)


# At most one current coach per person, also under two simultaneous requests.
Index(
    "uq_caseload_current",
    Assignment.applicant_id,
    unique=True,
    sqlite_where=Assignment.ended_at.is_(None),
    postgresql_where=Assignment.ended_at.is_(None),
)
