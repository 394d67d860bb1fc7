"""Small helpers shared by views: domain errors onto forms, the page asked for, the client
address, sign-in."""

from __future__ import annotations

from flask import current_app, request, session
from flask_login import login_user, logout_user
from flask_wtf import FlaskForm

from portal.domain import DomainError


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
