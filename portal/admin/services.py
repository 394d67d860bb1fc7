"""Queries for account management (the changes live in portal.auth.services)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.pages import Page, paginate
from portal.people import Team, User
from portal.roles import STAFF_ROLES, Role


def staff_accounts(role: Role | None, page: int, per_page: int) -> Page:
    """Staff accounts, newest first, one page of them (never the applicants)."""
    query = select(User).where(User.role.in_(STAFF_ROLES))
    if role is not None:
        query = query.where(User.role == role)
    return paginate(query.order_by(User.name, User.id), page, per_page)


def teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def add_team(actor, name: str) -> Team:
    """A new team; DomainError when the name is taken."""
    ensure(actor, Permission.MANAGE_ACCOUNTS)
    name = " ".join(name.split())
    if db.session.scalar(
        select(func.count()).select_from(Team).where(func.lower(Team.name) == name.lower())
    ):
        raise DomainError(_("There is already a team with this name."), field="name")
    team = Team(name=name)
    db.session.add(team)
    db.session.flush()
    return team
