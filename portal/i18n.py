"""Supported locales and how the locale of a request is chosen.

Applicants can use every locale; staff pages are offered in Dutch and English only (a staff
member who asks for another language gets Dutch). A missing message falls back to English.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from flask import has_request_context, request, session
from flask_login import current_user
from markupsafe import Markup

from portal.roles import STAFF_ROLES

DEFAULT_LOCALE = "nl"
# Each language in its own name and script, in the order of the switcher.
LOCALES: dict[str, str] = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "uk": "Українська",
    "ti": "ትግርኛ",
}
STAFF_LOCALES: tuple[str, ...] = ("nl", "en")
RIGHT_TO_LEFT = frozenset({"ar"})
COOKIE = "portal_locale"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Runs that keep left-to-right order inside Arabic text: email addresses, web addresses, phone
# numbers (a bidi algorithm turns 06-12345678 into 12345678-06 otherwise).
LTR_RUNS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|\+?\d[\d -]{4,}\d")


def isolate_ltr(value) -> Markup:
    """An email address, phone number, web address or code inside a sentence keeps its own
    left-to-right order in Arabic (and cannot pull the sentence's punctuation along)."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)


def isolate_ltr_runs(value: str) -> Markup:
    """Text in which every email address, web address and phone number is isolated left to
    right (the CV's contact line and lines; the PDF does the same with isolate characters)."""
    text = str(value)
    parts: list[Markup | str] = []
    start = 0
    for match in LTR_RUNS.finditer(text):
        parts += [text[start : match.start()], isolate_ltr(match.group(0))]
        start = match.end()
    parts.append(text[start:])
    return Markup("").join(parts)


def is_supported(locale: str | None) -> TypeGuard[str]:
    return locale in LOCALES


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.role in STAFF_ROLES)


def offered(user) -> dict[str, str]:
    """The languages this visitor can choose: staff nl/en, everyone else all of them."""
    if is_staff(user):
        return {code: LOCALES[code] for code in STAFF_LOCALES}
    return dict(LOCALES)


def direction(locale: str) -> str:
    return "rtl" if locale in RIGHT_TO_LEFT else "ltr"


def select_locale() -> str:
    """A `lang` in the address (for that page only: the home page after signing out, when the
    browser has just forgotten the session), else the choice made in this browser session, else
    the account's, else the remembered choice (cookie), else the browser's Accept-Language, else
    Dutch; within what the visitor may use."""
    if not has_request_context():  # CLI, worker: mails pick their locale explicitly
        return DEFAULT_LOCALE
    allowed = offered(current_user)
    candidates = [request.args.get("lang"), session.get("locale")]
    if current_user and current_user.is_authenticated:
        candidates.append(current_user.locale)
    candidates.append(request.cookies.get(COOKIE))
    candidates.append(request.accept_languages.best_match(list(allowed)))
    for candidate in candidates:
        if is_supported(candidate) and candidate in allowed:
            return candidate
    return DEFAULT_LOCALE
