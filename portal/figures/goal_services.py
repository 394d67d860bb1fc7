"""The team lead's goals: added and removed with a record in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal import audit
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.figures import rules
from portal.figures.models import Goal
from portal.people import Team


@dataclass(frozen=True)
class NewGoal:
    name: str
    measure: str
    comparison: str
    target: int
    due_on: date
    team_id: int | None


def goals() -> list[Goal]:
    return list(db.session.scalars(select(Goal).order_by(Goal.due_on, Goal.id)))


def add(actor, data: NewGoal, now: datetime) -> Goal:
    ensure(actor, Permission.MANAGE_GOALS)
    name = " ".join(data.name.split())
    if not name:
        raise DomainError(_("Give the goal a name."), field="name")
    if data.measure not in rules.MEASURES:
        raise DomainError(_("Choose who is counted."), field="measure")
    if data.comparison not in (rules.AT_MOST, rules.AT_LEAST):
        raise DomainError(_("Choose no more than or at least."), field="comparison")
    if not 0 <= data.target <= 1_000_000:
        raise DomainError(_("Enter a number from 0 to 1,000,000."), field="target")
    if not 2000 <= data.due_on.year <= 2100:
        raise DomainError(_("Enter a date between 2000 and 2100."), field="due_on")
    if data.team_id is not None and db.session.get(Team, data.team_id) is None:
        raise DomainError(_("Choose one of the teams."), field="team")
    goal = Goal(
        name=name[:120],
        measure=data.measure,
        comparison=data.comparison,
        target=data.target,
        due_on=data.due_on,
        team_id=data.team_id,
        created_by_id=actor.id,
        created_at=now,
    )
    db.session.add(goal)
    db.session.flush()
    audit.record(actor, "goal.add", "figures_goal", goal.id, detail=data.measure)
    return goal


def remove(actor, goal: Goal) -> None:
    ensure(actor, Permission.MANAGE_GOALS)
    audit.record(actor, "goal.remove", "figures_goal", goal.id, detail=goal.measure)
    db.session.delete(goal)
    db.session.flush()
