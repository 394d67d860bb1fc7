"""Letters with a code, for people without email: printed again when a registration form was
sent twice (the code of the first letter was never seen)."""

from __future__ import annotations

from datetime import datetime

from portal import audit
from portal.auth import token_services as tokens
from portal.db import db
from portal.people import User
from portal.searchperiod.models import Application
from portal.searchperiod.services import LETTER_TTL_SECONDS


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
