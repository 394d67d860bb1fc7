"""What the figures keep: a row of facts per person in the file (no name, no answers), and the
team lead's goals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.coaching.models import Review
from portal.db import Base, utcnow
from portal.intake.models import RoutingDecision
from portal.searchperiod.models import Application, Assessment, ConversationInvite


class PersonFacts(Base):
    """One person in the file, reduced to what the tables count. Written when a routing
    decision is made and when coaching ends (facts_services.refresh); `portal figures rebuild`
    writes them all again from the source records."""

    __tablename__ = "figures_person"

    person_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(60))
    born_on: Mapped[date | None]
    gender: Mapped[str | None] = mapped_column(String(12))  # woman, man, other; None: not known
    barrier: Mapped[str | None] = mapped_column(String(8))  # band of the questionnaire
    ladder_step: Mapped[int | None]
    benefit_since: Mapped[date | None]  # the application date of the benefit
    in_file_on: Mapped[date]
    self_starter_on: Mapped[date | None] = mapped_column(index=True)
    left_on: Mapped[date | None]
    left_status: Mapped[str | None] = mapped_column(String(30))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


# The file on a day: everything the count groups by is in the index, so it is read alone.
Index(
    "ix_figures_person_file",
    PersonFacts.in_file_on,
    PersonFacts.left_on,
    PersonFacts.team_id,
    PersonFacts.scheme,
    PersonFacts.outcome,
    PersonFacts.gender,
    PersonFacts.barrier,
    PersonFacts.born_on,
    PersonFacts.benefit_since,
)


class Goal(Base):
    """A target like seed 002 §6: "no more than 45 under 27 on 1 January 2022"."""

    __tablename__ = "figures_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    measure: Mapped[str] = mapped_column(String(30))
    comparison: Mapped[str] = mapped_column(String(10))  # at_most | at_least
    target: Mapped[int]
    due_on: Mapped[date]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# Period queries: every event the figures count by its date has an index on that date.
Index("ix_figures_application_applied_on", Application.applied_on)
Index("ix_figures_application_ended_at", Application.ended_at)
Index("ix_figures_assessment_assessed_at", Assessment.assessed_at)
Index("ix_figures_conversation_invite_starts_at", ConversationInvite.starts_at)
Index("ix_figures_routing_decision_decided_at", RoutingDecision.decided_at)
Index("ix_figures_coaching_review_done_at", Review.done_at)
