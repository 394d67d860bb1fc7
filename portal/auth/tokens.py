"""Single-use account tokens (activation, password reset). Only their SHA-256 is stored."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from portal.auth.models import AccountToken, User
from portal.db import db

ACTIVATE = "activate"
RESET = "reset"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, purpose: str, ttl_seconds: int, now: datetime) -> str:
    """A new token for the user; earlier unused tokens of that purpose stop working."""
    db.session.execute(
        update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose,
               AccountToken.used_at.is_(None))
        .values(used_at=now))
    token = secrets.token_urlsafe(32)
    db.session.add(AccountToken(user_id=user.id, purpose=purpose, token_hash=_digest(token),
                                created_at=now, expires_at=now + timedelta(seconds=ttl_seconds)))
    db.session.flush()
    return token


def find_valid(token: str, purpose: str, now: datetime) -> AccountToken | None:
    """The unused, unexpired token of this purpose whose account is active, else None."""
    if not token or len(token) > 100:
        return None
    found = db.session.scalar(
        select(AccountToken).where(AccountToken.token_hash == _digest(token),
                                   AccountToken.purpose == purpose))
    if found is None or found.used_at is not None or found.expires_at <= now:
        return None
    if not found.user.active:
        return None
    return found
