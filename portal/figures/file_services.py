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
from portal.figures.models import PersonFacts
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
    counted = sums(("review", "outflow"), period, team)
    reviews, ended = dict(counted["review"]), dict(counted["outflow"])
    cohort, left = _four_months(period, team)
    return Coaching([(i, name, n) for i, name, n in sizes], reviews, ended, cohort, left)


def _four_months(period: rules.Period, team: int | None) -> tuple[int, int]:
    """Seed 002 §7: of the Zelfdoeners (profile 1) whose first four months ended in the
    period, how many left for work or school within them."""
    facts = PersonFacts
    months = rules.OUTFLOW_MONTHS
    rows = db.session.execute(
        select(facts.self_starter_on, facts.left_on, facts.left_status).where(
            facts.self_starter_on.between(
                rules.add_months(period.first, -months) - timedelta(days=3),
                rules.add_months(period.last, -months) + timedelta(days=3),
            ),
            team_clause(facts.team_id, team),
        )
    ).all()
    cohort = left = 0
    for since, left_on, status in rows:
        if since is None:
            continue
        deadline = rules.add_months(since, months)
        if period.first <= deadline <= period.last:
            cohort += 1
            if (
                left_on is not None
                and left_on <= deadline
                and status in rules.LEFT_FOR_WORK_OR_SCHOOL
            ):
                left += 1
    return cohort, left
