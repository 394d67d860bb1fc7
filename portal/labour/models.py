"""The municipality's competence list, occupations in demand and vacancies; a person's scan,
their own ratings and those of the people they invited (the 360° part)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow
from portal.sealing import SealedJSON

DEMAND = ("high", "medium", "low")  # how much an occupation is asked for in the region
DEMAND_RANK = {level: rank for rank, level in enumerate(DEMAND)}


class Competence(Base):
    """One skill or competence of the municipality's closed list, in a group."""

    __tablename__ = "labour_competence"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    group: Mapped[str] = mapped_column(String(80))
    # Where someone learns it, for the "missing: how to get it" of a match.
    how_to_learn: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Occupation(Base):
    """An occupation in demand in the region (imported or demo data)."""

    __tablename__ = "labour_occupation"
    __table_args__ = (UniqueConstraint("name", "region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    code: Mapped[str] = mapped_column(String(40), default="")  # ISCO-08 or ESCO, if known
    region: Mapped[str] = mapped_column(String(100))
    sector: Mapped[str] = mapped_column(String(40))
    demand: Mapped[str] = mapped_column(String(10))
    requirements: Mapped[list[Competence]] = relationship(
        secondary="labour_occupation_requirement", order_by="Competence.name"
    )
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class OccupationRequirement(Base):
    __tablename__ = "labour_occupation_requirement"

    occupation_id: Mapped[int] = mapped_column(
        ForeignKey("labour_occupation.id", ondelete="CASCADE"), primary_key=True
    )
    competence_id: Mapped[int] = mapped_column(
        ForeignKey("labour_competence.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Vacancy(Base):
    """A vacancy in the region: imported (with the source's reference) or entered by staff."""

    __tablename__ = "labour_vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(160))
    employer: Mapped[str] = mapped_column(String(160))
    place: Mapped[str] = mapped_column(String(100), default="")
    sector: Mapped[str] = mapped_column(String(40))
    hours_per_week: Mapped[int | None]
    url: Mapped[str] = mapped_column(String(500), default="")
    closes_on: Mapped[date | None] = mapped_column(index=True)
    requirements: Mapped[list[Competence]] = relationship(
        secondary="labour_vacancy_requirement", order_by="Competence.name"
    )
    # Who imported it is in the audit log (the row itself says nothing about people).
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class VacancyRequirement(Base):
    __tablename__ = "labour_vacancy_requirement"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("labour_vacancy.id", ondelete="CASCADE"), primary_key=True
    )
    competence_id: Mapped[int] = mapped_column(
        ForeignKey("labour_competence.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Scan(Base):
    """A person's scan: their answers (wishes, experience), their own ratings, and whether job
    hunters may see their profile."""

    __tablename__ = "labour_scan"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    definition: Mapped[str] = mapped_column(String(60))
    definition_version: Mapped[int]
    answers: Mapped[dict] = mapped_column(SealedJSON("labour_scan.answers"), default=dict)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Opt-in: job hunters of the municipality may see the profile (revocable, audited).
    visible: Mapped[bool] = mapped_column(default=False)
    visible_since: Mapped[datetime | None]

    ratings: Mapped[list[CompetenceRating]] = relationship(
        cascade="all, delete-orphan", back_populates="scan"
    )
    invitations: Mapped[list[RaterInvitation]] = relationship(
        cascade="all, delete-orphan", back_populates="scan", order_by="RaterInvitation.id"
    )

    def own_levels(self) -> dict[int, int]:
        return {r.competence_id: r.level for r in self.ratings if r.invitation_id is None}


Index("ix_labour_scan_visible", Scan.visible)


class RaterInvitation(Base):
    """A one-time link for someone to rate the person's competences (the 360° part). Only the
    SHA-256 of the token is kept; it works once, until it expires, and for the ratings form
    only."""

    __tablename__ = "labour_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(
        ForeignKey("labour_scan.id", ondelete="CASCADE"), index=True
    )
    relation: Mapped[str] = mapped_column(String(20))
    rater_name: Mapped[str] = mapped_column(String(100))  # how the person calls them
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    scan: Mapped[Scan] = relationship(back_populates="invitations")


class CompetenceRating(Base):
    """One level for one competence: the person's own (no invitation) or a rater's."""

    __tablename__ = "labour_rating"
    __table_args__ = (UniqueConstraint("scan_id", "invitation_id", "competence_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scan_id: Mapped[int] = mapped_column(
        ForeignKey("labour_scan.id", ondelete="CASCADE"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("labour_invitation.id", ondelete="CASCADE"), index=True
    )
    competence_id: Mapped[int] = mapped_column(
        ForeignKey("labour_competence.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int]

    scan: Mapped[Scan] = relationship(back_populates="ratings")
