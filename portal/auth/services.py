"""Account operations: sign in, activation, reset, change password, invitations, (de)activation."""

from __future__ import annotations

import math
import re
import secrets
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal import audit, security
from portal.auth import session_services as sessions
from portal.auth import throttle_services as throttle
from portal.auth import token_services as tokens
from portal.auth.password_services import (
    MAX_LENGTH,
    MIN_LENGTH,
    guessable,
    hash_password,
    needs_rehash,
    verify_password,
)
from portal.auth.session_models import LoginSession
from portal.authz import Permission, ensure
from portal.db import db, utcnow
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.people import Team, User, normalise_email
from portal.roles import STAFF_ROLES, Role
from portal.urls import external_url
from portal.validation import has_bad_characters


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def client_number(number: str) -> str | None:
    """A client number as typed ("1234 5678", "1234-5678") as stored, or None if it is none."""
    digits = re.sub(r"[\s-]", "", number)
    return digits if re.fullmatch(r"[0-9]{8}", digits) else None


MERGES_FOLLOWED = 10  # a registration merged into one that was merged again, and so on


def find_by_client_number(number: str) -> User | None:
    """The account of a client number; for a registration merged into another (the person
    may only know the number on their first letter), the account it was merged into."""
    digits = client_number(number)
    if digits is None:
        return None
    user = db.session.scalar(select(User).where(User.client_number == digits))
    for _merge in range(MERGES_FOLLOWED):
        if user is None or user.merged_into_id is None:
            break
        user = db.session.get(User, user.merged_into_id)
    return user


def give_client_number(user: User) -> str:
    """Eight random digits to sign in with, for an account without email (kept once given)."""
    while user.client_number is None:
        number = f"{secrets.randbelow(10**8):08d}"
        if find_by_client_number(number) is None:
            user.client_number = number
            db.session.flush()
    return user.client_number


def _login_key(user: User) -> str:
    return throttle.account_key(user.email or f"number:{user.client_number}")


def authenticate(
    login: str, password: str, ip: str | None, now: datetime, by_number: bool = False
) -> User | DomainError:
    """The user for these credentials (an email address, or a client number `by_number`), or
    the error to show (returned, not raised, so that the failure count is committed). The
    error never tells whether the address or number exists."""
    cfg = current_app.config
    digits = client_number(login) if by_number else None
    name = f"number:{digits or login.strip()}" if by_number else login
    keys = [throttle.account_key(name), throttle.ip_key(ip)]
    wait = throttle.locked_until(keys, now)
    if wait is not None:
        security.event("login.throttled", result="refused")
        return DomainError(
            _(
                "Too many attempts to sign in. Wait %(minutes)s minutes and try "
                "again, or reset your password.",
                minutes=max(1, math.ceil((wait - now).total_seconds() / 60)),
            )
        )
    user = find_by_client_number(login) if by_number else find_by_email(login)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        throttle.register_failure(keys[0], cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"], now)
        throttle.register_failure(keys[1], cfg["LOGIN_MAX_FAILURES_PER_IP"], now)
        reason = "unknown_account" if user is None else "password" if not ok else "inactive"
        security.event(
            "login.failure", result="refused", actor=getattr(user, "id", None), detail=reason
        )
        if by_number:
            return DomainError(_("The client number or password is not correct."))
        return DomainError(_("The email address or password is not correct."))
    throttle.clear(keys[0])  # login.success is logged when the session starts (session_views)
    assert user.password_hash is not None  # noqa: S101 -- verify_password accepted it
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_password(
    user: User, password: str, now: datetime, keep: LoginSession | None = None
) -> None:
    """Set a new password; every other session of the account ends (all but `keep`)."""
    check_password_rules(user, password)
    user.password_hash = hash_password(password)
    user.session_version += 1
    if user.activated_at is None:
        user.activated_at = now
    db.session.flush()
    sessions.end_all(user.id, "password", now, keep=keep)
    security.event("password.set", actor=user.id)


def check_password_rules(user: User, password: str) -> None:
    """Long enough, not absurdly long, not the email address, not easy to guess."""
    if len(password) < MIN_LENGTH:
        raise DomainError(
            _(
                "Use at least %(count)s characters. A short sentence is easy to remember.",
                count=MIN_LENGTH,
            ),
            field="password",
        )
    if len(password) > MAX_LENGTH:
        raise DomainError(
            _("Use at most %(count)s characters.", count=MAX_LENGTH), field="password"
        )
    if normalise_email(password) == user.email:
        raise DomainError(_("Do not use your email address as your password."), field="password")
    if guessable(password, user):
        raise DomainError(
            _(
                "This password is too easy to guess. Use a short sentence of four or more "
                "words that others do not know, without your name."
            ),
            field="password",
        )


def request_password_reset(email: str, now: datetime, locale: str) -> None:
    """Mail a reset link if an active account has this address; silent otherwise."""
    cfg = current_app.config
    key = "reset:" + throttle.account_key(email)
    if throttle.locked_until([key], now) is None:
        throttle.register_failure(
            key,
            cfg["PASSWORD_RESET_MAX_PER_HOUR"] + 1,
            now,
            window_seconds=3600,
            lockout_seconds=3600,
        )
    if throttle.locked_until([key], now) is not None:
        security.event("password.reset_requested", result="throttled")
        return
    user = find_by_email(email)
    if user is None or not user.active:
        security.event(
            "password.reset_requested", result="ignored", actor=getattr(user, "id", None)
        )
        return
    security.event("password.reset_requested", actor=user.id)
    token = tokens.issue(user, tokens.RESET, cfg["PASSWORD_RESET_TTL_SECONDS"], now)
    assert user.email is not None  # noqa: S101 -- found by it
    queue_mail(
        user.email,
        "reset_password",
        user.locale or locale,
        user=user,
        secret={"link": external_url("auth.reset_password", token=token)},
    )


def complete_with_token(token_row, password: str, now: datetime) -> User:
    """Activation or reset: set the password and use up the token, in one go."""
    user = token_row.user
    set_password(user, password, now)
    token_row.used_at = now
    throttle.clear(_login_key(user))
    audit.record(user, f"account.{token_row.purpose}", "user", user.id)
    kind = "password.reset" if token_row.purpose == tokens.RESET else "account.activated"
    security.event(kind, actor=user.id)
    return user


def change_password(
    user: User, current: str, new: str, now: datetime, keep: LoginSession | None = None
) -> None:
    """The signed-in user's new password, after the current one; `keep` is the session that
    stays signed in (the others end)."""
    ensure(user, Permission.OWN_ACCOUNT)
    if not verify_password(user.password_hash, current):
        security.event("password.change", result="refused", actor=user.id, detail="current")
        raise DomainError(_("Your current password is not correct."), field="current_password")
    set_password(user, new, now, keep=keep)
    security.event("password.change", actor=user.id)


def set_locale(user: User, locale: str) -> None:
    """The language the user chose: their pages, mails and letters use it."""
    ensure(user, Permission.OWN_ACCOUNT)
    user.locale = locale
    db.session.flush()


def create_account(
    name: str, email: str, role: Role, locale: str | None = None, invited_by: User | None = None
) -> User:
    """A new account without a password; DomainError if the address is taken."""
    email = normalise_email(email)
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise DomainError(_("There is already an account with this email address."), field="email")
    user = User(
        name=name.strip(),
        email=email,
        role=role,
        locale=locale,
        invited_by_id=getattr(invited_by, "id", None),
    )
    db.session.add(user)
    db.session.flush()
    return user


def send_activation(user: User, now: datetime, locale: str, ttl_seconds: int | None = None) -> str:
    """Mail a single-use activation link (earlier ones stop working); returns the link."""
    assert user.email is not None  # noqa: S101 -- staff are invited by email
    ttl = ttl_seconds or current_app.config["ACTIVATION_TTL_SECONDS"]
    link = external_url("auth.activate", token=tokens.issue(user, tokens.ACTIVATE, ttl, now))
    queue_mail(
        user.email,
        "activate_account",
        user.locale or locale,
        user=user,
        secret={"link": link},
        days=max(1, ttl // 86400),
    )
    return link


def create_team_lead(email: str, name: str, now: datetime, locale: str) -> tuple[User, str]:
    """The first team lead (or a new one when nobody can sign in any more), made on the
    server's command line: an account without a password and a single-use activation link
    that works for ADMIN_LINK_TTL_SECONDS, mailed and returned for the terminal."""
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise DomainError(
            _("Enter an email address like name@example.nl."), field="email"
        ) from error
    if not name.strip() or len(name) > 200 or has_bad_characters(name):
        raise DomainError(_("Enter the full name."), field="name")
    user = create_account(name, email, Role.TEAM_LEAD, locale=locale)
    link = send_activation(user, now, locale, current_app.config["ADMIN_LINK_TTL_SECONDS"])
    audit.record(None, "account.create_team_lead", "user", user.id, detail="command line")
    return user, link


def invite_staff(
    actor: User,
    name: str,
    email: str,
    role: Role,
    now: datetime,
    locale: str,
    team_id: int | None = None,
) -> User:
    """An admin invites a staff member; the mail's link lets them choose a password."""
    ensure(actor, Permission.MANAGE_ACCOUNTS)
    if role not in STAFF_ROLES:
        raise DomainError(_("Choose a staff role."), field="role")
    if team_id is not None and db.session.get(Team, team_id) is None:
        raise DomainError(_("Choose a team from the list."), field="team")
    user = create_account(name, email, role, locale=None, invited_by=actor)
    user.team_id = team_id
    send_activation(user, now, locale)
    audit.record(actor, "account.invite", "user", user.id, detail=role.value)
    security.event("account.invited", actor=actor.id, detail=f"user={user.id} role={role.value}")
    return user


def resend_invitation(actor: User, user: User, now: datetime, locale: str) -> None:
    ensure(actor, Permission.MANAGE_ACCOUNTS)
    if user.is_activated:
        raise DomainError(_("This account is already activated."))
    send_activation(user, now, locale)
    audit.record(actor, "account.reinvite", "user", user.id)


def set_active(actor: User, user: User, active: bool, now: datetime | None = None) -> None:
    """Deactivate (ends all sessions at once) or reactivate an account."""
    ensure(actor, Permission.MANAGE_ACCOUNTS)
    if user.id == actor.id:
        raise DomainError(_("You cannot deactivate your own account."))
    if user.active == active:
        return
    user.active = active
    user.session_version += 1
    db.session.flush()
    if not active:
        sessions.end_all(user.id, "deactivated", now or utcnow())
    audit.record(actor, "account.activate" if active else "account.deactivate", "user", user.id)
    kind = "account.reactivated" if active else "account.deactivated"
    security.event(kind, actor=actor.id, detail=f"user={user.id}")
