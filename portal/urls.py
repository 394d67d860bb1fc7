"""Absolute links for mails and letters, built from PORTAL_BASE_URL (works outside requests)."""

from __future__ import annotations

from typing import TypeGuard
from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc or "localhost", script_name=parts.path or "/")
    path = adapter.build(endpoint, values, force_external=False)
    return f"{parts.scheme}://{parts.netloc}{path}"


def is_safe_next(target: str | None) -> TypeGuard[str]:
    """Only same-site relative paths may be used as a `next` redirect: no control characters
    or spaces either (a browser drops a tab or line break, so `/\t/evil.example` would become
    `//evil.example`; a line break in a Location header is an error)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if any(ord(ch) <= 32 or 127 <= ord(ch) <= 159 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and "\\" not in target
