"""Workshops and instruments the municipality offers, and who was referred to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow

KINDS = ("workshop", "coaching", "training", "language", "self_employment", "other")
RESULTS = ("completed", "stopped", "no_show")


class Service(Base):
    __tablename__ = "catalogue_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(String(300), default="")
    provider: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)


class Referral(Base):
    __tablename__ = "catalogue_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("catalogue_service.id"), index=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    referred_on: Mapped[date]
    result: Mapped[str | None] = mapped_column(String(20))
    result_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    service: Mapped[Service] = relationship()
