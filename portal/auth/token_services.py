"""Single-use account tokens (activation, password reset, letter and help codes). Only their
SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from portal.auth.models import AccountToken
from portal.db import db
from portal.people import User

ACTIVATE = "activate"
RESET = "reset"
LETTER = "letter"  # a short code on a printed letter, for people without email
# Short codes the person gives a STIP volunteer, one purpose per way they came: made on the
# person's own screen, mailed at a volunteer's request, printed on a consultant's letter. A new
# code replaces only an unused code of its own kind, so a mailed code never cancels a letter.
HELP_SCREEN, HELP_MAIL, HELP_LETTER = "help_screen", "help_mail", "help_letter"
HELP_KINDS = (HELP_SCREEN, HELP_MAIL, HELP_LETTER)
SHORT_CODES = (LETTER, *HELP_KINDS)
LETTER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
HELP_ON_SCREEN = timedelta(minutes=30)  # made by the person, or mailed at a volunteer's request
HELP_ON_PAPER = timedelta(days=60)  # printed by a consultant


def letter_code() -> str:
    """Eight characters that are easy to read and type, shown as XXXX-XXXX."""
    raw = "".join(secrets.choice(LETTER_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    user: User, purpose: str, ttl_seconds: int, now: datetime, token: str | None = None
) -> str:
    """A new token (or the given code) for the user; earlier unused tokens of that purpose
    stop working."""
    db.session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )
    token = token or secrets.token_urlsafe(32)
    stored = normalise_code(token) if purpose in SHORT_CODES else token
    db.session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_digest(stored),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl_seconds),
        )
    )
    db.session.flush()
    return token


def find_valid(token: str, purpose: str | tuple[str, ...], now: datetime) -> AccountToken | None:
    """The unused, unexpired token of this purpose (or one of these) whose account is active."""
    if not token or len(token) > 100:
        return None
    purposes = (purpose,) if isinstance(purpose, str) else purpose
    if set(purposes) <= set(SHORT_CODES):
        token = normalise_code(token)
    found = db.session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == _digest(token), AccountToken.purpose.in_(purposes)
        )
    )
    if found is None or found.used_at is not None or found.expires_at <= now:
        return None
    if not found.user.active:
        return None
    return found


def help_code(person: User, now: datetime, kind: str = HELP_SCREEN) -> str:
    """A fresh STIP help code of this kind for the person (an unused older one of the same kind
    stops working): 30 minutes on screen or by mail, 60 days on paper."""
    if kind not in HELP_KINDS:
        raise ValueError(kind)
    ttl = HELP_ON_PAPER if kind == HELP_LETTER else HELP_ON_SCREEN
    return issue(person, kind, int(ttl.total_seconds()), now, token=letter_code())


def find_help_code(code: str, now: datetime) -> AccountToken | None:
    """A valid help code of any kind."""
    return find_valid(code, HELP_KINDS, now)
