"""The seed 002 indicator for the team lead: "every client in a trajectory has a plan within
3 weeks". Start of the trajectory: the moment the person's current service line was confirmed
(`service_line.since`). Has a plan: the first goal was made (`plan.started_at`) no later than
21 days after that start (a plan made before the start counts). Agreed: the person confirmed
a version the coach marked agreed, within the same 21 days. People whose 21 days have not
passed yet and who have no plan yet are counted apart, not as missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal.db import db
from portal.intake.models import ServiceLine
from portal.plan.models import Plan

DAYS = 21
MONTHS = 6


@dataclass(frozen=True)
class Month:
    month: date  # the first day
    started: int  # trajectories started in the month (whose 21 days have passed, or planned)
    with_plan: int
    agreed: int
    running: int  # still within their 21 days, without a plan yet

    @property
    def share(self) -> int:
        return round(100 * self.with_plan / self.started) if self.started else 0

    @property
    def agreed_share(self) -> int:
        return round(100 * self.agreed / self.started) if self.started else 0


def _month(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def plan_within_three_weeks(now: datetime, months: int = MONTHS) -> list[Month]:
    """Per month of the start, the newest month first (the current one included)."""
    first = _month(now.date(), months - 1)
    start = datetime(first.year, first.month, 1, tzinfo=now.tzinfo)
    rows = db.session.execute(
        select(ServiceLine.since, Plan.started_at, Plan.confirmed_at)
        .outerjoin(Plan, Plan.person_id == ServiceLine.applicant_id)
        .where(ServiceLine.since >= start)
    ).all()
    counts: dict[date, list[int]] = {_month(now.date(), b): [0, 0, 0, 0] for b in range(months)}
    limit = timedelta(days=DAYS)
    for since, started_at, confirmed_at in rows:
        key = date(since.year, since.month, 1)
        if key not in counts:
            continue
        planned = started_at is not None and started_at <= since + limit
        if not planned and now < since + limit:
            counts[key][3] += 1
            continue
        counts[key][0] += 1
        counts[key][1] += planned
        counts[key][2] += confirmed_at is not None and confirmed_at <= since + limit
    return [Month(key, *values) for key, values in sorted(counts.items(), reverse=True)]
