"""One conversation per person: messages, each read (or not) by the other side."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class Message(Base):
    __tablename__ = "message"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))  # the conversation
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    from_person: Mapped[bool]
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    attachment_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), index=True)
    read_at: Mapped[datetime | None]  # by the other side


Index("ix_message_person_at", Message.person_id, Message.at)
Index("ix_message_unread", Message.person_id, Message.from_person, Message.read_at)


class Notice(Base):
    """When a recipient was last told about new messages (at most one mail an hour)."""

    __tablename__ = "message_notice"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    last_at: Mapped[datetime]


class Template(Base):
    """A ready text for coaches, kept by the team lead; {first_name} and {coach_name}."""

    __tablename__ = "message_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    body: Mapped[str] = mapped_column(Text)
