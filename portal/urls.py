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
    """Only same-site relative paths may be used as a `next` redirect."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and "\\" not in target
