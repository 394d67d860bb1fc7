"""What a person's file shows staff: checklist, questionnaire outcome, review, referrals,
invitations, notes and a timeline of events (each part a bounded query)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.authz import Purpose
from portal.caseload import services as caseload
from portal.catalogue import services as catalogue
from portal.coaching import review_services as reviews
from portal.coaching.models import StaffNote
from portal.db import db
from portal.intake import services as intake
from portal.meetings import services as meetings
from portal.messages.models import Message
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services as periods
from portal.werkmap import cv_services
from portal.werkmap.models import LogEntry

LIMIT = 20


def _events(person, notes, referrals, invitations, history) -> list[tuple]:
    """(moment, text) newest first: log entries, messages, assignments, referrals, notes."""
    events = []
    for entry in db.session.scalars(
        select(LogEntry)
        .where(LogEntry.owner_id == person.id)
        .order_by(LogEntry.created_at.desc())
        .limit(LIMIT)
    ):
        events.append((entry.created_at, _("Logged: %(what)s", what=entry.organisation)))
    for message in db.session.scalars(
        select(Message)
        .where(Message.person_id == person.id)
        .order_by(Message.at.desc())
        .limit(LIMIT)
    ):
        events.append(
            (
                message.at,
                _("Message from the person") if message.from_person else _("Message to the person"),
            )
        )
    for assignment, coach in history:
        events.append((assignment.started_at, _("E-coach: %(name)s", name=coach.name)))
    for referral in referrals:
        events.append((referral.created_at, _("Referred to %(name)s", name=referral.service.name)))
    for invitation in invitations:
        events.append((invitation.invited_at, _("Invited to the information meeting")))
    for note in notes:
        events.append((note.at, _("Staff note")))
    events.sort(key=lambda item: item[0], reverse=True)
    return events[: LIMIT * 2]


def file_context(actor, person, on: date) -> dict:
    """The file as `actor` sees it; reading the questionnaire's advice and scores is audited
    (for coaching: the purpose it may be read for)."""
    application = periods.open_application(person) or periods.last_application(person)
    submitted = intake.submitted_main(person)
    if submitted is not None:
        intake.read(actor, submitted, Purpose.COACHING)
    definition = intake.definition(submitted) if submitted else None
    notes = list(
        db.session.scalars(
            select(StaffNote)
            .where(StaffNote.person_id == person.id)
            .order_by(StaffNote.at.desc())
            .limit(50)
        )
    )
    referrals = catalogue.referrals_of(person.id)
    invitations = meetings.invitations_of(person.id)
    history = caseload.history(person.id)
    cv = cv_services.cv_of(person.id)
    return {
        "application": application,
        "checklist": consult.statuses(application, on) if application else None,
        "response": submitted,
        "definition": definition,
        "scheme": definition.scheme(submitted.scheme) if definition and submitted else None,
        "line": intake.service_line(person),
        "notes": notes,
        "referrals": referrals,
        "invitations": invitations,
        "coach": caseload.coach_of(person.id),
        "review": reviews.latest(person.id),
        "evidence": reviews.evidence(person.id),
        "cv_missing": cv_services.missing(cv),
        "events": _events(person, notes, referrals, invitations, history),
    }
