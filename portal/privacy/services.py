"""Who looked at or changed a person's file (AVG art. 15), from the audit log, and the
person's correction requests (art. 16)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from portal import audit
from portal.acting import AssistedSession, Location
from portal.audit import AuditEvent
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.intake.models import QuestionnaireResponse
from portal.mail import queue_mail
from portal.mandates import Mandate
from portal.people import User
from portal.privacy.models import CORRECTED, OPEN, REFUSED, CorrectionRequest
from portal.roles import Role
from portal.searchperiod.models import Application
from portal.stip.models import Volunteer


def about(person_id: int):
    """The audit rows about a person: their account, applications, questionnaire responses,
    representatives' mandates and help-point sessions."""
    return or_(
        and_(AuditEvent.subject_type == "user", AuditEvent.subject_id == person_id),
        and_(
            AuditEvent.subject_type == "application",
            AuditEvent.subject_id.in_(
                select(Application.id).where(Application.applicant_id == person_id)
            ),
        ),
        and_(
            AuditEvent.subject_type == "questionnaire_response",
            AuditEvent.subject_id.in_(
                select(QuestionnaireResponse.id).where(
                    QuestionnaireResponse.applicant_id == person_id
                )
            ),
        ),
        and_(  # a representative's mandate: its court decision opened, its end
            AuditEvent.subject_type == "mandate",
            AuditEvent.subject_id.in_(select(Mandate.id).where(Mandate.person_id == person_id)),
        ),
        and_(
            AuditEvent.subject_type == "stip_session",
            AuditEvent.subject_id.in_(
                select(AssistedSession.id).where(AssistedSession.person_id == person_id)
            ),
        ),
    )


@dataclass
class Access:
    at: datetime
    action: str
    role: Role | None  # None: the portal itself
    name: str  # staff's name; empty for a volunteer (they are named by their help point)
    location: str  # the help point of a volunteer


def accesses(person_id: int, limit: int | None = None) -> list[Access]:
    """What others (staff, volunteers, the portal itself) did with the person's file, newest
    first; the person's own actions are left out."""
    query = (
        select(AuditEvent, User, Location.name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .outerjoin(Volunteer, Volunteer.user_id == User.id)
        .outerjoin(Location, Location.id == Volunteer.location_id)
        .where(
            about(person_id), or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != person_id)
        )
        .order_by(AuditEvent.seq.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    found = []
    for event, actor, location in db.session.execute(query):
        known: User | None = actor  # an outer join: None for the portal itself
        role = known.role if known is not None else None
        found.append(
            Access(
                at=event.at,
                action=event.action,
                role=role,
                name=known.name if known is not None and role is not Role.STIP else "",
                location=location or "",
            )
        )
    return found


def request_correction(person: User, what: str, should_be: str, now: datetime) -> CorrectionRequest:
    ensure(person, Permission.OWN_DATA)
    if not what.strip():
        raise DomainError(_("Write what is wrong."), field="what")
    request = CorrectionRequest(
        person_id=person.id, what=what.strip(), should_be=should_be.strip(), created_at=now
    )
    db.session.add(request)
    db.session.flush()
    audit.record(person, "privacy.correction_request", "user", person.id, detail=str(request.id))
    return request


def corrections_of(person_id: int) -> list[CorrectionRequest]:
    return list(
        db.session.scalars(
            select(CorrectionRequest)
            .where(CorrectionRequest.person_id == person_id)
            .order_by(CorrectionRequest.id.desc())
        )
    )


def answer_correction(
    actor: User, request: CorrectionRequest, corrected: bool, answer: str, now: datetime
) -> None:
    """Record the municipality's answer; the applicant gets a mail (without its content)."""
    ensure(actor, Permission.HANDLE_CORRECTIONS)
    if request.status != OPEN:
        raise DomainError(_("This request has already been answered."), field="answer")
    if not answer.strip():
        raise DomainError(_("Write the answer to the applicant."), field="answer")
    request.status = CORRECTED if corrected else REFUSED
    request.answer, request.answered_by_id, request.answered_at = answer.strip(), actor.id, now
    db.session.flush()
    audit.record(
        actor, "privacy.correction_answer", "user", request.person_id, detail=request.status
    )
    person = request.person
    if person.email:
        queue_mail(person.email, "privacy_answer", person.locale or "nl", user=person)
