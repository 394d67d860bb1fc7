"""Small helpers shared by views: domain errors onto forms, the client address, sign-in."""

from __future__ import annotations

from flask import request, session
from flask_login import login_user, logout_user

from portal.domain import DomainError
from portal.validation import Form


def show_error(form: Form, error: DomainError) -> None:
    """Put a service's error next to its field, or at the top of the form."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


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
