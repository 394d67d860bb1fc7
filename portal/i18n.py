"""Supported locales and how the locale of a request is chosen."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeGuard

import flask_babel
from babel import dates as babel_dates
from babel import support
from flask import g, has_app_context, has_request_context, session
from flask_login import current_user
from jinja2 import Environment

DEFAULT_LOCALE = "nl"
LOCALES: dict[str, str] = {"nl": "Nederlands", "en": "English"}


def is_supported(locale: str | None) -> TypeGuard[str]:
    return locale in LOCALES


def select_locale() -> str:
    """The visitor's choice in this session, else their account's, else Dutch."""
    if not has_request_context():  # CLI, worker: mails pick their locale explicitly
        return DEFAULT_LOCALE
    chosen = session.get("locale")
    if is_supported(chosen):
        return chosen
    if current_user and current_user.is_authenticated and is_supported(current_user.locale):
        return current_user.locale
    return DEFAULT_LOCALE


def current_locale() -> str:
    """The request's language code, worked out once per request and locale."""
    state = g.get("_flask_babel") if has_app_context() else None
    locale = getattr(state, "babel_locale", None) if state is not None else None
    if locale is None:
        locale = flask_babel.get_locale()
        state = g.get("_flask_babel") if has_app_context() else None
    kept = getattr(state, "portal_locale", None) if state is not None else None
    if kept is not None and kept[0] is locale:
        return kept[1]
    name = str(locale) if locale is not None else DEFAULT_LOCALE
    if state is not None:
        state.portal_locale = (locale, name)
    return name


def translations() -> support.NullTranslations:
    """The request's catalogue, looked up once per request and locale.

    Flask-Babel finds it anew for every `_()` (context, domain, locale and a cache keyed by
    the locale's name), which was a tenth of a page's time. This keeps the catalogue next to
    the locale object it was found for, so `force_locale` (mails in the recipient's language)
    still gets its own catalogue."""
    state = g.get("_flask_babel") if has_app_context() else None
    if state is not None:
        kept = getattr(state, "portal_translations", None)
        if kept is not None and kept[0] is getattr(state, "babel_locale", None):
            return kept[1]
    found = flask_babel.get_translations()
    state = g.get("_flask_babel") if has_app_context() else None
    if state is not None:
        state.portal_translations = (getattr(state, "babel_locale", None), found)
    return found


def format_day(value: date | datetime | None, format: str = "medium") -> str:
    """The `dateformat` filter: a calendar date straight through Babel with the request's
    locale (no time zone to convert); datetimes go through Flask-Babel's own filter."""
    if value is None or isinstance(value, datetime) or not isinstance(value, date):
        return flask_babel.format_date(value, format)
    current_locale()
    state = g.get("_flask_babel") if has_app_context() else None
    locale = getattr(state, "babel_locale", None) or DEFAULT_LOCALE
    return babel_dates.format_date(value, format=format, locale=locale)


def install_template_gettext(env: Environment) -> None:
    """Templates' `_()` and `ngettext()` through `translations()` (Jinja formats and escapes)."""
    env.filters["dateformat"] = format_day
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
