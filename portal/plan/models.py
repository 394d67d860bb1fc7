"""The personal activation plan: goals with actions, owned by the applicant; what the coach
proposes and comments; every change kept with who made it and when; the agreement."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.catalogue.models import Service
from portal.db import Base, utcnow

STATUSES = ("not_started", "busy", "done")
OPEN, ACCEPTED, DECLINED, OUTDATED = "open", "accepted", "declined", "outdated"
PROPOSAL_KINDS = ("add_goal", "add_action", "change_action")


class Plan(Base):
    """One per person. `version` counts every change; the agreement names a version."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The first goal was made: "the person has a plan" (the seed 002 indicator counts this).
    started_at: Mapped[datetime | None]
    # The coach (or consultant) marked this version as agreed; the person confirmed it.
    agreed_version: Mapped[int | None]
    agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    agreed_at: Mapped[datetime | None]
    confirmed_version: Mapped[int | None]
    confirmed_at: Mapped[datetime | None]

    # Module-qualified: portal.figures has a Goal of its own.
    goals: Mapped[list[Goal]] = relationship(
        "portal.plan.models.Goal",
        back_populates="plan",
        cascade="all, delete-orphan",
        order_by="portal.plan.models.Goal.id",
    )


class Goal(Base):
    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    target_on: Mapped[date | None]
    occupation: Mapped[str] = mapped_column(String(200), default="")  # made from the scan
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    plan: Mapped[Plan] = relationship(back_populates="goals")
    actions: Mapped[list[Action]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Action.id"
    )


class Action(Base):
    __tablename__ = "plan_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id"), index=True)
    what: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None]
    helper: Mapped[str] = mapped_column(String(200), default="")  # who helps
    service_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_service.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="not_started")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    goal: Mapped[Goal] = relationship("portal.plan.models.Goal", back_populates="actions")
    service: Mapped[Service | None] = relationship()


class Proposal(Base):
    """A change the coach proposes: nothing happens until the person accepts it. The goal or
    action it is about is a plain id: when that is removed, the proposal is outdated."""

    __tablename__ = "plan_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))
    goal_id: Mapped[int | None]
    action_id: Mapped[int | None]
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=OPEN)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)


class Comment(Base):
    __tablename__ = "plan_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(Text)


class Change(Base):
    """One line of the plan's history: who did what, when, and which fields changed
    (`detail`: field → [before, after])."""

    __tablename__ = "plan_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    # Done by a STIP volunteer in an assisted session, or accepted from this proposal.
    assisted_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("stip_session.id"), index=True
    )
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_proposal.id"), index=True)
