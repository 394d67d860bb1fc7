"""The seed 002 indicator for the team lead: "every client in a trajectory has a plan within
3 weeks". Start of the trajectory: the moment the person's current service line was confirmed
(`service_line.since`). Has a plan: the first goal was made (`plan.started_at`) no later than
21 days after that start (a plan made before the start counts). Agreed: the person confirmed
a version the coach marked agreed, within the same 21 days. People whose 21 days have not
passed yet and who have no plan yet are counted apart, not as missing.

Counted by the database in one statement, per month of the start: at 100,000 applicants the
start page fetched every start of half a year (about 25,000 rows) and took 400 ms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Interval, and_, case, func, literal, not_, select

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


def _within(moment, since, limit: timedelta) -> ColumnElement[bool]:
    """`moment` is set and no later than `limit` (whole days) after `since`, to the
    microsecond. PostgreSQL adds an interval; SQLite keeps a datetime as text
    ('2026-10-19 18:03:44.250000'), so the days are added to the date and time and the
    fraction is carried over (Julian days lose the microseconds)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return and_(moment.is_not(None), moment <= since + literal(limit, Interval()))
    shifted = func.strftime("%Y-%m-%d %H:%M:%S", since, f"+{limit.days} days").concat(
        func.substr(since, 20)
    )
    return and_(moment.is_not(None), moment <= shifted)


def plan_within_three_weeks(now: datetime, months: int = MONTHS) -> list[Month]:
    """Per month of the start, the newest month first (the current one included)."""
    firsts = [_month(now.date(), back) for back in range(months)]
    starts = [datetime(day.year, day.month, 1, tzinfo=now.tzinfo) for day in firsts]
    limit = timedelta(days=DAYS)
    since = ServiceLine.since
    bucket = case(*((since >= start, back) for back, start in enumerate(starts)))
    planned = _within(Plan.started_at, since, limit)
    running = and_(not_(planned), since > now - limit)
    agreed = and_(_within(Plan.confirmed_at, since, limit), not_(running))

    def number(condition) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    counted = {
        back: (total - waiting, with_plan, on_time, waiting)
        for back, total, with_plan, on_time, waiting in db.session.execute(
            select(bucket, func.count(), number(planned), number(agreed), number(running))
            .select_from(ServiceLine)
            .outerjoin(Plan, Plan.person_id == ServiceLine.applicant_id)
            .where(since >= starts[-1])
            .group_by(bucket)
        )
    }
    return [Month(first, *counted.get(back, (0, 0, 0, 0))) for back, first in enumerate(firsts)]
