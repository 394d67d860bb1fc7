"""Small helpers shared by views: loading or 404, a form's POST in one transaction, domain
errors onto forms, the page asked for, the client address, sign-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, flash, redirect, request, session
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import ColumnElement, inspect, select

from portal.db import db, unit_of_work
from portal.domain import DomainError

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
    form: FlaskForm,
    action: Callable[[], Any],
    *,
    success: str | Callable[[Any], ResponseReturnValue],
    flash_message: str | Callable[[Any], str] | None = None,
) -> ResponseReturnValue | None:
    """A valid POST of `form`: run `action` in one unit of work, then respond with `success`
    (a URL to go to, or a function of the action's result that makes the response) and flash.

    None when the form was not sent or not valid, or a DomainError was put next to its field:
    the view then shows the form again."""
    if not form.validate_on_submit():
        return None
    try:
        with unit_of_work():
            result = action()
    except DomainError as error:
        show_error(form, error)
        return None
    response = success(result) if callable(success) else redirect(success)
    if flash_message is not None:
        flash(flash_message(result) if callable(flash_message) else flash_message, "ok")
    return response


def show_error(form: FlaskForm, error: DomainError) -> None:
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


def start_session(user) -> None:
    """A fresh session for the user (the chosen language survives)."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user)


def end_session() -> None:
    locale = session.get("locale")
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale
