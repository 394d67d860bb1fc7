"""The second factor of staff and STIP volunteers (BIO): an authenticator app (TOTP, pyotp)
with ten single-use recovery codes. Every role but the applicant needs it before any page.

The secret is kept encrypted (crypto_services); a code works once (the last time step is
stored); wrong codes count towards the same throttling as passwords. In demo mode (never in
production: the configuration refuses it) the demo accounts skip it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from portal import audit, security
from portal.auth import crypto_services as crypto
from portal.auth import session_services as sessions
from portal.auth import throttle_services as throttle
from portal.auth.mfa_models import Passkey, RecoveryCode, TotpFactor
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.roles import Role

PURPOSE = "totp-secret"
RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
DEMO_DOMAIN = "@demo.example"  # the accounts portal.demo creates
VALID_WINDOW = 1  # one 30-second step either side, for a phone's clock


def needed(user: User) -> bool:
    """Every staff role and STIP volunteers; applicants sign in with DigiD or a password."""
    return user.role is not Role.APPLICANT


def demo_skip(user: User) -> bool:
    cfg = current_app.config
    return (
        bool(cfg["PORTAL_DEMO"])
        and not cfg["PRODUCTION"]
        and (user.email or "").endswith(DEMO_DOMAIN)
    )


def factor(user: User) -> TotpFactor | None:
    return db.session.get(TotpFactor, user.id)


def enrolled(user: User) -> bool:
    found = factor(user)
    return found is not None and found.confirmed_at is not None


def begin(user: User, now: datetime) -> str:
    """A new, unconfirmed secret (replacing an unconfirmed one); returns it in base32."""
    found = factor(user)
    if found is not None and found.confirmed_at is not None:
        raise ValueError("already enrolled")
    secret = pyotp.random_base32()
    if found is None:
        found = TotpFactor(user_id=user.id, created_at=now, secret_encrypted="")
        db.session.add(found)
    found.secret_encrypted = crypto.encrypt(secret, PURPOSE)
    found.created_at, found.last_step = now, None
    db.session.flush()
    return secret


def pending_secret(user: User) -> str | None:
    found = factor(user)
    if found is None or found.confirmed_at is not None:
        return None
    return crypto.decrypt(found.secret_encrypted, PURPOSE)


def provisioning_uri(user: User, secret: str) -> str:
    issuer = f"{current_app.config['PORTAL_NAME']} {current_app.config['PORTAL_MUNICIPALITY_NAME']}"
    return pyotp.TOTP(secret).provisioning_uri(name=user.email or str(user.id), issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG markup, drawn on the server (no script, no image request)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def _step(code: str, secret: str, now: datetime, last_step: int | None) -> int | None:
    """The time step the code belongs to, if it is valid and newer than the last one used."""
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if (last_step is None or step > last_step) and hmac.compare_digest(
            totp.generate_otp(step), digits
        ):
            return step
    return None


def _locked(user: User, now: datetime) -> bool:
    return throttle.locked_until([_key(user)], now) is not None


def _key(user: User) -> str:
    return f"mfa:{user.id}"


def _failed(user: User, now: datetime, detail: str) -> None:
    throttle.register_failure(_key(user), current_app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], now)
    security.event("mfa.failure", result="refused", actor=user.id, detail=detail)


def confirm(user: User, code: str, now: datetime) -> list[str] | None:
    """Enrolment: the first code from the app confirms it; returns the new recovery codes,
    or None when the code is wrong."""
    found = factor(user)
    secret = pending_secret(user)
    if found is None or secret is None or _locked(user, now):
        return None
    step = _step(code, secret, now, None)
    if step is None:
        _failed(user, now, "enrol")
        return None
    found.confirmed_at, found.last_step = now, step
    throttle.clear(_key(user))
    codes = new_recovery_codes(user)
    audit.record(user, "mfa.enrol", "user", user.id, detail="totp")
    security.event("mfa.enrol", actor=user.id, detail="totp")
    return codes


def verify(user: User, code: str, now: datetime) -> bool:
    """A code from the app, or one of the recovery codes (used up)."""
    found = factor(user)
    if found is None or found.confirmed_at is None or _locked(user, now):
        return False
    secret = crypto.decrypt(found.secret_encrypted, PURPOSE)
    step = _step(code, secret, now, found.last_step) if secret else None
    if step is not None:
        found.last_step = step
        throttle.clear(_key(user))
        db.session.flush()
        security.event("mfa.success", actor=user.id, detail="totp")
        return True
    if _use_recovery_code(user, code, now):
        throttle.clear(_key(user))
        security.event("mfa.success", actor=user.id, detail="recovery_code")
        return True
    _failed(user, now, "verify")
    return False


def _code_hash(code: str) -> str:
    normal = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh codes (earlier ones stop working), shown once as xxxxx-xxxxx."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _number in range(RECOVERY_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _position in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_code_hash(raw)))
    db.session.flush()
    return codes


def _use_recovery_code(user: User, code: str, now: datetime) -> bool:
    if len(code) > 40:
        return False
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _code_hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = now
    db.session.flush()
    return True


def recovery_codes_left(user: User) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        ).all()
    )


def reset(actor: User, user: User, now: datetime) -> None:
    """A team lead removes a colleague's second factor (lost phone): they set it up again at
    their next sign-in, and every session of theirs ends now. Audited and logged."""
    ensure(actor, Permission.MANAGE_ACCOUNTS)
    if user.id == actor.id:
        raise DomainError(_("Ask another team lead to reset your own second step."))
    db.session.execute(delete(TotpFactor).where(TotpFactor.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(delete(Passkey).where(Passkey.user_id == user.id))
    db.session.flush()
    sessions.end_all(user.id, "second_factor_reset", now)
    audit.record(actor, "mfa.reset", "user", user.id)
    security.event("mfa.reset", actor=actor.id, detail=f"user:{user.id}")
