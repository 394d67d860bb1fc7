"""Queries for account management (the changes live in portal.auth.services)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.people import Team, User
from portal.roles import STAFF_ROLES, Role


@dataclass
class Page:
    items: list
    page: int
    pages: int
    total: int


def staff_accounts(role: Role | None, page: int, per_page: int) -> Page:
    """Staff accounts, newest first, one page of them (never the applicants)."""
    query = select(User).where(User.role.in_(STAFF_ROLES))
    if role is not None:
        query = query.where(User.role == role)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    items = db.session.scalars(
        query.order_by(User.name, User.id).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(items=list(items), page=page, pages=pages, total=total)


def staff_account(user_id: int) -> User | None:
    """One staff account; applicants are outside the scope of this page (None → 404)."""
    return db.session.scalar(select(User).where(User.id == user_id, User.role.in_(STAFF_ROLES)))


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
