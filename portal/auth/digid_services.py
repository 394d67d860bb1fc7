"""Citizens and their DigiD: the BSN from the broker finds the applicant's account through a
keyed hash; the first time, the person links DigiD to the account they registered (by email
or with a letter code) by signing in to it once. The BSN is never shown in full or logged.

The assurance level (`acr`) the broker passes on is stored with the session and the identity;
a level can be required at sign-in (PORTAL_DIGID_MIN_LEVEL) and for pages (`authz`).
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal import audit, security
from portal.auth import crypto_services as crypto
from portal.auth.digid_models import CitizenIdentity
from portal.authz import ASSURANCE_LEVELS, assurance_level
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.roles import Role

PURPOSE = "bsn"
PENDING_PURPOSE = "pending-bsn"


def bsn_from(claims: dict) -> str | None:
    """The BSN claim, if it is nine digits that pass the eleven test (8 digits get a 0)."""
    raw = str(claims.get(current_app.config["PORTAL_DIGID_BSN_CLAIM"]) or "").strip()
    if not raw.isdigit() or len(raw) not in (8, 9):
        return None
    bsn = raw.zfill(9)
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return bsn if (total - int(bsn[8])) % 11 == 0 else None


def level_ok(acr: str | None) -> bool:
    """The login's level is at least PORTAL_DIGID_MIN_LEVEL."""
    wanted = ASSURANCE_LEVELS.index(current_app.config["PORTAL_DIGID_MIN_LEVEL"])
    return assurance_level(acr) >= wanted


def find_citizen(bsn: str) -> User | None:
    identity = db.session.scalar(
        select(CitizenIdentity).where(CitizenIdentity.bsn_hash == crypto.keyed_hash(bsn))
    )
    if identity is None:
        return None
    return db.session.get(User, identity.user_id)


def note_login(user: User, acr: str | None) -> None:
    identity = identity_of(user)
    if identity is not None:
        identity.last_acr = acr
        db.session.flush()


def identity_of(user: User) -> CitizenIdentity | None:
    return db.session.scalar(select(CitizenIdentity).where(CitizenIdentity.user_id == user.id))


def masked(identity: CitizenIdentity | None) -> str | None:
    """The BSN as the person may see it: only its last three digits."""
    bsn = crypto.decrypt(identity.bsn_encrypted, PURPOSE) if identity else None
    return f"••••••{bsn[-3:]}" if bsn else None


def seal_pending(bsn: str) -> str:
    """The BSN encrypted for the browser's (signed, not secret) session until linking."""
    return crypto.encrypt(bsn, PENDING_PURPOSE)


def open_pending(sealed: str | None) -> str | None:
    return crypto.decrypt(sealed, PENDING_PURPOSE) if sealed else None


def link(user: User, bsn: str, acr: str | None, now: datetime) -> CitizenIdentity:
    """Link a DigiD (its BSN) to an applicant's account, after the person proved they hold
    it (the caller checked the account's password)."""
    if user.role is not Role.APPLICANT:
        raise DomainError(_("Only the account of an applicant can be linked to DigiD."))
    if identity_of(user) is not None:
        raise DomainError(_("This account is already linked to another DigiD."))
    if find_citizen(bsn) is not None:
        raise DomainError(_("This DigiD is already linked to another account."))
    identity = CitizenIdentity(
        user_id=user.id,
        bsn_hash=crypto.keyed_hash(bsn),
        bsn_encrypted=crypto.encrypt(bsn, PURPOSE),
        linked_at=now,
        last_acr=acr,
    )
    db.session.add(identity)
    db.session.flush()
    audit.record(user, "digid.link", "user", user.id)
    security.event("digid.linked", actor=user.id)
    return identity
