"""Supported locales and how the locale of a request is chosen."""

from __future__ import annotations

from typing import TypeGuard

from flask import has_request_context, request, session
from flask_login import current_user

DEFAULT_LOCALE = "nl"
LOCALES: dict[str, str] = {"nl": "Nederlands", "en": "English"}


def is_supported(locale: str | None) -> TypeGuard[str]:
    return locale in LOCALES


def select_locale() -> str:
    """A `lang` in the address (for that page only: the home page after signing out, when the
    browser has just forgotten the session), else the visitor's choice in this session, else
    their account's, else Dutch."""
    if not has_request_context():  # CLI, worker: mails pick their locale explicitly
        return DEFAULT_LOCALE
    asked = request.args.get("lang")
    if is_supported(asked):
        return asked
    chosen = session.get("locale")
    if is_supported(chosen):
        return chosen
    if current_user and current_user.is_authenticated and is_supported(current_user.locale):
        return current_user.locale
    return DEFAULT_LOCALE
