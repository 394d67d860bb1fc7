"""Stand-ins: a coach asks to stand in for a colleague, or the team lead sets it; only the team
lead approves. At most 30 days. The colleague is told (a mail that names nobody, and a line on
their caseload page), and every step is in the audit log."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import aliased

from portal import audit
from portal.authz import Permission, ensure
from portal.coaching.models import APPROVED, ENDED, REFUSED, REQUESTED, StandIn
from portal.db import db
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.people import User
from portal.roles import Role
from portal.urls import external_url

MAX_DAYS = 30  # the longest stand-in, first and last day included
AHEAD = timedelta(days=90)  # how far ahead one may be planned
DECISIONS = ("approve", "refuse", "end")


def _coach(user_id: int, field: str) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.role is not Role.ECOACH or not user.active:
        raise DomainError(_("Choose an e-coach."), field=field)
    return user


def _check_dates(starts_on: date, ends_on: date, on: date) -> None:
    if starts_on < on or starts_on > on + AHEAD:
        raise DomainError(
            _("Choose a first day from today up to 90 days ahead."), field="starts_on"
        )
    if ends_on < starts_on:
        raise DomainError(_("The last day is before the first day."), field="until")
    if (ends_on - starts_on).days + 1 > MAX_DAYS:
        raise DomainError(
            _("A stand-in lasts at most %(days)s days. Choose an earlier last day.", days=MAX_DAYS),
            field="until",
        )


def _new(
    coach: User,
    colleague: User,
    starts_on: date,
    ends_on: date,
    reason: str,
    on: date,
    now: datetime,
) -> StandIn:
    if colleague.id == coach.id:
        raise DomainError(_("Choose a colleague."), field="colleague")
    _check_dates(starts_on, ends_on, on)
    if not reason.strip():
        raise DomainError(_("Say why, for example: holiday or illness."), field="reason")
    record = StandIn(
        coach_id=coach.id,
        for_coach_id=colleague.id,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        created_at=now,
    )
    db.session.add(record)
    return record


def request(
    coach: User,
    colleague_id: int,
    starts_on: date,
    ends_on: date,
    reason: str,
    on: date,
    now: datetime,
) -> StandIn:
    """A coach asks to stand in; nothing opens until the team lead approves."""
    ensure(coach, Permission.OWN_CASELOAD)
    colleague = _coach(colleague_id, "colleague")
    record = _new(coach, colleague, starts_on, ends_on, reason, on, now)
    record.status, record.requested_by_id = REQUESTED, coach.id
    db.session.flush()
    audit.record(coach, "stand_in.request", "stand_in", record.id, detail=_span(record))
    return record


def set_by_lead(
    lead: User,
    coach_id: int,
    colleague_id: int,
    starts_on: date,
    ends_on: date,
    reason: str,
    on: date,
    now: datetime,
) -> StandIn:
    """The team lead lets one coach stand in for another; the colleague is told."""
    ensure(lead, Permission.MANAGE_STAND_INS)
    coach, colleague = _coach(coach_id, "coach"), _coach(colleague_id, "colleague")
    record = _new(coach, colleague, starts_on, ends_on, reason, on, now)
    record.status, record.requested_by_id = APPROVED, lead.id
    record.decided_by_id, record.decided_at = lead.id, now
    db.session.flush()
    audit.record(lead, "stand_in.set", "stand_in", record.id, detail=_span(record))
    _tell(colleague, record)
    return record


def decide(lead: User, record: StandIn, decision: str, on: date, now: datetime) -> None:
    """Approve or refuse a request, or end an approved stand-in early."""
    ensure(lead, Permission.MANAGE_STAND_INS)
    if decision not in DECISIONS or (record.status, decision) not in {
        (REQUESTED, "approve"),
        (REQUESTED, "refuse"),
        (APPROVED, "end"),
    }:
        raise DomainError(_("This is no longer possible. Look at the list again."))
    if decision == "approve":
        if record.ends_on < on:
            raise DomainError(_("The last day of this request has passed. Refuse it."))
        if (record.ends_on - record.starts_on).days + 1 > MAX_DAYS:
            raise DomainError(
                _(
                    "This request is longer than %(days)s days. Refuse it and set a shorter "
                    "stand-in.",
                    days=MAX_DAYS,
                )
            )
    record.status = {"approve": APPROVED, "refuse": REFUSED, "end": ENDED}[decision]
    record.decided_by_id, record.decided_at = lead.id, now
    db.session.flush()
    audit.record(lead, f"stand_in.{decision}", "stand_in", record.id, detail=_span(record))
    if decision == "approve":
        _tell(db.session.get_one(User, record.for_coach_id), record)


def _span(record: StandIn) -> str:
    return f"coach={record.coach_id} for={record.for_coach_id} {record.starts_on}..{record.ends_on}"


def _tell(colleague: User, record: StandIn) -> None:
    """A mail that someone stands in, without names or anything about the people concerned."""
    if colleague.email and colleague.active:
        queue_mail(
            colleague.email,
            "stand_in",
            colleague.locale or "nl",
            user=colleague,
            starts_on=record.starts_on,
            ends_on=record.ends_on,
            link=external_url("coaching.caseload"),
        )


def of_coach(coach: User, limit: int = 50) -> list[tuple[StandIn, User]]:
    """The coach's own stand-ins and requests, with the colleague, newest first."""
    rows = db.session.execute(
        select(StandIn, User)
        .join(User, User.id == StandIn.for_coach_id)
        .where(StandIn.coach_id == coach.id)
        .order_by(StandIn.id.desc())
        .limit(limit)
    )
    return [(record, colleague) for record, colleague in rows]


# Built once: every caseload page asks it.
_STANDING_IN_FOR = (
    select(StandIn, User)
    .join(User, User.id == StandIn.coach_id)
    .where(
        StandIn.for_coach_id == bindparam("colleague_id"),
        StandIn.status == APPROVED,
        StandIn.ends_on >= bindparam("on"),
    )
    .order_by(StandIn.starts_on)
)


def standing_in_for(colleague: User, on: date) -> list[tuple[StandIn, User]]:
    """Approved stand-ins for this coach that are running or still to come, with who."""
    rows = db.session.execute(_STANDING_IN_FOR, {"colleague_id": colleague.id, "on": on})
    return [(record, coach) for record, coach in rows]


def overview(on: date) -> list[tuple[StandIn, User, User]]:
    """For the team lead: requests waiting, and approved stand-ins not over yet."""
    coach, colleague = aliased(User), aliased(User)
    rows = db.session.execute(
        select(StandIn, coach, colleague)
        .join(coach, coach.id == StandIn.coach_id)
        .join(colleague, colleague.id == StandIn.for_coach_id)
        .where(
            or_(
                StandIn.status == REQUESTED,
                (StandIn.status == APPROVED) & (StandIn.ends_on >= on),
            )
        )
        .order_by(StandIn.status.desc(), StandIn.starts_on, StandIn.id)
    )
    return [(record, a, b) for record, a, b in rows]


def active_coaches() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.role == Role.ECOACH, User.active.is_(True))
            .order_by(User.name, User.id)
        )
    )


def stand_in_or_none(stand_in_id: int) -> StandIn | None:
    return db.session.get(StandIn, stand_in_id)
