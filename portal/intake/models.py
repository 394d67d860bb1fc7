"""Questionnaire responses, the routing decisions on them, and each applicant's service line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow
from portal.people import User

DRAFT, SUBMITTED = "draft", "submitted"


class QuestionnaireResponse(Base):
    """One applicant's answers to one questionnaire version; immutable once submitted."""

    __tablename__ = "questionnaire_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int]
    scheme: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_step: Mapped[str | None] = mapped_column(String(60))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)
    # The evaluation at submission, kept as it was (the definition may get new versions).
    route_id: Mapped[str | None] = mapped_column(String(60))
    advised_outcome: Mapped[str | None] = mapped_column(String(60))
    reasons: Mapped[list[str] | None] = mapped_column(JSON)
    scores: Mapped[dict[str, float] | None] = mapped_column(JSON)
    bands: Mapped[dict[str, str] | None] = mapped_column(JSON)
    signals: Mapped[list[str] | None] = mapped_column(JSON)
    # Set with the routing decision: the consultants' queue is the submitted, undecided ones.
    decided: Mapped[bool] = mapped_column(default=False, server_default=false())
    ladder_step: Mapped[int | None]  # participation ladder, from the factual answers
    # Raised by every save: two tabs saving pages at once merge instead of overwriting
    # (intake.services.save_step compares and swaps; other writes are checked by the ORM).
    revision: Mapped[int] = mapped_column(default=1, server_default="1")

    applicant: Mapped[User] = relationship(foreign_keys=[applicant_id])
    decision: Mapped[RoutingDecision | None] = relationship(back_populates="response")

    __mapper_args__ = {"version_id_col": revision}  # noqa: RUF012 -- read by SQLAlchemy


Index(
    "ix_questionnaire_response_open",
    QuestionnaireResponse.applicant_id,
    QuestionnaireResponse.questionnaire_id,
    QuestionnaireResponse.status,
)

# The advice queue, oldest first, without scanning every response ever decided.
Index(
    "ix_questionnaire_response_undecided",
    QuestionnaireResponse.submitted_at,
    QuestionnaireResponse.id,
    sqlite_where=(QuestionnaireResponse.status == SUBMITTED)
    & QuestionnaireResponse.decided.is_(False),
    postgresql_where=(QuestionnaireResponse.status == SUBMITTED)
    & QuestionnaireResponse.decided.is_(False),
)


class RoutingDecision(Base):
    """A person confirms or corrects the advice (AVG art. 22); a correction needs a reason."""

    __tablename__ = "routing_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_response.id"), unique=True)
    advised_outcome: Mapped[str] = mapped_column(String(60))
    final_outcome: Mapped[str] = mapped_column(String(60))
    overridden: Mapped[bool]
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    response: Mapped[QuestionnaireResponse] = relationship(back_populates="decision")
    decided_by: Mapped[User] = relationship(foreign_keys=[decided_by_id])


class ServiceLine(Base):
    """The applicant's confirmed service line; changes only through a RoutingDecision."""

    __tablename__ = "service_line"

    applicant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(60))
    activity: Mapped[str | None] = mapped_column(String(60))  # from the supplementary list
    decision_id: Mapped[int] = mapped_column(ForeignKey("routing_decision.id"), index=True)
    since: Mapped[datetime] = mapped_column(default=utcnow)


# Zelfdoeners waiting for an e-coach, longest waiting first.
Index("ix_service_line_outcome_since", ServiceLine.outcome, ServiceLine.since)


class RoutingFigure(Base):
    """How often the advice of a route was confirmed or changed, per month of the decision:
    counted when a decision is made, so the team lead's figures read a few rows."""

    __tablename__ = "routing_figure"
    __table_args__ = (
        UniqueConstraint("month", "questionnaire_id", "scheme", "route_id", "advised_outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date]  # the first day of the month (UTC) of the decisions
    questionnaire_id: Mapped[str] = mapped_column(String(60))
    scheme: Mapped[str] = mapped_column(String(40))
    route_id: Mapped[str] = mapped_column(String(60), default="")
    advised_outcome: Mapped[str] = mapped_column(String(60))
    decisions: Mapped[int] = mapped_column(default=0)
    overridden: Mapped[int] = mapped_column(default=0)
