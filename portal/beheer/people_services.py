"""People, for the functional administrator: a staff member's role and team; an applicant's
account (deactivate, reactivate, a new activation mail or letter). Merging: merge_services."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from portal import audit, security
from portal.auth import session_services as sessions
from portal.auth import token_services as tokens
from portal.auth.services import send_activation
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.pages import Page, paginate
from portal.people import Team, User
from portal.roles import STAFF_ROLES, Role
from portal.searchperiod.models import Application
from portal.searchperiod.services import LETTER_TTL_SECONDS, last_application


def applicants(search: str, page: int, per_page: int) -> Page:
    """Applicants whose name or email address holds the search text (all, without one)."""
    query = select(User).where(User.role == Role.APPLICANT)
    words = " ".join(search.split())[:100].lower()
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                func.lower(User.name).like(pattern, escape="\\"),
                func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    return paginate(query.order_by(User.name, User.id), page, per_page)


def change_staff(
    actor: User, user: User, role: Role, team_id: int | None, now: datetime
) -> list[str]:
    """A staff member's new role and team; returns what changed. The user's next request
    sees them; a changed role ends every session (the old role's rights end at once)."""
    ensure(actor, Permission.MANAGE_PEOPLE)
    if user.id == actor.id:
        raise DomainError(_("You cannot change your own role or team."), field="role")
    if role not in STAFF_ROLES or user.role not in STAFF_ROLES:
        raise DomainError(_("Choose a staff role."), field="role")
    if team_id is not None and db.session.get(Team, team_id) is None:
        raise DomainError(_("Choose a team from the list."), field="team")
    changed = []
    if user.team_id != team_id:
        audit.record(actor, "account.team", "user", user.id, detail=f"{user.team_id} -> {team_id}")
        user.team_id = team_id
        changed.append("team")
    if user.role != role:
        audit.record(
            actor, "account.role", "user", user.id, detail=f"{user.role.value} -> {role.value}"
        )
        security.event(
            "account.role_changed", actor=actor.id, detail=f"user={user.id} role={role.value}"
        )
        user.role = role
        user.session_version += 1
        db.session.flush()
        sessions.end_all(user.id, "role_changed", now)
        changed.append("role")
    db.session.flush()
    return changed


def set_applicant_active(actor: User, person: User, active: bool, now: datetime) -> None:
    """Deactivate (signed out everywhere, cannot sign in) or reactivate an applicant."""
    ensure(actor, Permission.MANAGE_PEOPLE)
    if person.role is not Role.APPLICANT:
        raise DomainError(_("This is not an applicant's account."))
    if person.merged_into_id is not None:
        raise DomainError(_("This registration was merged into another one and stays closed."))
    if person.active == active:
        return
    person.active = active
    person.session_version += 1
    db.session.flush()
    if not active:
        sessions.end_all(person.id, "deactivated", now)
    audit.record(actor, "account.activate" if active else "account.deactivate", "user", person.id)
    kind = "account.reactivated" if active else "account.deactivated"
    security.event(kind, actor=actor.id, detail=f"user={person.id}")


def resend_activation(actor: User, person: User, now: datetime, locale: str) -> None:
    """A new activation mail (the link of the earlier one stops working)."""
    ensure(actor, Permission.MANAGE_PEOPLE)
    if person.role is not Role.APPLICANT or not person.active:
        raise DomainError(_("This account cannot be activated."))
    if person.is_activated:
        raise DomainError(_("This account is already activated."))
    if person.email is None:
        raise DomainError(_("This person has no email address. Print a new letter instead."))
    send_activation(person, now, locale)
    audit.record(actor, "account.activation_again", "user", person.id)


def new_letter(actor: User, person: User, now: datetime) -> tuple[Application, str]:
    """A new letter code for a person without email (the earlier code stops working): to
    activate the account, or, once activated, to choose a new password (they cannot get a
    reset link by mail)."""
    ensure(actor, Permission.MANAGE_PEOPLE)
    application = last_application(person)
    if person.role is not Role.APPLICANT or not person.active or application is None:
        raise DomainError(_("This account cannot be activated with a letter."))
    if person.email is not None:
        if person.is_activated:
            raise DomainError(_("This account is already activated."))
        raise DomainError(_("This person has an email address. Send a new activation mail."))
    code = tokens.letter_code()
    tokens.issue(person, tokens.LETTER, LETTER_TTL_SECONDS, now, token=code)
    action = "account.letter_new_password" if person.is_activated else "application.letter_again"
    audit.record(actor, action, "application", application.id)
    return application, code
