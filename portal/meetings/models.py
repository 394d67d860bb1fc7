"""Information meetings, invitations and attendance."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow

if TYPE_CHECKING:
    from portal.auth.models import User

INVITED, ACCEPTED, DECLINED = "invited", "accepted", "declined"


class Meeting(Base):
    __tablename__ = "info_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invitation(Base):
    __tablename__ = "info_invitation"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("info_meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=INVITED)
    responded_at: Mapped[datetime | None]
    attended: Mapped[bool | None]
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[User] = relationship()
