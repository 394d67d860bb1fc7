"""The file on a day (from the row per person, facts_services), counted once and kept.

Counting the file reads every person in it; at 100,000 applicants that is too slow for a page.
So the count of a day is stored per team, line and characteristic (`figures_file_count`):
`portal run-scheduled` counts today each day, `portal figures rebuild` every month end back to
the first person in the file, and each change of a person's row (a decision, coaching that
ended) moves the stored counts of today and later days by the old and the new row (`keep`).
A day without stored counts is counted from the rows, as it always could be; a test holds the
kept counts equal to that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, insert, literal, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal import clock
from portal.db import db
from portal.figures import rules
from portal.figures.count_services import NO_TEAM
from portal.figures.models import FileCount, FileDay, PersonFacts
from portal.figures.services import team_clause

DIMENSIONS = ("gender", "barrier", "age", "duration")
# dimension → (scheme, outcome, value) → people
FileCounts = dict[str, Counter[tuple[str, str, str]]]
Key = tuple[int, str, str, str, str]  # team, scheme, outcome, dimension, value


def in_file(on: date):
    facts = PersonFacts
    return (facts.in_file_on <= on) & or_(facts.left_on.is_(None), facts.left_on > on)


def _empty() -> FileCounts:
    return {dimension: Counter() for dimension in DIMENSIONS}


def _live(on: date, team: int | None) -> dict[Key, int]:
    """Everyone in the file at the end of `on`, per team, line and characteristic (one
    grouped count; the bands are worked out in the query for that day, as rules says)."""
    facts = PersonFacts
    age = case(
        (facts.born_on.is_(None), literal("unknown")),
        (facts.born_on > rules.years_before(on, 27), literal("under_27")),
        (facts.born_on > rules.years_before(on, 50), literal("27_49")),
        else_=literal("50_plus"),
    )
    duration = case(
        (facts.benefit_since.is_(None), literal("unknown")),
        (facts.benefit_since > rules.years_before(on, 1), literal("under_1")),
        (facts.benefit_since >= rules.years_before(on, 5), literal("1_5")),
        else_=literal("over_5"),
    )
    gender = func.coalesce(facts.gender, literal("unknown"))
    barrier = func.coalesce(facts.barrier, literal("unknown"))
    team_id = func.coalesce(facts.team_id, literal(NO_TEAM))
    columns = (team_id, facts.scheme, facts.outcome, gender, barrier, age, duration)
    result: Counter[Key] = Counter()
    for t, scheme, outcome, *values, n in db.session.execute(
        select(*columns, func.count())
        .where(in_file(on), team_clause(facts.team_id, team))
        .group_by(*columns)
    ):
        for dimension, value in zip(DIMENSIONS, values, strict=True):
            result[t, scheme, outcome, dimension, value] += n
    return result


def _folded(counts: Mapping[Key, int]) -> FileCounts:
    result = _empty()
    for (_team, scheme, outcome, dimension, value), n in counts.items():
        if n:
            result[dimension][scheme, outcome, value] += n
    return result


def file_counts(on: date, team: int | None) -> FileCounts:
    """The file at the end of `on`: the stored counts of that day, or counted from the rows."""
    if db.session.get(FileDay, on) is None:
        return _folded(_live(on, team))
    query = select(
        FileCount.scheme, FileCount.outcome, FileCount.dimension, FileCount.value, FileCount.people
    ).where(FileCount.on == on, FileCount.people != 0)
    if team is not None:
        query = query.where(FileCount.team == team)
    result = _empty()
    for scheme, outcome, dimension, value, people in db.session.execute(query):
        result[dimension][scheme, outcome, value] += people
    return result


def snapshot(on: date, now: datetime) -> int:
    """Count the file of `on` and store it (again); returns the number of rows."""
    db.session.execute(delete(FileCount).where(FileCount.on == on))
    db.session.execute(delete(FileDay).where(FileDay.on == on))
    rows = [
        {
            "on": on,
            "team": t,
            "scheme": s,
            "outcome": o,
            "dimension": d,
            "value": v,
            "people": n,
        }
        for (t, s, o, d, v), n in _live(on, None).items()
    ]
    if rows:
        db.session.execute(insert(FileCount), rows)
    db.session.add(FileDay(on=on, made_at=now))
    db.session.flush()
    return len(rows)


def snapshot_all(now: datetime) -> int:
    """Every month end from the first day anyone was in the file up to today, and today."""
    today = clock.today(now)
    db.session.execute(delete(FileCount))
    db.session.execute(delete(FileDay))
    first = db.session.scalar(select(func.min(PersonFacts.in_file_on)))
    days = _month_ends(first, today) if first is not None else []
    return sum(snapshot(day, now) for day in [*days, today])


def _month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from `first`'s month to the month before `last`."""
    days: list[date] = []
    month = first.replace(day=1)
    while True:
        following = rules.add_months(month, 1)
        end = date.fromordinal(following.toordinal() - 1)
        if end >= last:
            return days
        days.append(end)
        month = following


def prune(today: date) -> int:
    """Stored days that no page asks for: before today and not a month end."""
    old = [
        d
        for d in db.session.scalars(select(FileDay.on).where(FileDay.on < today))
        if date.fromordinal(d.toordinal() + 1).day != 1
    ]
    if old:
        db.session.execute(delete(FileCount).where(FileCount.on.in_(old)))
        db.session.execute(delete(FileDay).where(FileDay.on.in_(old)))
    return len(old)


def _keys(row: Mapping[str, Any] | None, on: date) -> list[Key]:
    """What one person's row adds to the stored counts of `on`."""
    if row is None:
        return []
    left = row["left_on"]
    if row["in_file_on"] > on or (left is not None and left <= on):
        return []
    team, scheme, outcome = row["team_id"] or NO_TEAM, row["scheme"], row["outcome"]
    values = {
        "gender": row["gender"] or "unknown",
        "barrier": row["barrier"] or "unknown",
        "age": rules.age_band(row["born_on"], on),
        "duration": rules.duration_band(row["benefit_since"], on),
    }
    return [(team, scheme, outcome, d, values[d]) for d in DIMENSIONS]


def keep(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, today: date) -> None:
    """A person's row changed from `old` to `new`: move the stored counts of today and later."""
    make = (
        postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    for on in db.session.scalars(select(FileDay.on).where(FileDay.on >= today)):
        change: Counter[Key] = Counter(_keys(new, on))
        change.subtract(_keys(old, on))
        for (team, scheme, outcome, dimension, value), n in change.items():
            if not n:
                continue
            values = {
                "on": on,
                "team": team,
                "scheme": scheme,
                "outcome": outcome,
                "dimension": dimension,
                "value": value,
                "people": n,
            }
            statement = make(FileCount).values(**values)
            db.session.execute(
                statement.on_conflict_do_update(
                    index_elements=[
                        FileCount.on,
                        FileCount.team,
                        FileCount.scheme,
                        FileCount.outcome,
                        FileCount.dimension,
                        FileCount.value,
                    ],
                    set_={"people": FileCount.people + statement.excluded.people},
                )
            )
