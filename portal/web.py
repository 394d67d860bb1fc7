"""Small helpers shared by views: loading or 404, domain errors onto forms, the page asked
for, the client address, sign-in."""

from __future__ import annotations

from typing import TypeVar

from flask import abort, current_app, request, session
from flask_login import login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import ColumnElement, inspect, select

from portal.db import db
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
