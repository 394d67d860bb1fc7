"""Requests of applicants to correct what is kept about them (AVG art. 16), and the answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow
from portal.people import User

OPEN, CORRECTED, REFUSED = "open", "corrected", "refused"


class CorrectionRequest(Base):
    __tablename__ = "correction_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    what: Mapped[str] = mapped_column(Text)  # what is wrong
    should_be: Mapped[str] = mapped_column(Text)  # what it should say
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default=OPEN, index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    answered_at: Mapped[datetime | None]

    person: Mapped[User] = relationship(foreign_keys=[person_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
