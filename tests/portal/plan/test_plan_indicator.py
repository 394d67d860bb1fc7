"""The seed 002 indicator ("a plan within 3 weeks") is counted by the database, on either
dialect, exactly as its definition in portal.plan.figure_services reads, edges included."""

import random
from datetime import date, timedelta

from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.intake.models import ServiceLine
from portal.plan import figure_services as figures
from portal.plan.models import Plan
from portal.roles import Role

LIMIT = timedelta(days=figures.DAYS)


def by_definition(starts, now) -> dict[date, tuple[int, int, int, int]]:
    """The definition, person by person: (started, with a plan, agreed, still running)."""
    counts: dict[date, list[int]] = {}
    for since, started_at, confirmed_at in starts:
        month = counts.setdefault(since.date().replace(day=1), [0, 0, 0, 0])
        planned = started_at is not None and started_at <= since + LIMIT
        if not planned and now < since + LIMIT:
            month[3] += 1
            continue
        month[0] += 1
        month[1] += planned
        month[2] += confirmed_at is not None and confirmed_at <= since + LIMIT
    return {key: tuple(values) for key, values in counts.items()}


def test_the_database_counts_as_the_definition_reads(app, make_user, make_response):
    now = utcnow().replace(microsecond=250_000)
    chance = random.Random(2)
    starts = []
    edges = [LIMIT, LIMIT + timedelta(microseconds=1), LIMIT - timedelta(seconds=1), None]
    consultant = make_user(Role.CONSULTANT)
    for n in range(60):
        person = make_user(Role.APPLICANT, password=None)
        response = make_response(person)
        since = now - timedelta(days=chance.randint(0, 150), seconds=chance.randint(0, 86399))
        with unit_of_work():
            intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", now)
            db.session.get(ServiceLine, person.id).since = since
            after = edges[n % 4] if n < 24 else chance.choice([*edges, timedelta(days=3)])
            started_at = since + after if after is not None else None
            confirmed_at = started_at + timedelta(days=n % 3) if started_at and n % 2 else None
            if started_at is not None or n % 5 == 0:
                db.session.add(
                    Plan(person_id=person.id, started_at=started_at, confirmed_at=confirmed_at)
                )
        starts.append((since, started_at, confirmed_at))
    counted = {
        m.month: (m.started, m.with_plan, m.agreed, m.running)
        for m in figures.plan_within_three_weeks(now)
    }
    expected = by_definition(starts, now)
    assert {k: v for k, v in counted.items() if v != (0, 0, 0, 0)} == expected
    assert len(counted) == figures.MONTHS
