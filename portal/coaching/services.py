"""The caseload with its signals, in a fixed number of grouped queries, and stand-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, SQLColumnExpression, case, func, select

from portal import audit, clock, scope
from portal.authz import Permission, ensure
from portal.caseload.models import Assignment
from portal.coaching import rules
from portal.coaching.models import APPROVED, Handover, Review, StaffNote, StandIn
from portal.db import db, utcnow
from portal.intake.models import ServiceLine
from portal.messages.models import Message
from portal.people import User
from portal.searchperiod import consult_services as consult
from portal.searchperiod.models import OPEN, Application
from portal.werkmap.cv_models import PersonalNorm
from portal.werkmap.models import APPLYING, LogEntry


@dataclass(frozen=True)
class Row:
    person: User
    coach_id: int
    signals: rules.Signals


def coaches_seen_by(coach: User, on: date) -> list[int]:
    """The coach, and colleagues they stand in for today (approved by the team lead)."""
    return [
        coach.id,
        *db.session.scalars(
            select(StandIn.for_coach_id).where(
                StandIn.coach_id == coach.id,
                StandIn.status == APPROVED,
                StandIn.starts_on <= on,
                StandIn.ends_on >= on,
            )
        ),
    ]


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


def _grouped(query) -> dict:
    return dict(db.session.execute(query).all())


def caseload(coach: User, on: date) -> list[Row]:
    """Everyone the coach follows today with their signals, needs-attention first."""
    people = db.session.execute(
        select(User, Assignment.coach_id, Assignment.started_at, ServiceLine.since)
        .join(Assignment, Assignment.applicant_id == User.id)
        .outerjoin(ServiceLine, ServiceLine.applicant_id == User.id)
        .where(Assignment.coach_id.in_(coaches_seen_by(coach, on)), Assignment.ended_at.is_(None))
    ).all()
    ids = [person.id for person, *_rest in people]
    if not ids:
        return []
    first = on - timedelta(days=27)
    applied = _grouped(
        select(LogEntry.owner_id, func.count())
        .where(
            LogEntry.owner_id.in_(ids),
            LogEntry.kind.in_(APPLYING),
            LogEntry.day >= first,
            LogEntry.day <= on,
        )
        .group_by(LogEntry.owner_id)
    )
    last_log = _grouped(
        select(LogEntry.owner_id, func.max(LogEntry.day))
        .where(LogEntry.owner_id.in_(ids))
        .group_by(LogEntry.owner_id)
    )
    messages = {
        person_id: (last, unread)
        for person_id, last, unread in db.session.execute(
            select(
                Message.person_id,
                func.max(Message.at),
                func.sum(case((Message.read_at.is_(None), 1), else_=0)),
            )
            .where(Message.person_id.in_(ids), Message.from_person.is_(True))
            .group_by(Message.person_id)
        ).all()
    }
    norms = _grouped(
        select(PersonalNorm.owner_id, PersonalNorm.weekly).where(PersonalNorm.owner_id.in_(ids))
    )
    reviewed = set(db.session.scalars(select(Review.person_id).where(Review.person_id.in_(ids))))
    open_apps = db.session.scalars(
        select(Application).where(Application.applicant_id.in_(ids), Application.status == OPEN)
    ).all()
    statuses = consult.statuses_for(open_apps, on)
    open_items = {
        a.applicant_id: sum(s != "done" for s in statuses[a.id].values())
        for a in open_apps
        if on <= a.period_last_day
    }
    default_norm = current_app.config["PORTAL_WEEKLY_NORM"]
    rows = []
    for person, coach_id, started_at, since in people:
        last_message, unread = messages.get(person.id, (None, 0))
        activity = [
            d for d in (last_log.get(person.id), last_message.date() if last_message else None) if d
        ]
        start = (since or started_at).date()
        facts = rules.Facts(
            applications_4w=applied.get(person.id, 0),
            weekly_norm=norms.get(person.id, default_norm),
            last_activity=max(activity) if activity else None,
            unread=int(unread or 0),
            open_items=open_items.get(person.id, 0),
            review_due=None if person.id in reviewed else rules.review_due(start),
            coached_since=started_at.date(),
        )
        rows.append(Row(person, coach_id, rules.signals(facts, on)))
    rows.sort(key=lambda row: rules.order_key(row.person.name, row.signals))
    return rows


def select_rows(rows: list[Row], show: str, search: str) -> list[Row]:
    """Filter by a reason ('attention' for any) and by part of the name."""
    needle = search.strip().lower()
    return [
        row
        for row in rows
        if (
            show == "all"
            or (show == "attention" and row.signals.needs_attention)
            or show in row.signals.reasons
        )
        and (not needle or needle in row.person.name.lower())
    ]


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
