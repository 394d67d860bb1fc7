"""Counts of e-coaching: caseloads, three-month reviews, how coaching ended, and who left
within four months (from the row per person, facts_services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select

from portal.caseload.models import Assignment
from portal.db import db
from portal.figures import rules
from portal.figures.count_services import sums
from portal.figures.services import team_clause
from portal.people import User
from portal.roles import Role


@dataclass
class Coaching:
    caseloads: list[tuple[int, str, int]]  # coach id, name, people
    reviews: dict[str, int]
    ended: dict[str, int]
    cohort: int  # Zelfdoeners / profile 1 whose four months ended in the period
    left: int  # of them, left for work or school within the four months


def coaching(period: rules.Period, on: date, team: int | None) -> Coaching:
    end_of_day = rules.day_start(on + timedelta(days=1))
    current = (Assignment.started_at < end_of_day) & or_(
        Assignment.ended_at.is_(None), Assignment.ended_at >= end_of_day
    )
    counts = (
        select(Assignment.coach_id, func.count().label("people"))
        .where(current)
        .group_by(Assignment.coach_id)
        .subquery()
    )
    people = func.coalesce(counts.c.people, 0)
    sizes = db.session.execute(
        select(User.id, User.name, people)
        .outerjoin(counts, counts.c.coach_id == User.id)
        .where(
            User.role == Role.ECOACH,
            or_(User.active.is_(True), counts.c.people > 0),
            team_clause(User.team_id, team),
        )
        .order_by(User.name, User.id)
    ).all()
    counted = sums(("review", "outflow", "four_months"), period, team)
    reviews, ended = dict(counted["review"]), dict(counted["outflow"])
    cohort, left = counted["four_months"]["cohort"], counted["four_months"]["left"]
    return Coaching([(i, name, n) for i, name, n in sizes], reviews, ended, cohort, left)
