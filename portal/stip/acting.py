"""On whose behalf a request acts: the signed-in applicant, or the person a STIP volunteer is
helping in an active assisted session. Views use `subject()` for the owner and `current_user`
for the actor."""

from __future__ import annotations

from flask import g, session
from flask_login import current_user

from portal.authz import Role
from portal.db import db, utcnow

KEY = "stip_session_id"


def assisted_session():
    """The signed-in volunteer's active session (consented, within 2 hours), or None."""
    if "assisted_session" not in g:
        found = None
        if getattr(current_user, "is_authenticated", False) and current_user.role == Role.STIP:
            from portal.stip import services

            found = services.active(current_user, session.get(KEY), utcnow())
        g.assisted_session = found
    return g.assisted_session


def helping() -> bool:
    return assisted_session() is not None


def subject():
    """The person this request is about: the applicant, or the person being helped."""
    if getattr(current_user, "is_authenticated", False) and current_user.role == Role.APPLICANT:
        return current_user
    assisted = assisted_session()
    if assisted is None:
        return None
    from portal.auth.models import User

    return db.session.get(User, assisted.person_id)


def note(kind: str, detail: str = "") -> None:
    """Record what the volunteer did for the person (inside the caller's transaction)."""
    assisted = assisted_session()
    if assisted is not None:
        from portal.stip import services

        services.note(assisted, kind, detail, utcnow())


def session_id() -> int | None:
    assisted = assisted_session()
    return assisted.id if assisted is not None else None


def audit_read(what: str) -> None:
    """A volunteer looking at the person's things is written to the audit log."""
    assisted = assisted_session()
    if assisted is not None:
        from portal import audit
        from portal.db import unit_of_work

        with unit_of_work():
            audit.record(
                current_user,
                f"stip.read.{what}",
                "user",
                assisted.person_id,
                detail=f"session={assisted.id}",
            )
