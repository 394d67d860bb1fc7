"""Supported locales and how the locale of a request is chosen.

Applicants can use every locale; staff pages are offered in Dutch and English only (a staff
member who asks for another language gets Dutch). A missing message falls back to English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Literal, TypeGuard

import flask_babel
from babel import Locale, support
from babel import dates as babel_dates
from flask import g, has_app_context, has_request_context, request, session
from flask_login import current_user
from jinja2 import Environment, pass_eval_context
from jinja2.nodes import EvalContext
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
    return _formatted_day(value, format, _babel_locale())


def day_formatter(format: str = "medium") -> Callable[[date], str]:
    """`format_day` for many dates in one language: the request's locale looked up once (a
    table of 25 rows, each with a date)."""
    locale = _babel_locale()
    return lambda value: _formatted_day(value, format, locale)


def _babel_locale() -> Locale:
    current_locale()
    state = g.get("_flask_babel") if has_app_context() else None
    return getattr(state, "babel_locale", None) or Locale.parse(DEFAULT_LOCALE)


_KEPT_FORMATS: dict[str, Literal["short", "medium"]] = {"short": "short", "medium": "medium"}


def format_instant(value: datetime | None, format: str = "medium") -> str:
    """The `datetimeformat` filter: Flask-Babel's, with the day and (for "short" and "medium",
    whose time has no time zone in it) the time of day each formatted once and kept: a page
    of a conversation shows twenty moments. Babel joins the two parts the same way."""
    kept = _KEPT_FORMATS.get(format)
    if value is None or kept is None:
        return flask_babel.format_datetime(value, format)
    return _formatted_instant(value, kept, current_locale(), flask_babel.get_timezone())


@lru_cache(maxsize=4096)
def _formatted_instant(value: datetime, kept: Literal["short", "medium"], _name: str, _zone) -> str:
    """One moment as `format_instant` writes it, kept: the messages of a conversation are
    shown again and again. The key is the moment (an instant: the same in any time zone), the
    format, the language's name and the portal's time zone; the text depends on nothing else."""
    local = flask_babel.to_user_timezone(value)
    locale = _babel_locale()
    time_of_day = _formatted_time(local.time().replace(microsecond=0), kept, locale)
    return _joined(kept, time_of_day, _formatted_day(local.date(), kept, locale), locale)


def format_moment(value: datetime | None) -> str:
    """The `moment` filter: a date and time as people say it, in the request's locale and the
    portal's time zone: the day in full and the time without seconds or time zone ("donderdag
    3 december 2026, 10:30"; Babel's "full" adds "10:30:00 Midden-Europese standaardtijd")."""
    if value is None:
        return ""
    local = flask_babel.to_user_timezone(value)
    locale = _babel_locale()
    time_of_day = babel_dates.format_time(local, "short", locale=locale)
    return _joined("full", time_of_day, _formatted_day(local.date(), "full", locale), locale)


def _joined(
    kind: Literal["full", "short", "medium"], time_of_day: str, day: str, locale: Locale
) -> str:
    """A day and a time of day joined as Babel's `format_datetime` joins them."""
    pattern = str(babel_dates.get_datetime_format(kind, locale=locale)).replace("'", "")
    return pattern.replace("{0}", time_of_day).replace("{1}", day)


@lru_cache(maxsize=4096)
def _formatted_day(value: date, format: str, locale: Locale) -> str:
    """Babel formats a date in about 50 µs; a caseload of 25 people shows the same few
    review dates again and again. A date, a format and a locale always give the same text."""
    return babel_dates.format_date(value, format=format, locale=locale)


@lru_cache(maxsize=4096)
def _formatted_time(value: time, format: str, locale: Locale) -> str:
    return babel_dates.format_time(value, format=format, locale=locale)


class Labels(dict):
    """Lazy labels (`_l()`) of one page, each translated the first time it is shown and kept
    for the rest of the page: a table of 25 rows translated the same few words 50 times."""

    def __init__(self, lazy: dict):
        super().__init__()
        self._lazy = lazy

    def __missing__(self, key):
        text = self[key] = str(self._lazy[key])
        return text


def install_template_gettext(env: Environment) -> None:
    """Templates' `_()` and `ngettext()` through `translations()` (Jinja formats and escapes)."""
    env.filters["dateformat"] = format_day
    env.filters["moment"] = format_moment
    env.filters["datetimeformat"] = format_instant
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    env.globals["_"] = _template_gettext


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, /, **variables) -> str:
    """Templates' `_()`, as Jinja's newstyle gettext does it (translated, made Markup under
    autoescape, then always formatted, so `%%` is one percent sign and the values are
    escaped), without its two extra calls through the template context for every text: a
    page asks twenty."""
    text = translations().ugettext(string)
    if eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 -- the catalogue's own text, as Jinja's gettext does
    return text % variables
