"""Mandates made, used and ended: the person's consent with a one-time code, a consultant's
registration of a court decision, the representative choosing whom they act for."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal import audit, files, limits, security
from portal.auth import services as accounts
from portal.auth import throttle_services as throttle
from portal.auth import token_services as tokens
from portal.authz import PERSON_MAY_END, Permission, ensure
from portal.clock import today
from portal.db import db
from portal.domain import DomainError
from portal.files import JPEG, PDF, PNG
from portal.mail import OutboxMessage
from portal.mandates import COURT_KINDS, Kind, Mandate
from portal.people import User
from portal.roles import Role

CODE_VALID = timedelta(days=7)  # the person gives the code to someone they trust
ATTEMPTS = 10  # wrong codes per representative before a wait
INVITES_PER_DAY = 5  # authorisations a person may make per day (each may create an account)
DOCUMENTS = (PDF, JPEG, PNG)


def _digest(code: str) -> str:
    return hashlib.sha256(tokens.normalise_code(code).encode()).hexdigest()


def representative_account(name: str, email: str, now: datetime) -> User:
    """The representative account with this address, or a new one with an activation mail
    (the representative chooses a password and sets up a second factor)."""
    found = accounts.find_by_email(email)
    if found is not None:
        if found.role is not Role.REPRESENTATIVE:
            raise DomainError(
                _("This email address cannot be used for someone who acts for you."),
                field="email",
            )
        return found
    user = accounts.create_account(name, email, Role.REPRESENTATIVE)
    accounts.send_activation(user, now, "nl")
    audit.record(None, "account.representative_created", "user", user.id)
    return user


def invite(person: User, name: str, email: str, months: int, now: datetime) -> tuple[Mandate, str]:
    """The person authorises someone: a mandate that waits for the one-time code, which only
    that person's account can use, within CODE_VALID."""
    ensure(person, Permission.OWN_REPRESENTATIVES)
    allowed = limits.hit(
        limits.key("represent-invite", str(person.id)), INVITES_PER_DAY, timedelta(days=1), now
    )
    if not allowed.allowed:
        security.event("representation.limited", result="refused", actor=person.id)
        raise DomainError(_("You made many codes today. Try again tomorrow."), field="email")
    representative = representative_account(name, email, now)
    code = tokens.letter_code()
    start = today(now)
    mandate = Mandate(
        person_id=person.id,
        representative_id=representative.id,
        kind=Kind.CONSENT.value,
        ends_on=_add_months(start, months),
        created_at=now,
        code_hash=_digest(code),
        code_expires_at=now + CODE_VALID,
    )
    db.session.add(mandate)
    db.session.flush()
    audit.record(person, "representation.invite", "mandate", mandate.id)
    return mandate, code


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)


def redeem(representative: User, code: str, now: datetime) -> Mandate:
    """The representative uses the person's code: the mandate holds from now on."""
    ensure(representative, Permission.REPRESENT_PEOPLE)
    key = f"represent:{representative.id}"
    if throttle.locked_until([key], now) is not None:
        raise DomainError(_("Too many wrong codes. Wait 15 minutes and try again."), field="code")
    mandate = db.session.scalar(
        select(Mandate).where(
            Mandate.code_hash == _digest(code),
            Mandate.representative_id == representative.id,
            Mandate.active_from.is_(None),
            Mandate.ended_at.is_(None),
            Mandate.code_expires_at > now,
        )
    )
    if mandate is None:
        raise DomainError(
            _("This code is not right or no longer works. Ask the person for a new code."),
            field="code",
        )
    mandate.active_from, mandate.code_hash, mandate.code_expires_at = now, None, None
    db.session.flush()
    throttle.clear(key)
    audit.record(representative, "representation.start", "user", mandate.person_id)
    return mandate


def wrong_code(representative: User, now: datetime) -> None:
    """Count a failed attempt (in its own transaction, after the refused one)."""
    throttle.register_failure(f"represent:{representative.id}", ATTEMPTS, now)
    audit.record(representative, "representation.wrong_code", "user", None)


def register_court(
    consultant: User,
    person: User,
    kind: str,
    name: str,
    email: str,
    reference: str,
    decided_on: date,
    ends_on: date | None,
    document: tuple[str, bytes],
    now: datetime,
) -> Mandate:
    """A court decision, registered by a consultant with the document: it holds at once."""
    ensure(consultant, Permission.REGISTER_REPRESENTATION)
    if kind not in {k.value for k in COURT_KINDS}:
        raise DomainError(_("Choose the kind."), field="kind")
    if decided_on > today(now):
        raise DomainError(
            _("The date of the decision cannot be in the future."), field="decided_on"
        )
    if ends_on is not None and ends_on < today(now):
        raise DomainError(_("The end date has passed."), field="ends_on")
    stored = files.store(person.id, document[0], document[1], DOCUMENTS, now)
    representative = representative_account(name, email, now)
    mandate = Mandate(
        person_id=person.id,
        representative_id=representative.id,
        kind=kind,
        reference=reference.strip(),
        decided_on=decided_on,
        ends_on=ends_on,
        document_file_id=stored.id,
        registered_by_id=consultant.id,
        created_at=now,
        active_from=now,
    )
    db.session.add(mandate)
    db.session.flush()
    audit.record(consultant, "representation.court", "user", person.id, detail=kind)
    return mandate


def end(actor: User, mandate: Mandate, now: datetime) -> None:
    """End a mandate at once: staff always (the view loads it in their scope), the person only
    where the kind allows it (PERSON_MAY_END)."""
    if actor.role is Role.APPLICANT:
        if mandate.person_id != actor.id or mandate.kind not in PERSON_MAY_END:
            raise PermissionError("the person may not end this kind")
    else:
        ensure(actor, Permission.REGISTER_REPRESENTATION)
    if mandate.ended_at is not None:
        return
    mandate.ended_at, mandate.ended_by_id, mandate.code_hash = now, actor.id, None
    db.session.flush()
    audit.record(actor, "representation.end", "mandate", mandate.id)


def letters(person_id: int, topics: frozenset[str] | None) -> list[OutboxMessage]:
    """The mail the portal sent about the person (kept PORTAL_MAIL_KEEP_DAYS), newest first;
    only these topics for a representative."""
    query = select(OutboxMessage).where(
        OutboxMessage.about_id == person_id, OutboxMessage.topic.is_not(None)
    )
    if topics is not None:
        query = query.where(OutboxMessage.topic.in_(topics))
    return list(db.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(100)))


def keep_days() -> int:
    return current_app.config["PORTAL_MAIL_KEEP_DAYS"]
