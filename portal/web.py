"""Small helpers shared by views: domain errors onto forms, the client address.

Signing in and out (server-side sessions) is portal.auth.session_views."""

from __future__ import annotations

from flask import request
from flask_wtf import FlaskForm

from portal.domain import DomainError


def show_error(form: FlaskForm, error: DomainError) -> None:
    """Put a service's error next to its field, or at the top of the form."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


def client_ip() -> str | None:
    return request.remote_addr
