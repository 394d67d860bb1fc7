"""Errors that services raise for the user to read; views show them next to the field."""

from __future__ import annotations


class DomainError(Exception):
    """A rule said no. `message` is already translated; `field` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
