"""The log per week against the norm, and the export of the log as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date
from sqlalchemy import func, select

from portal import events
from portal.db import db
from portal.people import User
from portal.spreadsheets import safe_cell
from portal.werkmap.models import APPLYING, LogEntry

CHART_WIDTH, BAR_GAP, CHART_HEIGHT = 320, 8, 160


@dataclass(frozen=True)
class Week:
    monday: date
    applications: int
    activities: int  # everything logged that week, applications included
    counted: bool = True  # False: the week ended before the search period began


def weeks(owner_id: int, on: date, count: int = 8, since: date | None = None) -> list[Week]:
    """The last `count` weeks (Monday to Sunday), oldest first, from one query. A week that
    ended before `since` (the start of the person's search period) is not held to the norm."""
    first = on - timedelta(days=on.weekday()) - timedelta(weeks=count - 1)
    rows = db.session.execute(
        select(LogEntry.day, LogEntry.kind).where(
            LogEntry.owner_id == owner_id, LogEntry.day >= first, LogEntry.day <= on
        )
    ).all()
    result = []
    for n in range(count):
        monday = first + timedelta(weeks=n)
        in_week = [kind for day, kind in rows if monday <= day < monday + timedelta(days=7)]
        counted = since is None or monday + timedelta(days=6) >= since
        result.append(Week(monday, sum(k in APPLYING for k in in_week), len(in_week), counted))
    return result


def weeks_of(person: User, on: date) -> list[Week]:
    """The last 8 weeks of a person's log, held to the norm from their search period on."""
    usual = events.ask(events.usual_log_period, person=person, on=on)
    return weeks(person.id, on, since=usual[0] if usual else None)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


def bars(data: list[Week], norm: int) -> tuple[list[Bar], float]:
    """Bar geometry for the applications per week, and the y of the norm line."""
    top = max([norm, *(w.applications for w in data)]) or 1
    width = (CHART_WIDTH - BAR_GAP * (len(data) + 1)) / max(1, len(data))
    result = []
    for n, week in enumerate(data):
        height = CHART_HEIGHT * week.applications / top
        result.append(
            Bar(
                x=round(BAR_GAP + n * (width + BAR_GAP), 1),
                y=round(CHART_HEIGHT - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                value=week.applications,
                label=week.monday.strftime("%d-%m"),
            )
        )
    return result, round(CHART_HEIGHT - CHART_HEIGHT * norm / top, 1)


def log_csv(owner_id: int, labels: dict) -> str:
    """The whole log as CSV (semicolons, as Dutch spreadsheet programs expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(h) for h in labels["header"]])
    for e in db.session.scalars(
        select(LogEntry).where(LogEntry.owner_id == owner_id).order_by(LogEntry.day, LogEntry.id)
    ):
        writer.writerow(
            [
                e.day.isoformat(),
                str(labels["kinds"][e.kind]),
                safe_cell(e.organisation),
                safe_cell(e.job_title),
                safe_cell(e.vacancy),
                str(labels["channels"].get(e.channel, "")) if e.channel else "",
                safe_cell(e.contact),
                str(labels["statuses"][e.status]),
                e.follow_up_on.isoformat() if e.follow_up_on else "",
                safe_cell(e.notes),
            ]
        )
    return out.getvalue()


def entry_count(owner_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(LogEntry).where(LogEntry.owner_id == owner_id)
        )
        or 0
    )


def period(owner_id: int, first: date, last: date, labels: dict) -> tuple[list[dict], int]:
    """The entries of a period as printable rows, and how many of them are applications."""
    rows, applied = [], 0
    for e in db.session.scalars(
        select(LogEntry)
        .where(LogEntry.owner_id == owner_id, LogEntry.day >= first, LogEntry.day <= last)
        .order_by(LogEntry.day, LogEntry.id)
    ):
        applied += e.kind in APPLYING
        how = str(labels["channels"][e.channel]) if e.channel else ""
        rows.append(
            {
                "entry": e,
                "day": format_date(e.day, "medium"),
                "title": e.organisation + (f": {e.job_title}" if e.job_title else ""),
                "lines": [
                    " – ".join(
                        p
                        for p in (
                            str(labels["kinds"][e.kind]),
                            how,
                            str(labels["statuses"][e.status]),
                        )
                        if p
                    ),
                    e.vacancy,
                    e.contact,
                    e.notes,
                ],
            }
        )
    return rows, applied
