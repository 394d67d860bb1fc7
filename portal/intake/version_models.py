"""Questionnaire versions a functional administrator uploaded, and which version is published.

Shipped definitions live in `questionnaires/definitions/`; uploaded ones are kept here as
their TOML source. A publication makes a version the one new responses get; the newest
publication of a questionnaire wins, and responses keep the version they were given with.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class StoredDefinition(Base):
    __tablename__ = "questionnaire_definition"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int]
    source: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)


class Publication(Base):
    __tablename__ = "questionnaire_publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
