"""Questionnaire responses, the routing decisions on them, and each applicant's service line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, utcnow
from portal.people import User
from portal.sealing import SealedJSON

DRAFT, SUBMITTED = "draft", "submitted"
OBJECTED, IN_TURN = 0, 1  # QuestionnaireResponse.queue_rank: objected advice first


class QuestionnaireResponse(Base):
    """One applicant's answers to one questionnaire version; immutable once submitted."""

    __tablename__ = "questionnaire_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int]
    scheme: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    # Health, addiction and debt answers, and what is derived from them (reasons, scores,
    # bands, signals): sealed at rest (portal.sealing); the database alone reveals none of them.
    answers: Mapped[dict[str, Any]] = mapped_column(
        SealedJSON("questionnaire_response.answers"), default=dict
    )
    last_step: Mapped[str | None] = mapped_column(String(60))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)
    # The evaluation at submission, kept as it was (the definition may get new versions).
    route_id: Mapped[str | None] = mapped_column(String(60))
    advised_outcome: Mapped[str | None] = mapped_column(String(60))
    reasons: Mapped[list[str] | None] = mapped_column(SealedJSON("questionnaire_response.reasons"))
    scores: Mapped[dict[str, float] | None] = mapped_column(
        SealedJSON("questionnaire_response.scores")
    )
    bands: Mapped[dict[str, str] | None] = mapped_column(SealedJSON("questionnaire_response.bands"))
    signals: Mapped[list[str] | None] = mapped_column(SealedJSON("questionnaire_response.signals"))
    # Set with the routing decision: the consultants' queue is the submitted, undecided ones.
    decided: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The queue's order: advice the applicant objected to (OBJECTED) before the rest (IN_TURN).
    queue_rank: Mapped[int] = mapped_column(default=IN_TURN, server_default=str(IN_TURN))
    ladder_step: Mapped[int | None]  # participation ladder, from the factual answers
    # Raised by every save: two tabs saving pages at once merge instead of overwriting
    # (intake.services.save_step compares and swaps; other writes are checked by the ORM).
    revision: Mapped[int] = mapped_column(default=1, server_default="1")

    applicant: Mapped[User] = relationship(foreign_keys=[applicant_id])
    decision: Mapped[RoutingDecision | None] = relationship(back_populates="response")
    objection: Mapped[Objection | None] = relationship(back_populates="response")

    __mapper_args__ = {"version_id_col": revision}  # noqa: RUF012 -- read by SQLAlchemy


Index(
    "ix_questionnaire_response_open",
    QuestionnaireResponse.applicant_id,
    QuestionnaireResponse.questionnaire_id,
    QuestionnaireResponse.status,
)

# The advice queue, objected first, then oldest first, without scanning every response ever
# decided.
Index(
    "ix_questionnaire_response_undecided",
    QuestionnaireResponse.queue_rank,
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


class Objection(Base):
    """The applicant does not agree with the advice (AVG art. 22: their point of view), made
    before the decision; the decision answers it in words the applicant reads."""

    __tablename__ = "routing_objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_response.id"), unique=True)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)  # keys of OBJECTION_REASONS
    text: Mapped[str] = mapped_column(Text, default="")
    made_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    made_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)  # the consultant's, with the decision
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    answered_at: Mapped[datetime | None]

    response: Mapped[QuestionnaireResponse] = relationship(back_populates="objection")


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
    # Of those decisions: the applicant had objected, and the decision changed the advice.
    objections: Mapped[int] = mapped_column(default=0, server_default="0")
    objections_changed: Mapped[int] = mapped_column(default=0, server_default="0")
