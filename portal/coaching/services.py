"""The caseload with its signals, in a fixed number of grouped queries, and stand-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Date,
    SQLColumnExpression,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    true,
)

from portal import audit, clock, pages, policy, scope
from portal.authz import Permission, ensure
from portal.caseload.models import Assignment
from portal.coaching import rules
from portal.coaching import signal_services as signals
from portal.coaching.models import APPROVED, Handover, Signal, StaffNote, StandIn
from portal.db import db, fetch, utcnow
from portal.people import User
from portal.werkmap.models import APPLYING, LogEntry


@dataclass(frozen=True)
class Person:
    """Who a caseload row is about: what the table shows of them (a row of 25 loaded as whole
    accounts and signals cost about a millisecond in the ORM)."""

    id: int
    name: str


@dataclass(frozen=True)
class Row:
    person: Person
    coach_id: int
    signals: rules.Signals


_STANDING_IN_TODAY = select(StandIn.for_coach_id).where(
    StandIn.coach_id == bindparam("coach_id"),
    StandIn.status == APPROVED,
    StandIn.starts_on <= bindparam("on"),
    StandIn.ends_on >= bindparam("on"),
)


def coaches_seen_by(coach: User, on: date) -> list[int]:
    """The coach, and colleagues they stand in for today (approved by the team lead)."""
    return [
        coach.id,
        *fetch(_STANDING_IN_TODAY, {"coach_id": coach.id, "on": on}).scalars(),
    ]


def unread_in_caseload(coach: User, on: date) -> int:
    """Messages from the coach's people (and a colleague's, while standing in) that nobody
    on staff read yet: a sum over the kept signals. The coaches are looked up first: with
    `coach_id = x OR coach_id IN (stand-ins)` PostgreSQL scanned every assignment and
    hashed every signal (25 ms at 25,000 coached people, on every e-coach page)."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(Signal.unread), 0))
            .select_from(Assignment)
            .join(Signal, Signal.person_id == Assignment.applicant_id)
            .where(
                Assignment.coach_id.in_(coaches_seen_by(coach, on)),
                Assignment.ended_at.is_(None),
            )
        )
        or 0
    )


def visible_to_coach(coach: User, applicant_id: SQLColumnExpression[int]) -> ColumnElement[bool]:
    """The scope rule of e-coaches (see portal.scope): their current caseload, and a
    colleague's while standing in for them today."""
    return (
        select(Assignment.id)
        .where(
            Assignment.applicant_id == applicant_id,
            Assignment.coach_id.in_(coaches_seen_by(coach, clock.today(utcnow()))),
            Assignment.ended_at.is_(None),
        )
        .exists()
    )


@dataclass(frozen=True)
class Caseload:
    rows: pages.Page  # of Row: who match the filter and the name, one page of them
    total: int  # everybody the coach follows today
    attention: int  # of whom need attention
    unread: int = 0  # their messages nobody on staff read yet (the menu's badge)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_CASELOAD: dict[tuple[str, bool], tuple] = {}


def _caseload_statements(show: str, searching: bool) -> tuple:
    """The count and page statements of one filter, built once per process: today's dates,
    the coaches, the name and the page are bound parameters."""
    key = (show, searching)
    if key not in _CASELOAD:
        found = signals.flags_at(
            bindparam("on", type_=Date),
            bindparam("review_until", type_=Date),
            bindparam("coached_before", type_=Date),
            bindparam("quiet_before", type_=Date),
        )
        reasons = signals.reason_count(found)
        needs_attention = or_(*found.by_reason().values())  # stops at the first reason
        members = (
            select(Assignment.applicant_id, Assignment.coach_id)
            .where(
                Assignment.coach_id.in_(bindparam("coach_ids", expanding=True)),
                Assignment.ended_at.is_(None),
            )
            .subquery()
        )
        chosen = (
            []
            if show == "all"
            else [needs_attention if show == "attention" else found.by_reason()[show]]
        )
        if searching:
            chosen.append(func.lower(User.name).like(bindparam("needle"), escape="\\"))
        matches = and_(*chosen) if chosen else true()
        attention = func.coalesce(func.sum(case((needs_attention, 1), else_=0)), 0)
        # Who the page shows: summed only when it is not the attention count or the total.
        shown: ColumnElement[int] = func.coalesce(func.sum(case((matches, 1), else_=0)), 0)
        if not searching and show == "attention":
            shown = attention
        elif not searching and show == "all":
            shown = func.count()
        counts = (
            select(
                func.count(),
                attention,
                shown,
                func.coalesce(func.sum(Signal.unread), 0),  # as unread_in_caseload counts
            )
            .select_from(members)
            .outerjoin(Signal, Signal.person_id == members.c.applicant_id)
        )
        if searching:  # the names only when a name is looked for
            counts = counts.join(User, User.id == members.c.applicant_id)
        quiet_since = func.coalesce(Signal.last_activity, Signal.coached_since)
        rows = (
            select(
                User.id,
                User.name,
                members.c.coach_id,
                Signal.person_id,
                Signal.weekly_norm,
                Signal.last_activity,
                Signal.unread,
                Signal.open_items,
                Signal.period_last_day,
                Signal.review_due_on,
                Signal.coached_since,
            )
            .join(members, members.c.applicant_id == User.id)
            .outerjoin(Signal, Signal.person_id == User.id)
            .where(matches)
            .order_by(
                reasons.desc(), quiet_since.asc().nulls_last(), func.lower(User.name), User.id
            )
            .limit(bindparam("limit"))
            .offset(bindparam("offset"))
        )
        _CASELOAD[key] = (counts, rows)
    return _CASELOAD[key]


# Applications in the last four weeks of the people on one page (built once).
_APPLIED = (
    select(LogEntry.owner_id, func.count())
    .where(
        LogEntry.owner_id.in_(bindparam("ids", expanding=True)),
        LogEntry.kind.in_(APPLYING),
        LogEntry.day >= bindparam("first"),
        LogEntry.day <= bindparam("last"),
    )
    .group_by(LogEntry.owner_id)
)


def caseload(coach: User, on: date, show: str, search: str, page: int, per_page: int) -> Caseload:
    """One page of the people the coach follows today: needs attention first (more reasons
    first, then the longest quiet, then by name), filtered by a reason ('attention': any;
    'all') and part of the name. Ordered, filtered, counted and paged by the database."""
    needle = search.strip().lower()
    counts, rows = _caseload_statements(show, bool(needle))
    params = {
        **signals.flag_dates(on),
        "coach_ids": coaches_seen_by(coach, on),
        "needle": f"%{_escape_like(needle)}%",
    }
    total, attention, shown, unread = fetch(counts, params).one()
    found = pages.window(int(shown), page, per_page)
    found_rows = fetch(rows, {**params, "limit": per_page, "offset": found.offset}).all()
    ids = [row.id for row in found_rows]
    window = {"ids": ids, "first": on - timedelta(days=27), "last": on}
    applied = dict(fetch(_APPLIED, window).all()) if ids else {}
    default_norm = policy.number("PORTAL_WEEKLY_NORM")
    rows = []
    for row in found_rows:
        signal = row if row.person_id is not None else None  # no signals kept yet
        facts = rules.Facts(
            applications_4w=applied.get(row.id, 0),
            weekly_norm=signal.weekly_norm if signal else default_norm,
            last_activity=signal.last_activity if signal else None,
            unread=signal.unread if signal else 0,
            open_items=signal.open_items
            if signal and signal.period_last_day and on <= signal.period_last_day
            else 0,
            review_due=signal.review_due_on if signal else None,
            coached_since=(signal.coached_since if signal else None) or on,
        )
        rows.append(Row(Person(row.id, row.name), row.coach_id, rules.signals(facts, on)))
    return Caseload(found.of(rows, int(shown)), int(total), int(attention), int(unread))


def add_note(author: User, person: User, text: str, now: datetime) -> StaffNote:
    """A note about a person (in the author's scope) that only staff can read."""
    ensure(author, Permission.WRITE_STAFF_NOTES)
    note = StaffNote(person_id=person.id, author_id=author.id, text=text.strip(), at=now)
    db.session.add(note)
    db.session.flush()
    audit.record(author, "file.note", "user", person.id)
    return note


def handovers_for(consultant: User, limit: int = 200) -> list[tuple[Handover, User]]:
    """Zelfdoeners moved to Klantondersteuning at their review, for the consultant's team
    (and handovers not in any team), newest first."""
    rows = db.session.execute(
        select(Handover, User)
        .join(User, User.id == Handover.person_id)
        .where(scope.team_clause(consultant, Handover.team_id))
        .order_by(Handover.at.desc())
        .limit(limit)
    )
    return [(handover, person) for handover, person in rows]
