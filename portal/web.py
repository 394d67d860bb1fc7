"""Small helpers shared by views: loading or 404, a form's POST in one transaction, domain
errors onto forms, the page asked for, the client address.

Signing in and out (server-side sessions) is portal.auth.session_views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import ColumnElement, inspect, select

from portal import formkeys
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.validation import Form

T = TypeVar("T")


def get_or_404(model: type[T], ident: int | None, *conditions: ColumnElement[bool]) -> T:
    """The row with this primary key that meets the conditions, or the request ends with 404."""
    if ident is None:
        abort(404)
    key = inspect(model).primary_key[0]
    found = db.session.scalar(select(model).where(key == ident, *conditions))
    if found is None:
        abort(404)
    return found


def handle(
    form: Form,
    action: Callable[[], Any],
    *,
    success: str | Callable[[Any], ResponseReturnValue],
    flash_message: str | Callable[[Any], str] | None = None,
    remember: Callable[[Any], str] | None = None,
    repeated: Callable[[str], ResponseReturnValue] | None = None,
) -> ResponseReturnValue | None:
    """A valid POST of `form`: run `action` in one unit of work, then respond with `success`
    (a URL to go to, or a function of the action's result that makes the response) and flash.

    None when the form was not sent or not valid, or a DomainError was put next to its field:
    the view then shows the form again.

    A form with a one-time key (formkeys.KeyedForm) claims it first, in the same unit of work:
    the same form sent again runs nothing. It answers with `repeated(what the first stored)`,
    or else goes where the first went with a word that it was saved once. What is stored is
    `remember(result)`, or else the `success` URL."""
    if not form.validate_on_submit():
        return None
    key = form.form_key.data if isinstance(form, formkeys.KeyedForm) else None
    try:
        with unit_of_work():
            claim = formkeys.claim(key, formkeys.owner_of(current_user), utcnow())
            result = action()
            claim.done(
                remember(result) if remember else success if isinstance(success, str) else ""
            )
    except formkeys.Repeated as again:
        if repeated is not None:
            return repeated(again.result)
        return formkeys.follow(again, success if isinstance(success, str) else request.path)
    except DomainError as error:
        show_error(form, error)
        return None
    response = success(result) if callable(success) else redirect(success)
    if flash_message is not None:
        flash(flash_message(result) if callable(flash_message) else flash_message, "ok")
    return response


def show_error(form: Form, error: DomainError) -> None:
    """Put a service's error next to its field, or at the top of the form."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


def requested_page() -> tuple[int, int]:
    """The page number asked for (?page=) and the configured page size."""
    return request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"]


def client_ip() -> str | None:
    return request.remote_addr


class UrlPattern:
    """The URLs of one endpoint for many integer ids from one `url_for`: a table of 25 people
    built 25 URLs through Werkzeug's router (about 30 µs each). The id is checked to be an
    integer, as the route's converter would."""

    MARK = 987_654_321_012_345

    def __init__(self, endpoint: str, key: str, **values: Any):
        arguments: dict[str, Any] = {**values, key: self.MARK}
        url = url_for(endpoint, **arguments)
        self.head, _mark, self.tail = url.partition(str(self.MARK))

    def __call__(self, ident: int) -> str:
        return f"{self.head}{int(ident)}{self.tail}"


def fixed_url(endpoint: str) -> str:
    """The address of an endpoint without arguments, built once per script root: the layout
    of every page links to seven of them."""
    built = current_app.extensions.setdefault("portal_fixed_urls", {})
    key = (endpoint, request.script_root)
    if key not in built:
        built[key] = url_for(endpoint)
    return built[key]
