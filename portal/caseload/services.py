"""Assigning Zelfdoeners to e-coaches: by hand, or to the coach with the smallest caseload."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, bindparam, false, func, or_, select
from sqlalchemy.exc import IntegrityError

from portal import audit, events
from portal.authz import Permission, ensure
from portal.caseload.models import Assignment
from portal.db import db
from portal.domain import DomainError
from portal.intake import line_services as lines
from portal.intake.models import ServiceLine
from portal.people import User
from portal.roles import Role


def current(applicant_id: int) -> Assignment | None:
    return db.session.scalar(
        select(Assignment).where(
            Assignment.applicant_id == applicant_id, Assignment.ended_at.is_(None)
        )
    )


_COACH_OF = (  # built once: the applicant's messages and coach pages ask it
    select(User)
    .join(Assignment, Assignment.coach_id == User.id)
    .where(Assignment.applicant_id == bindparam("applicant_id"), Assignment.ended_at.is_(None))
)


def coach_of(applicant_id: int) -> User | None:
    return db.session.scalar(_COACH_OF, {"applicant_id": applicant_id})


def history(applicant_id: int) -> list[tuple[Assignment, User]]:
    return list(
        db.session.execute(
            select(Assignment, User)
            .join(User, User.id == Assignment.coach_id)
            .where(Assignment.applicant_id == applicant_id)
            .order_by(Assignment.id)
        ).all()
    )


def people_of(coach_id: int) -> list[User]:
    """The coach's current caseload, by name."""
    return list(
        db.session.scalars(
            select(User)
            .join(Assignment, Assignment.applicant_id == User.id)
            .where(Assignment.coach_id == coach_id, Assignment.ended_at.is_(None))
            .order_by(User.name, User.id)
        )
    )


def coaches() -> list[tuple[User, int]]:
    """Active e-coaches with the size of their caseload, smallest first (one query)."""
    sizes = (
        select(Assignment.coach_id, func.count().label("size"))
        .where(Assignment.ended_at.is_(None))
        .group_by(Assignment.coach_id)
        .subquery()
    )
    rows = db.session.execute(
        select(User, func.coalesce(sizes.c.size, 0))
        .outerjoin(sizes, sizes.c.coach_id == User.id)
        .where(User.role == Role.ECOACH, User.active.is_(True))
        .order_by(func.coalesce(sizes.c.size, 0), User.name, User.id)
    )
    return [(user, size) for user, size in rows]


def unassigned(limit: int | None = None) -> list[User]:
    """Zelfdoeners without a current e-coach, longest waiting first. The waiting ones are
    found among the service lines and assignments alone (narrow rows, by index); only
    those are then read with their account."""
    has_coach = (
        select(Assignment.id)
        .where(Assignment.applicant_id == ServiceLine.applicant_id, Assignment.ended_at.is_(None))
        .exists()
    )
    waiting = (
        db.session.execute(
            select(ServiceLine.applicant_id)
            .where(_self_reliant(), ~has_coach)
            .order_by(ServiceLine.since, ServiceLine.applicant_id)
            .limit(limit)
        )
        .scalars()
        .all()
    )
    people = {
        user.id: user for user in db.session.scalars(select(User).where(User.id.in_(waiting)))
    }
    return [people[person_id] for person_id in waiting if person_id in people]


def _self_reliant() -> ColumnElement[bool]:
    """Lines served at a distance by an e-coach, as the definitions declare them."""
    return or_(
        false(),
        *(
            and_(ServiceLine.scheme == scheme, ServiceLine.outcome == outcome)
            for scheme, outcome in sorted(lines.self_reliant())
        ),
    )


def assign(applicant_id: int, coach_id: int, actor, now: datetime) -> Assignment:
    """Give the person this coach; a former assignment ends (history is kept). The actor None
    is the portal itself (demo data, tests)."""
    if actor is not None:
        ensure(actor, Permission.ASSIGN_CASELOADS)
    applicant, coach = db.session.get(User, applicant_id), db.session.get(User, coach_id)
    if applicant is None or applicant.role != Role.APPLICANT:
        raise DomainError(_("This person cannot be assigned."))
    if coach is None or coach.role != Role.ECOACH or not coach.active:
        raise DomainError(_("Choose an e-coach."), field="coach")
    before = current(applicant_id)
    if before is not None:
        if before.coach_id == coach_id:
            return before
        before.ended_at = now
        db.session.flush()
    assignment = Assignment(
        applicant_id=applicant_id,
        coach_id=coach_id,
        started_at=now,
        assigned_by_id=getattr(actor, "id", None),
    )
    db.session.add(assignment)
    try:
        db.session.flush()
    except IntegrityError:
        raise DomainError(_("Someone else assigned this person just now. Look again.")) from None
    audit.record(actor, "caseload.assign", "user", applicant_id, detail=f"coach={coach_id}")
    if before is None:  # every new Zelfdoener is invited to the information meeting
        events.first_coach_assigned.send(None, applicant_id=applicant_id, now=now)
    return assignment


def assign_automatically(applicant_ids: list[int], actor, now: datetime) -> int:
    """Each person to the e-coach with the smallest caseload at that moment."""
    ensure(actor, Permission.ASSIGN_CASELOADS)
    sizes = {coach.id: size for coach, size in coaches()}
    if not sizes:
        raise DomainError(_("There are no active e-coaches yet."))
    for applicant_id in applicant_ids:
        coach_id = min(sizes, key=lambda c: (sizes[c], c))
        assign(applicant_id, coach_id, actor, now)
        sizes[coach_id] += 1
    return len(applicant_ids)
