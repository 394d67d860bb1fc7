"""Encryption at rest for special categories of personal data (AVG art. 9: health, addiction,
debts): the Entreevragenlijst's answers and what is derived from them, and every uploaded file.

- AES-256-GCM (`cryptography`) under `PORTAL_DATA_KEY`, base64 of 32 random bytes from the
  environment. Development and the tests derive it from SECRET_KEY; production refuses to
  start without it (`portal.config`).
- Every sealed value names its key by a short fingerprint, so a key can be replaced: put the
  old key in `PORTAL_DATA_KEYS_RETIRED`, the new one in `PORTAL_DATA_KEY`, run
  `portal privacy rotate-key` (it re-seals every value and file not under the new key), then
  drop the old key.
- The column or use is bound as associated data: a sealed answer cannot be passed off as a
  file or as another column.
- A value or file written before sealing existed is read as it is and sealed by the next
  write or by `rotate-key`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app
from sqlalchemy import JSON
from sqlalchemy.types import TypeDecorator

MAGIC = b"PSEAL1"
ID_BYTES = 12  # the key's fingerprint, as hex characters
NONCE_BYTES = 12
MARK = "$sealed"  # a sealed JSON value is {"$sealed": "<base64>"}


class UnreadableError(Exception):
    """A sealed value or file whose key is not configured, or that was tampered with."""


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"portal-data-key\0" + key).hexdigest()[:ID_BYTES]


def _decode(value: str) -> bytes:
    key = base64.b64decode(value)
    if len(key) != 32:
        raise RuntimeError("A data key must be 32 random bytes in base64.")
    return key


def keys() -> tuple[str, dict[str, bytes]]:
    """The current key's fingerprint, and every usable key by fingerprint."""
    config = current_app.config
    configured = str(config.get("PORTAL_DATA_KEY") or "")
    if configured:
        current = _decode(configured)
    else:  # development and tests only: production refuses to start without the key
        secret = str(config["SECRET_KEY"]).encode()
        current = hashlib.sha256(b"PORTAL_DATA_KEY\0" + secret).digest()
    found = {fingerprint(current): current}
    for retired in str(config.get("PORTAL_DATA_KEYS_RETIRED") or "").split():
        key = _decode(retired)
        found.setdefault(fingerprint(key), key)
    return fingerprint(current), found


def seal(plain: bytes, use: str) -> bytes:
    current, found = keys()
    nonce = os.urandom(NONCE_BYTES)
    box = AESGCM(found[current]).encrypt(nonce, plain, f"{use}\0{current}".encode())
    return MAGIC + current.encode() + nonce + box


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def key_of(data: bytes) -> str | None:
    """The fingerprint of the key a value was sealed with; None when it is not sealed."""
    return data[len(MAGIC) : len(MAGIC) + ID_BYTES].decode() if is_sealed(data) else None


def unseal(data: bytes, use: str) -> bytes:
    """The plain bytes; data that was never sealed comes back as it is."""
    if not is_sealed(data):
        return data
    key_id = key_of(data) or ""
    key = keys()[1].get(key_id)
    if key is None:
        raise UnreadableError(f"sealed with key {key_id}, which is not configured")
    start = len(MAGIC) + ID_BYTES
    try:
        return AESGCM(key).decrypt(
            data[start : start + NONCE_BYTES],
            data[start + NONCE_BYTES :],
            f"{use}\0{key_id}".encode(),
        )
    except InvalidTag:
        raise UnreadableError("the sealed value does not match its key or use") from None


def needs_reseal(data: bytes) -> bool:
    """Plain, or sealed with a key that is no longer the current one."""
    return key_of(data) != keys()[0]


def seal_json(value: Any, use: str) -> dict[str, str]:
    plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return {MARK: base64.b64encode(seal(plain, use)).decode()}


def stored_bytes(stored: Any) -> bytes | None:
    """The sealed bytes inside a stored JSON value; None for a value stored in plain."""
    if isinstance(stored, dict) and set(stored) == {MARK}:
        return base64.b64decode(stored[MARK])
    return None


def open_json(stored: Any, use: str) -> Any:
    sealed = stored_bytes(stored)
    return stored if sealed is None else json.loads(unseal(sealed, use))


class SealedJSON(TypeDecorator):
    """A JSON column whose value is stored sealed: the database holds only `{"$sealed": …}`.
    `use` (e.g. the table and column) is bound to every value."""

    impl = JSON
    cache_ok = True

    def __init__(self, use: str) -> None:
        super().__init__()
        self.use = use

    def process_bind_param(self, value, dialect):
        return None if value is None else seal_json(value, self.use)

    def process_result_value(self, value, dialect):
        return None if value is None else open_json(value, self.use)
