"""Assisted sessions: a code from the person, their consent, 2 hours, ended or revoked."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import audit, limits, security
from portal.acting import AssistedSession, Location
from portal.auth import throttle_services as throttle
from portal.auth import token_services as tokens
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.people import User, normalise_email
from portal.roles import Role
from portal.searchperiod.models import Application
from portal.stip.models import Volunteer

SESSION = timedelta(hours=2)
CONSENT_WITHIN = timedelta(minutes=15)
ATTEMPTS = 10  # wrong codes per volunteer per window before a wait
MAIL_WINDOW = timedelta(hours=1)  # codes by mail: counted per volunteer and per address


class TooManyCodes(DomainError):  # noqa: N818 -- reads as the fact it reports
    """The volunteer had many codes mailed this hour."""


def location_of(volunteer: User) -> Location | None:
    return db.session.scalar(
        select(Location).join(Volunteer).where(Volunteer.user_id == volunteer.id)
    )


def mail_code(volunteer: User, email: str, now: datetime) -> None:
    """Mail a code to an applicant with this address; says nothing about whether one exists.
    Limited per volunteer (TooManyCodes) and, silently, per address; counted in the database."""
    ensure(volunteer, Permission.ASSIST_PEOPLE)
    cfg = current_app.config
    own = limits.hit(
        limits.key("help-mail:volunteer", str(volunteer.id)),
        cfg["PORTAL_HELP_CODE_MAILS_PER_VOLUNTEER"],
        MAIL_WINDOW,
        now,
    )
    if not own.allowed:
        security.event("help_code.limited", result="refused", actor=volunteer.id)
        raise TooManyCodes(
            _(
                "You had many codes mailed this hour. Wait %(minutes)s minutes, or ask the "
                "person to make a code in their own portal.",
                minutes=limits.minutes(own),
            ),
            field="email",
        )
    per_address = limits.hit(
        limits.key("help-mail:address", email),
        cfg["PORTAL_HELP_CODE_MAILS_PER_ADDRESS"],
        MAIL_WINDOW,
        now,
    )
    audit.record(volunteer, "stip.mail_code", "user", None)
    if not per_address.allowed:
        security.event("help_code.limited", result="silent", actor=volunteer.id, detail="address")
        return
    person = db.session.scalar(
        select(User).where(
            User.email == normalise_email(email),
            User.role == Role.APPLICANT,
            User.active.is_(True),
        )
    )
    if person is not None:
        assert person.email is not None  # noqa: S101 -- found by it
        queue_mail(
            person.email,
            "help_code",
            person.locale or "nl",
            user=person,
            secret={"code": tokens.help_code(person, now, tokens.HELP_MAIL)},
            minutes=int(tokens.HELP_ON_SCREEN.total_seconds() // 60),
        )


def born_on(person_id: int) -> date | None:
    """The date of birth the municipality knows (from the person's latest application)."""
    return db.session.scalar(
        select(Application.born_on)
        .where(Application.applicant_id == person_id)
        .order_by(Application.id.desc())
        .limit(1)
    )


def start(volunteer: User, birth_date: date, code: str, now: datetime) -> AssistedSession:
    """An exact match of code and date of birth starts a session that waits for consent."""
    ensure(volunteer, Permission.ASSIST_PEOPLE)
    location = location_of(volunteer)
    if location is None:
        raise DomainError(
            _("Your account is not linked to a STIP location yet. Ask the team lead.")
        )
    key = f"stip:{volunteer.id}"
    if throttle.locked_until([key], now) is not None:
        raise DomainError(_("Too many wrong codes. Wait 15 minutes and try again."), field="code")
    token = tokens.find_help_code(code, now)
    if token is None or born_on(token.user_id) != birth_date:
        raise DomainError(
            _(
                "The code and the date of birth do not belong together. Check "
                "them, or ask the person for a new code."
            ),
            field="code",
        )
    token.used_at = now
    session = AssistedSession(
        person_id=token.user_id, volunteer_id=volunteer.id, location_id=location.id, started_at=now
    )
    db.session.add(session)
    db.session.flush()
    throttle.clear(key)
    audit.record(volunteer, "stip.start", "user", token.user_id, detail=f"session={session.id}")
    return session


def wrong_code(volunteer: User, now: datetime) -> None:
    """Count a failed attempt (in its own transaction, after the refused one)."""
    ensure(volunteer, Permission.ASSIST_PEOPLE)
    throttle.register_failure(f"stip:{volunteer.id}", ATTEMPTS, now)
    audit.record(volunteer, "stip.wrong_code", "user", None)


def pending(volunteer: User, session_id: int | None, now: datetime) -> AssistedSession | None:
    session = db.session.get(AssistedSession, session_id) if session_id else None
    if (
        session is None
        or session.volunteer_id != volunteer.id
        or session.ended_at is not None
        or session.consented_at is not None
        or session.started_at + CONSENT_WITHIN < now
    ):
        return None
    return session


def consent(session: AssistedSession, now: datetime) -> None:
    session.consented_at, session.expires_at = now, now + SESSION
    audit.record(
        None,
        "stip.consent",
        "stip_session",
        session.id,
        detail=f"person={session.person_id} location={session.location_id}",
    )
    db.session.flush()


def end(session: AssistedSession, by: str, now: datetime) -> None:
    if session.ended_at is None:
        session.ended_at, session.ended_by = now, by
        audit.record(None, f"stip.end.{by}", "stip_session", session.id)
        db.session.flush()


def revoke(person: User, session: AssistedSession, now: datetime) -> None:
    """The person stops a session of theirs (the view loads only the person's own)."""
    ensure(person, Permission.OWN_HELP)
    end(session, "person", now)


def sessions_of(person_id: int) -> list[AssistedSession]:
    """The person's sessions, newest first, with location and actions (three queries)."""
    return list(
        db.session.scalars(
            select(AssistedSession)
            .where(
                AssistedSession.person_id == person_id, AssistedSession.consented_at.is_not(None)
            )
            .options(selectinload(AssistedSession.location), selectinload(AssistedSession.actions))
            .order_by(AssistedSession.id.desc())
        )
    )
