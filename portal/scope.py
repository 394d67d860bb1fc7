"""Need to know, in one place: which applicants a staff member may see. Everyone else is a 404.

Two rules exist, each written once, by the feature that owns the facts it needs:
- a consultant sees applicants of their own team and applicants not (yet) in any team
  (portal.searchperiod: the team is that of the person's applications);
- an e-coach sees their current caseload, and a colleague's while standing in
  (portal.coaching).
The app wires them in at start-up (`register`), so this module, below every feature, never
imports one. Every staff query about people filters with `visible()` or `team_clause()`.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort
from sqlalchemy import ColumnElement, SQLColumnExpression, false, or_, select

from portal.db import db
from portal.people import User
from portal.roles import Role

Rule = Callable[[User, SQLColumnExpression[int]], ColumnElement[bool]]
_RULES: dict[Role, Rule] = {}


def register(role: Role, rule: Rule) -> None:
    """The rule that says which applicants (by id column) people of this role may see."""
    _RULES[role] = rule


def team_clause(
    user: User, team_id: SQLColumnExpression[int | None], include_without_team: bool = True
) -> ColumnElement[bool]:
    """Rows of the user's own team and, unless told otherwise, rows not in any team yet."""
    options = [team_id == user.team_id] if user.team_id is not None else []
    if include_without_team:
        options.append(team_id.is_(None))
    return or_(*options) if options else false()


def visible(user: User, applicant_id: SQLColumnExpression[int]) -> ColumnElement[bool]:
    """A filter on an applicant-id column: the applicants this staff member may see."""
    rule = _RULES.get(user.role)
    return rule(user, applicant_id) if rule is not None else false()


def person_for(user: User, person_id: int) -> User | None:
    """The applicant when `user` may see their file, otherwise None."""
    return db.session.scalar(
        select(User).where(
            User.id == person_id, User.role == Role.APPLICANT, visible(user, User.id)
        )
    )


def person_or_404(user: User, person_id: int) -> User:
    """The applicant in `user`'s scope, or the request ends with 404."""
    person = person_for(user, person_id)
    if person is None:
        abort(404)
    return person


def people_for(user: User, person_ids: list[int]) -> list[User]:
    """Those of these applicants `user` may see, by name (one query)."""
    if not person_ids:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(User.id.in_(person_ids), User.role == Role.APPLICANT, visible(user, User.id))
            .order_by(User.name, User.id)
        )
    )
