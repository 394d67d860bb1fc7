"""The caseload's signals kept per person, so the page orders, filters and pages in SQL.

A change to a fact behind a signal (a log entry, a message or its reading, a norm, a review,
a service line, an assignment, an application: also its `questionnaire_sent_at`, set by the
event that the Entreevragenlijst was sent) marks the person in the session; before the
transaction commits, their `Signal` row is computed anew in a few grouped queries. What
depends on today is a comparison of the stored dates with today, made in the page's query
(`flags`), so a day passing needs no write.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import has_app_context
from sqlalchemy import ColumnElement, and_, case, event, func, inspect, or_, select
from sqlalchemy.orm import Session

from portal import policy
from portal.caseload.models import Assignment
from portal.clock import today
from portal.coaching import rules
from portal.coaching.models import Review, Signal
from portal.db import db, utcnow
from portal.intake.models import ServiceLine
from portal.messages.models import Message
from portal.searchperiod import consult_services as consult
from portal.searchperiod.models import OPEN, Application
from portal.werkmap.cv_models import PersonalNorm
from portal.werkmap.models import APPLYING, LogEntry

_PENDING = "portal.coaching.signals_pending"

# Model → (the attribute naming the person, the attributes whose change matters; () = any).
WATCHED: dict[type, tuple[str, tuple[str, ...]]] = {
    LogEntry: ("owner_id", ("day", "kind", "owner_id")),
    Message: ("person_id", ("read_at", "from_person", "at")),
    PersonalNorm: ("owner_id", ()),
    Review: ("person_id", ()),
    ServiceLine: ("applicant_id", ()),
    Assignment: ("applicant_id", ()),
    Application: ("applicant_id", ()),  # questionnaire_sent_at too: the questionnaire item
}


def mark(session: Session, person_ids: Iterable[int]) -> None:
    """These people's signals are computed anew before the session commits."""
    session.info.setdefault(_PENDING, set()).update(person_ids)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context) -> None:
    changed = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        watched = WATCHED.get(type(obj))
        if watched is None:
            continue
        attribute, relevant = watched
        if obj in session.dirty and relevant:
            state = inspect(obj)
            if not any(state.attrs[name].history.has_changes() for name in relevant):
                continue
        changed.add(getattr(obj, attribute))
    if changed:
        mark(session, changed)


@event.listens_for(Session, "before_commit")
def _refresh_pending(session: Session) -> None:
    if not has_app_context():
        return
    session.flush()
    pending = session.info.pop(_PENDING, set())
    if pending:
        refresh(pending, utcnow(), session)
        session.flush()
        session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _effective_norms(ids: list[int], session: Session) -> dict[int, int]:
    default = policy.number("PORTAL_WEEKLY_NORM")
    own = dict(
        session.execute(
            select(PersonalNorm.owner_id, PersonalNorm.weekly).where(PersonalNorm.owner_id.in_(ids))
        ).all()
    )
    return {person_id: own.get(person_id, default) for person_id in ids}


def compute(ids: list[int], on: date, session: Session) -> dict[int, dict]:
    """The stored facts of these people, in grouped queries however many they are."""
    assigned = dict(
        session.execute(
            select(Assignment.applicant_id, Assignment.started_at).where(
                Assignment.applicant_id.in_(ids), Assignment.ended_at.is_(None)
            )
        ).all()
    )
    since = dict(
        session.execute(
            select(ServiceLine.applicant_id, ServiceLine.since).where(
                ServiceLine.applicant_id.in_(ids)
            )
        ).all()
    )
    last_log = dict(
        session.execute(
            select(LogEntry.owner_id, func.max(LogEntry.day))
            .where(LogEntry.owner_id.in_(ids))
            .group_by(LogEntry.owner_id)
        ).all()
    )
    messages = {
        person_id: (last, unread)
        for person_id, last, unread in session.execute(
            select(
                Message.person_id,
                func.max(Message.at),
                func.sum(case((Message.read_at.is_(None), 1), else_=0)),
            )
            .where(Message.person_id.in_(ids), Message.from_person.is_(True))
            .group_by(Message.person_id)
        ).all()
    }
    days: dict[int, list[date]] = defaultdict(list)
    for owner_id, day in session.execute(
        select(LogEntry.owner_id, LogEntry.day)
        .where(
            LogEntry.owner_id.in_(ids),
            LogEntry.kind.in_(APPLYING),
            LogEntry.day >= on - timedelta(days=27),
            LogEntry.day <= on,
        )
        .order_by(LogEntry.owner_id, LogEntry.day.desc())
    ):
        days[owner_id].append(day)
    reviewed = set(session.scalars(select(Review.person_id).where(Review.person_id.in_(ids))))
    applications = session.scalars(
        select(Application).where(Application.applicant_id.in_(ids), Application.status == OPEN)
    ).all()
    statuses = consult.statuses_for(applications, on)
    open_periods = {
        a.applicant_id: (sum(s != "done" for s in statuses[a.id].values()), a.period_last_day)
        for a in applications
    }
    norms = _effective_norms(ids, session)
    result = {}
    for person_id in ids:
        started = assigned.get(person_id)
        last_message, unread = messages.get(person_id, (None, 0))
        activity = [d for d in (last_log.get(person_id), last_message and today(last_message)) if d]
        start = since.get(person_id) or started
        open_items, last_day = open_periods.get(person_id, (0, None))
        result[person_id] = {
            "coached_since": today(started) if started else None,
            "last_activity": max(activity) if activity else None,
            "unread": int(unread or 0),
            "review_due_on": None
            if person_id in reviewed or start is None
            else rules.review_due(today(start)),
            "norm_met_until": rules.norm_met_until(days.get(person_id, []), norms[person_id]),
            "weekly_norm": norms[person_id],
            "open_items": open_items,
            "period_last_day": last_day,
        }
    return result


def refresh(person_ids: Iterable[int], now: datetime, session: Session | None = None) -> None:
    """Compute and store the signals of these people (inside the caller's transaction)."""
    session = session or db.session
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        facts = compute(chunk, today(now), session)
        rows = {
            row.person_id: row
            for row in session.scalars(select(Signal).where(Signal.person_id.in_(chunk)))
        }
        for person_id, values in facts.items():
            row = rows.get(person_id)
            if row is None:
                row = Signal(person_id=person_id)
                session.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            row.refreshed_at = now


def stale(limit: int = 5000) -> list[int]:
    """People with a current e-coach whose signals are missing or were computed with another
    norm than the one that now holds (PORTAL_WEEKLY_NORM changed, or an old row)."""
    default = policy.number("PORTAL_WEEKLY_NORM")
    effective = func.coalesce(PersonalNorm.weekly, default)
    return list(
        db.session.scalars(
            select(Assignment.applicant_id)
            .outerjoin(Signal, Signal.person_id == Assignment.applicant_id)
            .outerjoin(PersonalNorm, PersonalNorm.owner_id == Assignment.applicant_id)
            .where(
                Assignment.ended_at.is_(None),
                or_(Signal.person_id.is_(None), Signal.weekly_norm != effective),
            )
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class Flags:
    """The signals as SQL conditions on a Signal row for the day `on`."""

    unread: ColumnElement[bool]
    review_due: ColumnElement[bool]
    below_norm: ColumnElement[bool]
    quiet: ColumnElement[bool]
    open_items: ColumnElement[bool]

    def by_reason(self) -> dict[str, ColumnElement[bool]]:
        return {
            rules.UNREAD: self.unread,
            rules.REVIEW_DUE: self.review_due,
            rules.BELOW_NORM: self.below_norm,
            rules.QUIET: self.quiet,
            rules.OPEN_ITEMS: self.open_items,
        }


def flag_dates(on: date) -> dict[str, date]:
    """The dates `flags_at` compares with, for the day `on`."""
    return {
        "on": on,
        "review_until": on + timedelta(days=rules.REVIEW_SOON),
        "coached_before": on - timedelta(days=28),
        "quiet_before": on - timedelta(days=rules.QUIET_DAYS),
    }


def flags_at(on, review_until, coached_before, quiet_before) -> Flags:
    """The same signals as `rules.signals`, as conditions the database evaluates, against
    the dates of `flag_dates` (values, or bound parameters of a statement built once)."""
    since = Signal.coached_since
    return Flags(
        unread=Signal.unread > 0,
        review_due=Signal.review_due_on <= review_until,
        below_norm=and_(
            since <= coached_before,
            or_(Signal.norm_met_until.is_(None), Signal.norm_met_until < on),
        ),
        quiet=func.coalesce(Signal.last_activity, since) <= quiet_before,
        open_items=and_(Signal.open_items > 0, Signal.period_last_day >= on),
    )


def flags(on: date) -> Flags:
    """`flags_at` for one day."""
    return flags_at(**flag_dates(on))


def reason_count(found: Flags):
    return sum(case((flag, 1), else_=0) for flag in found.by_reason().values())
