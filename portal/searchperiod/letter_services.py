"""Letters with a code, for people without email: activating the account with the code, and
the letter printed again when a registration form was sent twice (the code of the first letter
was never seen)."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _

from portal import audit
from portal.auth import token_services as tokens
from portal.auth.services import (
    complete_with_token,
    find_by_email,
    give_client_number,
    normalise_email,
)
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.searchperiod.models import Application
from portal.searchperiod.services import LETTER_TTL_SECONDS, last_application, open_application


def letter_again(actor: User, application_id: int, now: datetime) -> tuple[Application, str] | None:
    """A new letter code for an application the actor registered without email, while its
    account is not activated yet (the earlier code stops working); None otherwise."""
    application = db.session.get(Application, application_id)
    if (
        application is None
        or application.registered_by_id != actor.id
        or application.applicant.email is not None
        or application.applicant.is_activated
    ):
        return None
    code = tokens.letter_code()
    tokens.issue(application.applicant, tokens.LETTER, LETTER_TTL_SECONDS, now, token=code)
    audit.record(actor, "application.letter_again", "application", application.id)
    return application, code


def activate_with_letter(
    code: str, born_on: date, email: str, password: str, now: datetime
) -> User:
    """A person without email activates with the letter code and their date of birth,
    choosing a password and, if they have one, the email address they sign in with; without
    one they get a client number to sign in with. A later letter (from staff, for a forgotten
    password) works the same way: a new password, the client number kept."""
    token = tokens.find_valid(code, tokens.LETTER, now)
    application = (open_application(token.user) or _if_activated(token.user)) if token else None
    if token is None or application is None or application.born_on != born_on:
        raise DomainError(_("The code or the date of birth is not correct."), field="code")
    if email.strip():
        if find_by_email(email) not in (None, token.user):
            raise DomainError(
                _("There is already an account with this email address."), field="email"
            )
        token.user.email = normalise_email(email)
        application.email = token.user.email
    elif token.user.email is None:
        give_client_number(token.user)
    db.session.flush()
    return complete_with_token(token, password, now)


def _if_activated(user: User) -> Application | None:
    """A letter for a new password also works after the application was closed."""
    return last_application(user) if user.is_activated else None
