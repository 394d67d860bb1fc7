"""What the figures keep: a row of facts per person in the file (no name, no answers), and the
team lead's goals."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


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


class Count(Base):
    """How many events of one kind happened in a month (in Amsterdam), per team and key: kept by
    the events themselves (count_services), written again from the records by `portal figures
    rebuild`. A period of whole months is a sum over at most twelve rows per key."""

    __tablename__ = "figures_count"

    metric: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)  # its first day
    team: Mapped[int] = mapped_column(primary_key=True)  # a team's id; 0: without a team
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class FileCount(Base):
    """The file at the end of a day, per team (0: without a team), line and one characteristic
    (gender, barrier, age or duration band): kept by snapshot_services."""

    __tablename__ = "figures_file_count"

    on: Mapped[date] = mapped_column(primary_key=True)
    team: Mapped[int] = mapped_column(primary_key=True)
    scheme: Mapped[str] = mapped_column(String(40), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(60), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(12), primary_key=True)
    people: Mapped[int] = mapped_column(default=0)


class FileDay(Base):
    """A day whose file counts are stored (FileCount)."""

    __tablename__ = "figures_file_day"

    on: Mapped[date] = mapped_column(primary_key=True)
    made_at: Mapped[datetime]
