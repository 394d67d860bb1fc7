"""Applying yourself: the application becomes real only when the owner of the address confirms.

`submit` (the anonymous /apply) checks the input, counts the attempt per client and per address
(in the database, so every app instance counts along), stores the registration apart from every
file and mails a confirmation link. It looks nothing up, so it answers the same for every input.
`confirm` (the link: once, before it expires) matches the confirmed address: the owner's own
account, or a new one. It never attaches to someone else's file and never changes the data of an
existing account; what it cannot settle online it leaves to a person at the municipality.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError

from portal import limits, security
from portal.auth.services import find_by_email, normalise_email
from portal.db import db
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.roles import Role
from portal.searchperiod import services
from portal.searchperiod.models import Application, PendingRegistration
from portal.urls import external_url

REGISTERED, ALREADY_OPEN, STAFF_ADDRESS, CONTACT_US = (
    "registered",
    "already_open",
    "staff_address",
    "contact_us",
)
WINDOW = timedelta(hours=1)
KEEP_AFTER_EXPIRY = timedelta(days=1)


class TooMany(DomainError):  # noqa: N818 -- reads as the fact it reports
    """Too many applications from this client in the last hour."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def submit(data: services.Registration, client: str | None, now: datetime, locale: str) -> None:
    """Keep the registration until it is confirmed and mail the link; silent when the address
    had its share of mails this hour. TooMany when this client sent too many."""
    cfg = current_app.config
    services.check_period(data, now)
    assert data.email is not None  # noqa: S101 -- the self-registration form requires it
    per_client = limits.hit(
        limits.key("apply:client", client), cfg["PORTAL_APPLY_MAX_PER_CLIENT"], WINDOW, now
    )
    if not per_client.allowed:
        security.event("apply.limited", result="refused", detail="client")
        raise TooMany(
            _(
                "Too many applications were sent from this connection. Wait %(minutes)s "
                "minutes and try again, or go to a help point (STIP).",
                minutes=limits.minutes(per_client),
            )
        )
    per_address = limits.hit(
        limits.key("apply:address", data.email), cfg["PORTAL_APPLY_MAX_PER_ADDRESS"], WINDOW, now
    )
    if not per_address.allowed:
        security.event("apply.limited", result="silent", detail="address")
        return
    token = secrets.token_urlsafe(32)
    ttl = int(cfg["PORTAL_APPLY_CONFIRM_TTL_SECONDS"])
    email = normalise_email(data.email)
    db.session.add(
        PendingRegistration(
            token_hash=_digest(token),
            email=email,
            name=data.name.strip(),
            born_on=data.born_on,
            phone=data.phone or None,
            uwv_registered_on=data.uwv_registered_on,
            applied_on=data.applied_on,
            locale=locale,
            created_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )
    )
    # Nothing the visitor typed goes into the mail: it may reach someone else's mailbox.
    queue_mail(
        email,
        "confirm_application",
        locale,
        secret={"link": external_url("searchperiod.confirm", token=token)},
        hours=max(1, ttl // 3600),
    )
    db.session.flush()


def pending(token: str, now: datetime) -> PendingRegistration | None:
    """The registration of this link: waiting (not expired) or already confirmed."""
    if not token or len(token) > 100:
        return None
    found = db.session.scalar(
        select(PendingRegistration).where(PendingRegistration.token_hash == _digest(token))
    )
    if found is None or (found.outcome is None and found.expires_at <= now):
        return None
    return found


def confirm(token: str, now: datetime) -> PendingRegistration | None:
    """Use the link (once): match the confirmed address and register. A link used before
    gives the registration with the outcome of its first use; an unknown or expired one None."""
    if not token or len(token) > 100:
        return None
    digest = _digest(token)
    claimed = db.session.execute(
        update(PendingRegistration)
        .where(
            PendingRegistration.token_hash == digest,
            PendingRegistration.confirmed_at.is_(None),
            PendingRegistration.expires_at > now,
        )
        .values(confirmed_at=now)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(claimed, CursorResult)  # noqa: S101 -- an UPDATE gives a CursorResult
    found = db.session.scalar(
        select(PendingRegistration)
        .where(PendingRegistration.token_hash == digest)
        .execution_options(populate_existing=True)
    )
    if found is None:
        return None
    if claimed.rowcount != 1:
        return found if found.outcome is not None else None
    try:
        found.outcome, found.application_id = _match(found, now)
    except IntegrityError:  # the same new address confirmed twice at the same moment
        found.outcome, found.application_id = _match(found, now)
    db.session.flush()
    security.event("apply.confirm", result=found.outcome, detail=f"pending={found.id}")
    return found


def _match(registration: PendingRegistration, now: datetime) -> tuple[str, int | None]:
    account = find_by_email(registration.email)
    if account is not None:
        if account.role is not Role.APPLICANT:
            return STAFF_ADDRESS, None
        if not account.active:
            return CONTACT_US, None
        if services.open_application(account) is not None:
            return ALREADY_OPEN, None
    data = services.Registration(
        name=registration.name,
        born_on=registration.born_on,
        applied_on=registration.applied_on,
        email=registration.email,
        phone=registration.phone,
        uwv_registered_on=registration.uwv_registered_on,
    )
    try:
        with db.session.begin_nested():
            done = services.register(data, "self", None, now, registration.locale)
    except DomainError:
        # The same name and date of birth as an open application in another file, or another
        # date of birth than this account's file: a person at the municipality looks at it.
        return CONTACT_US, None
    return REGISTERED, done.application.id


def application_of(registration: PendingRegistration) -> Application | None:
    """The application a confirmed registration made, if it made one."""
    if registration.application_id is None:
        return None
    return db.session.get(Application, registration.application_id)


def purge_pending(now: datetime) -> int:
    """Delete registrations a day after their link expired (run by `portal run-scheduled`)."""
    result = db.session.execute(
        delete(PendingRegistration).where(PendingRegistration.expires_at < now - KEEP_AFTER_EXPIRY)
    )
    return int(getattr(result, "rowcount", 0) or 0)
