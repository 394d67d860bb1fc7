"""Keys from the configuration: a keyed hash (HMAC-SHA256) to find a BSN without storing it,
and AES-GCM to keep a BSN or a second-factor secret encrypted at rest.

Production sets PORTAL_HASH_KEY and PORTAL_ENCRYPTION_KEY (checked at start-up); development
and the tests derive both from SECRET_KEY, so `make run` needs nothing extra.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

NONCE_BYTES = 12


def _key(name: str) -> bytes:
    configured = str(current_app.config[name])
    if configured:
        return base64.b64decode(configured)
    # Development only (production refuses to start without the key): derived, stable.
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hashlib.sha256(name.encode() + b"\0" + secret).digest()


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of the value under PORTAL_HASH_KEY, as hex."""
    return hmac.new(_key("PORTAL_HASH_KEY"), value.encode(), hashlib.sha256).hexdigest()


def encrypt(value: str, purpose: str) -> str:
    """AES-256-GCM with a random nonce; `purpose` is bound as associated data, so a value
    encrypted for one use cannot be passed off as another."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key("PORTAL_ENCRYPTION_KEY")).encrypt(nonce, value.encode(), purpose.encode())
    return base64.b64encode(nonce + sealed).decode()


def decrypt(token: str, purpose: str) -> str | None:
    """The plain value, or None when the token was not made with this key and purpose."""
    try:
        raw = base64.b64decode(token)
        plain = AESGCM(_key("PORTAL_ENCRYPTION_KEY")).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], purpose.encode()
        )
    except (InvalidTag, ValueError):
        return None
    return plain.decode()
