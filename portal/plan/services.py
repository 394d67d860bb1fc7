"""The applicant's own plan: goals and actions, made and changed by the person (or a STIP
volunteer with them). Every change raises the plan's version and is written to its history."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal import acting, audit
from portal.authz import Permission, ensure_for
from portal.catalogue.models import Service
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.plan.models import OPEN, OUTDATED, STATUSES, Action, Change, Goal, Plan, Proposal

MAX_GOALS = 30
MAX_ACTIONS = 30  # per goal


@dataclass(frozen=True)
class ActionData:
    what: str
    due_on: date | None
    helper: str
    service_id: int | None
    status: str = "not_started"
    note: str = ""


def plan_of(person_id: int) -> Plan | None:
    """The person's plan with its goals, steps and their services (four statements)."""
    return db.session.scalar(
        select(Plan)
        .where(Plan.person_id == person_id)
        .options(selectinload(Plan.goals).selectinload(Goal.actions).selectinload(Action.service))
    )


def plan_for(person_id: int, now: datetime) -> Plan:
    plan = plan_of(person_id)
    if plan is None:
        plan = Plan(person_id=person_id, created_at=now)
        db.session.add(plan)
        db.session.flush()
    return plan


def goal_of(person_id: int, goal_id: int | None) -> Goal | None:
    """The goal when it belongs to this person's plan, else None (a 404 for views)."""
    return db.session.scalar(
        select(Goal).join(Plan).where(Goal.id == goal_id, Plan.person_id == person_id)
    )


def action_of(person_id: int, action_id: int | None) -> Action | None:
    return db.session.scalar(
        select(Action)
        .join(Goal)
        .join(Plan)
        .where(Action.id == action_id, Plan.person_id == person_id)
    )


def record(
    plan: Plan,
    actor: User,
    kind: str,
    subject: str,
    now: datetime,
    detail: dict | None = None,
    proposal: Proposal | None = None,
    changes_plan: bool = True,
) -> Change:
    """A line in the history; a change of the plan itself raises its version."""
    if changes_plan:
        plan.version += 1
    change = Change(
        plan_id=plan.id,
        actor_id=actor.id,
        at=now,
        version=plan.version,
        kind=kind,
        subject=subject[:300],
        detail=detail or {},
        assisted_session_id=acting.session_id(),
        proposal_id=proposal.id if proposal is not None else None,
    )
    db.session.add(change)
    db.session.flush()
    audit.record(actor, f"plan.{kind}", "user", plan.person_id)
    return change


def _text(value: str, field: str, limit: int, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise DomainError(_("Fill this in."), field=field)
    if len(value) > limit:
        raise DomainError(_("Use at most %(num)d characters.", num=limit), field=field)
    return value


def _service(service_id: int | None, kept: int | None = None) -> int | None:
    """A service of the catalogue that is offered; a step keeps one that no longer is."""
    if service_id is None:
        return None
    service = db.session.get(Service, service_id)
    if service is None or (not service.active and service.id != kept):
        raise DomainError(_("Choose a service from the list."), field="service")
    return service.id


def _check(data: ActionData, kept: int | None = None) -> ActionData:
    if data.status not in STATUSES:
        raise DomainError(_("Choose how far you are."), field="status")
    return ActionData(
        what=_text(data.what, "what", 300),
        due_on=data.due_on,
        helper=_text(data.helper, "helper", 200, required=False),
        service_id=_service(data.service_id, kept),
        status=data.status,
        note=(data.note or "").strip()[:2000],
    )


def _plain(value) -> str | int | None:
    return value.isoformat() if isinstance(value, date) else value


def _differences(before: dict, after: dict) -> dict:
    return {
        name: [_plain(before.get(name)), _plain(after[name])]
        for name in after
        if before.get(name) != after[name]
    }


def add_goal(
    actor: User,
    person_id: int,
    title: str,
    target_on: date | None,
    now: datetime,
    occupation: str = "",
    proposal: Proposal | None = None,
) -> Goal:
    ensure_for(actor, person_id, Permission.OWN_PLAN, now)
    plan = plan_for(person_id, now)
    title = _text(title, "title", 200)
    count = db.session.scalar(select(func.count(Goal.id)).where(Goal.plan_id == plan.id)) or 0
    if count >= MAX_GOALS:
        raise DomainError(
            _("Your plan has %(num)d goals. Remove one first.", num=MAX_GOALS), field="title"
        )
    goal = Goal(
        plan_id=plan.id,
        title=title,
        target_on=target_on,
        occupation=occupation,
        created_at=now,
        created_by_id=actor.id,
    )
    db.session.add(goal)
    plan.started_at = plan.started_at or now
    db.session.flush()
    detail = {"target_on": [None, _plain(target_on)]} if target_on else {}
    record(plan, actor, "goal_added", title, now, detail, proposal)
    return goal


def goal_for_occupation(actor: User, person_id: int, occupation: str, now: datetime) -> Goal:
    """'Make this a goal in my plan' from the scan's result: a goal named after the
    occupation; the same occupation sent twice makes one goal."""
    name = _text(occupation, "occupation", 200)
    plan = plan_of(person_id)
    if plan is not None:
        found = next((g for g in plan.goals if g.occupation.casefold() == name.casefold()), None)
        if found is not None:
            ensure_for(actor, person_id, Permission.OWN_PLAN, now)
            return found
    title = _("Work as %(occupation)s", occupation=name)
    return add_goal(actor, person_id, title[:200], None, now, occupation=name)


def change_goal(
    actor: User,
    goal: Goal,
    title: str,
    target_on: date | None,
    now: datetime,
    proposal: Proposal | None = None,
) -> None:
    plan = goal.plan
    ensure_for(actor, plan.person_id, Permission.OWN_PLAN, now)
    before = {"title": goal.title, "target_on": goal.target_on}
    goal.title, goal.target_on = _text(title, "title", 200), target_on
    detail = _differences(before, {"title": goal.title, "target_on": goal.target_on})
    if detail:
        record(plan, actor, "goal_changed", goal.title, now, detail, proposal)


def remove_goal(actor: User, goal: Goal, now: datetime) -> None:
    plan = goal.plan
    ensure_for(actor, plan.person_id, Permission.OWN_PLAN, now)
    _outdate(plan, goal_id=goal.id, action_ids=[a.id for a in goal.actions])
    title = goal.title
    plan.goals.remove(goal)
    db.session.flush()
    record(plan, actor, "goal_removed", title, now)


def _action_values(action: Action) -> dict:
    return {f.name: getattr(action, f.name) for f in fields(ActionData)}


def add_action(
    actor: User, goal: Goal, data: ActionData, now: datetime, proposal: Proposal | None = None
) -> Action:
    plan = goal.plan
    ensure_for(actor, plan.person_id, Permission.OWN_PLAN, now)
    data = _check(data)
    if len(goal.actions) >= MAX_ACTIONS:
        raise DomainError(
            _("This goal has %(num)d steps. Remove one first.", num=MAX_ACTIONS), field="what"
        )
    action = Action(
        goal_id=goal.id,
        created_at=now,
        updated_at=now,
        created_by_id=actor.id,
        **{f.name: getattr(data, f.name) for f in fields(ActionData)},
    )
    goal.actions.append(action)
    db.session.flush()
    detail = _differences({}, {k: v for k, v in _action_values(action).items() if v})
    record(plan, actor, "action_added", action.what, now, detail, proposal)
    return action


def change_action(
    actor: User, action: Action, data: ActionData, now: datetime, proposal: Proposal | None = None
) -> None:
    plan = action.goal.plan
    ensure_for(actor, plan.person_id, Permission.OWN_PLAN, now)
    data = _check(data, kept=action.service_id)
    before = _action_values(action)
    for f in fields(ActionData):
        setattr(action, f.name, getattr(data, f.name))
    detail = _differences(before, _action_values(action))
    if detail:
        action.updated_at = now
        kind = "progress" if set(detail) <= {"status", "note"} else "action_changed"
        record(plan, actor, kind, action.what, now, detail, proposal)


def remove_action(actor: User, action: Action, now: datetime) -> None:
    goal = action.goal
    plan = goal.plan
    ensure_for(actor, plan.person_id, Permission.OWN_PLAN, now)
    _outdate(plan, action_ids=[action.id])
    what = action.what
    goal.actions.remove(action)
    db.session.flush()
    record(plan, actor, "action_removed", what, now)


def _outdate(plan: Plan, goal_id: int | None = None, action_ids: list[int] | None = None) -> None:
    """Open proposals about what is removed can no longer be accepted."""
    for proposal in db.session.scalars(
        select(Proposal).where(Proposal.plan_id == plan.id, Proposal.status == OPEN)
    ):
        if (goal_id is not None and proposal.goal_id == goal_id) or (
            proposal.action_id in (action_ids or [])
        ):
            proposal.status = OUTDATED


def history(plan: Plan, limit: int = 200) -> list[Change]:
    return list(
        db.session.scalars(
            select(Change)
            .where(Change.plan_id == plan.id)
            .order_by(Change.at.desc(), Change.id.desc())
            .limit(limit)
        )
    )
