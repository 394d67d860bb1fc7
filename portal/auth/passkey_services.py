"""Security keys and passkeys (WebAuthn, the `webauthn` package) as an option for the second
factor of staff, besides the authenticator app: registered from the account page, used on the
second-factor page. The relying party is the host of PORTAL_BASE_URL."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from portal import audit, security
from portal.auth.mfa_models import Passkey
from portal.db import db
from portal.people import User

MAX_BODY = 20_000  # a credential is a few kilobytes at most


def _relying_party() -> tuple[str, str]:
    """(RP id, origin) from PORTAL_BASE_URL: the host name, and scheme://host[:port]."""
    parts = urlsplit(current_app.config["PORTAL_BASE_URL"])
    return parts.hostname or "localhost", f"{parts.scheme}://{parts.netloc}"


def of(user: User) -> list[Passkey]:
    return list(
        db.session.scalars(select(Passkey).where(Passkey.user_id == user.id).order_by(Passkey.id))
    )


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id)) for p in of(user)]


def registration_options(user: User) -> tuple[str, str]:
    """The options for navigator.credentials.create (JSON) and the challenge to keep."""
    rp_id, _origin = _relying_party()
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=current_app.config["PORTAL_NAME"],
        user_id=f"portal-user-{user.id}".encode(),
        user_name=user.email or str(user.id),
        user_display_name=user.name,
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


def register(user: User, credential: str, challenge: str, name: str, now: datetime) -> bool:
    """Check the authenticator's answer and keep its public key; False when it is not valid."""
    rp_id, origin = _relying_party()
    if not challenge or len(credential) > MAX_BODY:
        return False
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        security.event("mfa.passkey_failure", result="refused", actor=user.id, detail="register")
        return False
    passkey = Passkey(
        user_id=user.id,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=bytes_to_base64url(verified.credential_public_key),
        sign_count=verified.sign_count,
        name=" ".join(name.split())[:100] or "Passkey",
        created_at=now,
    )
    db.session.add(passkey)
    db.session.flush()
    audit.record(user, "mfa.passkey_add", "user", user.id)
    security.event("mfa.enrol", actor=user.id, detail="passkey")
    return True


def authentication_options(user: User) -> tuple[str, str]:
    rp_id, _origin = _relying_party()
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


def verify(user: User, credential: str, challenge: str, now: datetime) -> bool:
    """The answer of one of the user's own keys to this challenge (used once)."""
    rp_id, origin = _relying_party()
    if not challenge or len(credential) > MAX_BODY:
        return False
    try:
        raw_id = str(json.loads(credential)["id"])
    except (ValueError, KeyError, TypeError):
        return False
    passkey = db.session.scalar(
        select(Passkey).where(Passkey.credential_id == raw_id, Passkey.user_id == user.id)
    )
    if passkey is None:
        security.event("mfa.failure", result="refused", actor=user.id, detail="passkey_unknown")
        return False
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=base64url_to_bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        security.event("mfa.failure", result="refused", actor=user.id, detail="passkey")
        return False
    passkey.sign_count, passkey.last_used_at = verified.new_sign_count, now
    db.session.flush()
    security.event("mfa.success", actor=user.id, detail="passkey")
    return True
