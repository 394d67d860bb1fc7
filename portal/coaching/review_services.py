"""The three-month review: its evidence and its recorded outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal import audit, events
from portal.authz import Permission, ensure
from portal.caseload import services as caseload
from portal.catalogue.models import Referral, Service
from portal.clock import today
from portal.coaching import rules
from portal.coaching.models import END_STATUSES, REVIEW_OUTCOMES, Handover, Review
from portal.db import db
from portal.domain import DomainError
from portal.intake.models import ServiceLine
from portal.meetings.models import Invitation
from portal.messages.models import Message
from portal.werkmap.models import APPLYING, LogEntry


@dataclass(frozen=True)
class Evidence:
    since: date
    due_on: date
    applications: int
    activities: int
    messages_from_person: int
    messages_to_person: int
    referrals: int
    meetings_attended: int


def _since(person_id: int) -> date | None:
    since = db.session.scalar(
        select(ServiceLine.since).where(ServiceLine.applicant_id == person_id)
    )
    return today(since) if since else None  # the day in the Netherlands


def due_on(person_id: int) -> date | None:
    since = _since(person_id)
    return rules.review_due(since) if since else None


def evidence(person_id: int) -> Evidence | None:
    """What the person did since they became a Zelfdoener."""
    since = _since(person_id)
    if since is None:
        return None
    due = rules.review_due(since)

    def counted(model, *conditions):
        return select(func.count()).select_from(model).where(*conditions).scalar_subquery()

    # Six counts, one statement (one round trip; each count is an indexed look-up).
    applications, activities, sent, received, referrals, attended = db.session.execute(
        select(
            counted(
                LogEntry,
                LogEntry.owner_id == person_id,
                LogEntry.day >= since,
                LogEntry.kind.in_(APPLYING),
            ),
            counted(LogEntry, LogEntry.owner_id == person_id, LogEntry.day >= since),
            counted(Message, Message.person_id == person_id, Message.from_person.is_(True)),
            counted(Message, Message.person_id == person_id, Message.from_person.is_(False)),
            counted(Referral, Referral.person_id == person_id),
            counted(Invitation, Invitation.person_id == person_id, Invitation.attended.is_(True)),
        )
    ).one()
    return Evidence(
        since=since,
        due_on=due,
        applications=applications or 0,
        activities=activities or 0,
        messages_from_person=sent or 0,
        messages_to_person=received or 0,
        referrals=referrals or 0,
        meetings_attended=attended or 0,
    )


def latest(person_id: int) -> Review | None:
    return db.session.scalar(
        select(Review).where(Review.person_id == person_id).order_by(Review.id.desc()).limit(1)
    )


def record(
    person,
    coach,
    outcome: str,
    service_id: int | None,
    end_status: str | None,
    reason: str,
    on: date,
    now: datetime,
) -> Review:
    """Record the outcome; moving to Klantondersteuning or ending closes the caseload."""
    ensure(coach, Permission.OWN_CASELOAD)
    if outcome not in REVIEW_OUTCOMES:
        raise DomainError(_("Choose an outcome."), field="outcome")
    reason = (reason or "").strip()
    service = db.session.get(Service, service_id) if service_id else None
    if outcome == "workshop" and (service is None or not service.active):
        raise DomainError(_("Choose a workshop from the catalogue."), field="service")
    if outcome == "ended" and end_status not in END_STATUSES:
        raise DomainError(_("Choose how the coaching ended."), field="end_status")
    if outcome == "klantondersteuning" and not reason:
        raise DomainError(_("Explain why this person needs more support."), field="reason")
    review = Review(
        person_id=person.id,
        due_on=due_on(person.id) or on,
        done_at=now,
        by_id=coach.id,
        outcome=outcome,
        service_id=service.id if outcome == "workshop" and service is not None else None,
        end_status=end_status if outcome == "ended" else None,
        reason=reason,
    )
    db.session.add(review)
    db.session.flush()
    if outcome == "workshop" and service is not None:  # a workshop has its service (above)
        db.session.add(
            Referral(
                person_id=person.id,
                service_id=service.id,
                by_id=coach.id,
                referred_on=on,
                created_at=now,
            )
        )
    if outcome in ("klantondersteuning", "ended"):
        current = caseload.current(person.id)
        if current is not None:
            current.ended_at = now
    if outcome == "klantondersteuning":
        db.session.add(
            Handover(
                person_id=person.id,
                from_coach_id=coach.id,
                team_id=coach.team_id,
                review_id=review.id,
                at=now,
            )
        )
    db.session.flush()
    audit.record(coach, f"review.{outcome}", "user", person.id)
    events.coaching_reviewed.send(None, person_id=person.id, review=review, now=now)
    return review
