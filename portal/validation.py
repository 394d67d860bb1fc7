"""Bad input, refused in one place.

- `Form`, the base of every form (`QueryForm` for a GET form): before a field's own validators run, it refuses control
  characters (a text area may hold line breaks and tabs, a one-line field tabs), text that was
  not valid UTF-8, text longer than `MAX_TEXT` where the field sets no length, numbers outside
  what the database holds (or not finite), and dates outside 1900–2100. The message goes next
  to the field, in the user's language; what the user entered stays in the form.
- `check_request`, before every request: a query string with control characters, invalid
  UTF-8 or an integer the database cannot hold is a 400; so is such a path, and a form body
  that is not UTF-8 (in a multipart body Werkzeug makes it U+FFFD, which `guard` refuses).
- `as_id` / `ids`: ids read from a request (select values, check boxes, query strings).
- `BoundedIntConverter`: `<int:...>` in routes matches only ids the database can hold.

No module but this one imports FlaskForm (tests/test_architecture.py checks it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from urllib.parse import unquote_to_bytes

import wtforms
from babel import support
from flask import abort, current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from werkzeug.routing import IntegerConverter
from wtforms import Field, TextAreaField
from wtforms.form import BaseForm
from wtforms.i18n import messages_path
from wtforms.validators import Length, StopValidation
from wtforms.widgets.core import Input, clean_key  # type: ignore[attr-defined]  # not in its stubs

MAX_INT = 2**31 - 1  # PostgreSQL's integer
MIN_INT = -(2**31)
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2100, 12, 31)
MAX_TEXT = 10_000  # characters, for a text field that sets no length of its own

# C0 and C1 control characters and DEL; U+FFFD stands where the browser sent invalid UTF-8.
_BAD_IN_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ufffd]")
_BAD_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")  # \t \n \r allowed
_BAD_IN_QUERY = re.compile("[\x00-\x1f\x7f-\x9f\ufffd]")
_ID = re.compile(r"[0-9]{1,10}")
_INTEGER = re.compile(r"[+-]?[0-9]+")

BAD_CHARACTERS = _l("This contains characters that cannot be used here. Remove them and try again.")
TOO_LONG = _l("Use at most %(count)s characters.")
NUMBER_TOO_LARGE = _l("This number is too large.")
NUMBER_TOO_SMALL = _l("This number is too small.")
NOT_A_NUMBER = _l("Enter a number.")
DATE_OUT_OF_RANGE = _l("Enter a date between 1900 and 2100.")


def has_bad_characters(text: str, multiline: bool = False) -> bool:
    return (_BAD_IN_TEXT if multiline else _BAD_IN_LINE).search(text) is not None


def _has_length(field: Field) -> bool:
    validators: list[object] = list(field.validators)  # typed as a protocol Length does not fit
    return any(isinstance(v, Length) and v.max not in (None, -1) for v in validators)


def _check_value(field: Field, value: object) -> None:
    """Raise StopValidation with the message for a value the portal cannot keep."""
    if isinstance(value, str):
        if has_bad_characters(value, multiline=isinstance(field, TextAreaField)):
            raise StopValidation(str(BAD_CHARACTERS))
        if len(value) > MAX_TEXT and not _has_length(field):
            raise StopValidation(str(TOO_LONG) % {"count": MAX_TEXT})
    elif isinstance(value, bool):
        return
    elif isinstance(value, Decimal | float):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        if not finite:
            raise StopValidation(str(NOT_A_NUMBER))
        _check_range(value)
    elif isinstance(value, int):
        _check_range(value)
    elif isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        if not MIN_DATE <= day <= MAX_DATE:
            raise StopValidation(str(DATE_OUT_OF_RANGE))


def _check_range(value: float | Decimal | int) -> None:
    if value > MAX_INT:
        raise StopValidation(str(NUMBER_TOO_LARGE))
    if value < MIN_INT:
        raise StopValidation(str(NUMBER_TOO_SMALL))


def guard(_form, field: Field) -> None:
    """The first validator of every field of every `Form`."""
    data = field.data
    for value in data if isinstance(data, list | tuple) else [data]:
        _check_value(field, value)
    for raw in field.raw_data or []:  # what was posted, also where parsing it failed
        if isinstance(raw, str) and has_bad_characters(raw, isinstance(field, TextAreaField)):
            raise StopValidation(str(BAD_CHARACTERS))


def _guard_fields(form: BaseForm) -> None:
    for field in form:
        field.validators = [guard, *field.validators]


@cache
def _wtforms_catalogue(locale: str) -> support.NullTranslations:
    """WTForms' own messages ("Field cannot be longer than …") in a language, read from disk
    once per process: Flask-WTF read the file again in every request that built a form with
    a field without a label."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _Meta(FlaskForm.Meta):
    def get_translations(self, form):
        if not current_app.config.get("WTF_I18N_ENABLED", True):
            return super().get_translations(form)
        return _wtforms_catalogue(str(get_locale()))


class Form(FlaskForm):
    """The base of every form in the portal (CSRF included): `guard` runs first on every field."""

    Meta = _Meta

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _guard_fields(self)


class QueryForm(wtforms.Form):
    """A GET form over the query string (it changes nothing, so no CSRF): the same guard."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _guard_fields(self)


def as_id(text: str | None) -> int | None:
    """An id from a request value: ASCII digits that fit the database, else None."""
    if text is None or not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_INT else None


def ids(values: Iterable[str]) -> list[int]:
    return [number for number in map(as_id, values) if number is not None]


def _bad_query_value(value: str) -> bool:
    if _BAD_IN_QUERY.search(value):
        return True
    return _INTEGER.fullmatch(value) is not None and not MIN_INT <= int(value) <= MAX_INT


def _utf8(encoded: bytes) -> bool:
    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_request() -> None:
    """Before every request: refuse a path or query string no page can mean (400)."""
    if _BAD_IN_QUERY.search(request.path):
        abort(400)
    if not _utf8(request.query_string):
        abort(400)
    # Werkzeug keeps invalid UTF-8 in a form body as literal %XX text; no browser sends it.
    if request.mimetype == "application/x-www-form-urlencoded" and not _utf8(
        request.get_data(cache=True)  # the form parser reads the cached body
    ):
        abort(400)
    for key, value in request.args.items(multi=True):
        if _BAD_IN_QUERY.search(key) or _bad_query_value(value):
            abort(400)


class BoundedIntConverter(IntegerConverter):
    """`<int:id>` for ids the database can hold: a larger number is a 404, not an error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_INT)
        super().__init__(map, *args, **kwargs)


class MayBeEmpty(wtforms.validators.Optional):
    """Optional(), and the label says so ("(optional)"): for a field anyone may leave empty.
    A field that is needed only after another answer keeps plain Optional() and says nothing."""

    def __init__(self, strip_whitespace: bool = True):
        super().__init__(strip_whitespace)
        self.field_flags = {"optional": True, "say_optional": True}


def html_params(**kwargs) -> Markup:
    """WTForms' `html_params` with the same output, without `Markup.format` (a format string
    parsed again for every attribute: a sixth of a questionnaire page's time). Keys sorted,
    `True` a bare attribute, `False` left out, values escaped with `"` as `&quot;`."""
    params = []
    for key, value in sorted(kwargs.items()):
        if value is True:
            params.append(clean_key(key))
        elif value is not False:
            params.append(f'{clean_key(key)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(params))  # noqa: S704 -- every value escaped above; keys come from code


# Every <input> widget (text, radio, checkbox, hidden...) renders its attributes through the
# class attribute WTForms provides for this (`Input.html_params`).
Input.html_params = staticmethod(html_params)  # type: ignore[method-assign]
