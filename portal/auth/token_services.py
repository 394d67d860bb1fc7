"""Single-use account tokens (activation, password reset). Only their SHA-256 is stored."""

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
HELP = "help"  # a short code the person gives a STIP volunteer (screen, mail or letter)
SHORT_CODES = (LETTER, HELP)
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


def find_valid(token: str, purpose: str, now: datetime) -> AccountToken | None:
    """The unused, unexpired token of this purpose whose account is active, else None."""
    if not token or len(token) > 100:
        return None
    if purpose in SHORT_CODES:
        token = normalise_code(token)
    found = db.session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == _digest(token), AccountToken.purpose == purpose
        )
    )
    if found is None or found.used_at is not None or found.expires_at <= now:
        return None
    if not found.user.active:
        return None
    return found


def help_code(person: User, now: datetime, letter: bool = False) -> str:
    """A fresh STIP help code for the person (older ones stop working): 30 minutes, 60 days
    on paper."""
    ttl = HELP_ON_PAPER if letter else HELP_ON_SCREEN
    return issue(person, HELP, int(ttl.total_seconds()), now, token=letter_code())
