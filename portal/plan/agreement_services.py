"""Agreeing the plan with the coach: comments, proposals that count only once the person
accepts them, and the agreement (the coach marks a version agreed, the person confirms it)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal import limits
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.plan import services
from portal.plan.models import (
    ACCEPTED,
    DECLINED,
    OPEN,
    PROPOSAL_KINDS,
    Comment,
    Plan,
    Proposal,
)
from portal.plan.services import ActionData

NONE, DRAFT, WAITING, AGREED, CHANGED = "none", "draft", "waiting", "agreed", "changed"
MAX_OPEN = 20  # open proposals per plan


def state(plan: Plan | None) -> str:
    """none (no goals yet), draft, waiting (the coach agreed this version; the person's
    confirmation is missing), agreed, or changed (since it was agreed)."""
    if plan is None or plan.started_at is None:
        return NONE
    if plan.confirmed_version is not None and plan.confirmed_version == plan.agreed_version:
        return AGREED if plan.version == plan.confirmed_version else CHANGED
    if plan.agreed_version == plan.version:
        return WAITING
    return CHANGED if plan.confirmed_version is not None else DRAFT


def _own(actor: User, plan: Plan) -> None:
    """Only the person decides on their plan (not a volunteer or a representative)."""
    ensure(actor, Permission.OWN_PLAN)
    if actor.id != plan.person_id:
        raise PermissionError("not one's own plan")


def comment(actor: User, person_id: int, text: str, now: datetime) -> Comment:
    if actor.id == person_id:
        ensure(actor, Permission.OWN_PLAN)
    else:
        ensure(actor, Permission.COACH_PLANS)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write your comment."), field="text")
    if len(text) > 2000:
        raise DomainError(_("Use at most %(num)d characters.", num=2000), field="text")
    limits.writing("plan-comment", actor.id, now, field="text")
    plan = services.plan_for(person_id, now)
    note = Comment(plan_id=plan.id, author_id=actor.id, at=now, text=text)
    db.session.add(note)
    db.session.flush()
    services.record(plan, actor, "comment", text[:80], now, changes_plan=False)
    return note


def comments(plan: Plan) -> list[Comment]:
    return list(
        db.session.scalars(
            select(Comment).where(Comment.plan_id == plan.id).order_by(Comment.at, Comment.id)
        )
    )


def _data(
    kind: str, title: str, target_on: date | None, action: ActionData | None, kept: int | None
) -> dict:
    if kind == "add_goal":
        if not (title or "").strip():
            raise DomainError(_("Fill this in."), field="title")
        return {"title": title.strip()[:200], "target_on": services._plain(target_on)}
    assert action is not None  # noqa: S101 -- the views pass an action for these kinds
    checked = services._check(action, kept)
    return {k: services._plain(v) for k, v in asdict(checked).items()}


def propose(
    staff: User,
    person_id: int,
    kind: str,
    now: datetime,
    comment_text: str = "",
    title: str = "",
    target_on: date | None = None,
    action: ActionData | None = None,
    goal_id: int | None = None,
    action_id: int | None = None,
    kept_service: int | None = None,
) -> Proposal:
    """The coach proposes; the person decides. The coach never changes the plan itself."""
    ensure(staff, Permission.COACH_PLANS)
    if kind not in PROPOSAL_KINDS:
        raise ValueError(kind)
    plan = services.plan_for(person_id, now)
    waiting = db.session.scalars(
        select(Proposal.id).where(Proposal.plan_id == plan.id, Proposal.status == OPEN)
    ).all()
    if len(waiting) >= MAX_OPEN:
        raise DomainError(
            _("%(num)d proposals are waiting for an answer. Wait for those first.", num=MAX_OPEN),
            field="comment",
        )
    proposal = Proposal(
        plan_id=plan.id,
        by_id=staff.id,
        at=now,
        kind=kind,
        goal_id=goal_id,
        action_id=action_id,
        data=_data(kind, title, target_on, action, kept_service),
        comment=(comment_text or "").strip()[:2000],
    )
    db.session.add(proposal)
    db.session.flush()
    subject = proposal.data.get("title") or proposal.data.get("what") or ""
    services.record(plan, staff, "proposed", subject, now, changes_plan=False, proposal=proposal)
    return proposal


def open_proposals(plan: Plan) -> list[Proposal]:
    return list(
        db.session.scalars(
            select(Proposal)
            .where(Proposal.plan_id == plan.id, Proposal.status == OPEN)
            .order_by(Proposal.at, Proposal.id)
        )
    )


def proposal_of(person_id: int, proposal_id: int | None) -> Proposal | None:
    return db.session.scalar(
        select(Proposal).join(Plan).where(Proposal.id == proposal_id, Plan.person_id == person_id)
    )


def _gone() -> DomainError:
    return DomainError(
        _("This proposal is about something that is no longer in your plan."), field="proposal"
    )


def accept(actor: User, proposal: Proposal, now: datetime) -> None:
    """The person takes the proposal over: it changes their plan, in their name."""
    plan = db.session.get(Plan, proposal.plan_id)
    assert plan is not None  # noqa: S101 -- a foreign key
    _own(actor, plan)
    if proposal.status != OPEN:
        raise DomainError(_("This proposal was already answered."), field="proposal")
    data = proposal.data
    day = date.fromisoformat(data["due_on"]) if data.get("due_on") else None
    if proposal.kind == "add_goal":
        target = date.fromisoformat(data["target_on"]) if data.get("target_on") else None
        services.add_goal(actor, plan.person_id, data["title"], target, now, proposal=proposal)
    else:
        values = ActionData(**{**data, "due_on": day})
        if proposal.kind == "add_action":
            goal = services.goal_of(plan.person_id, proposal.goal_id)
            if goal is None:
                raise _gone()
            services.add_action(actor, goal, values, now, proposal=proposal)
        else:
            found = services.action_of(plan.person_id, proposal.action_id)
            if found is None:
                raise _gone()
            # The person's own progress stays: the coach proposes what, when, who and which.
            values = replace(values, status=found.status, note=found.note)
            services.change_action(actor, found, values, now, proposal=proposal)
    proposal.status, proposal.decided_at, proposal.decided_by_id = ACCEPTED, now, actor.id
    db.session.flush()


def decline(actor: User, proposal: Proposal, now: datetime) -> None:
    plan = db.session.get(Plan, proposal.plan_id)
    assert plan is not None  # noqa: S101 -- a foreign key
    _own(actor, plan)
    if proposal.status != OPEN:
        raise DomainError(_("This proposal was already answered."), field="proposal")
    proposal.status, proposal.decided_at, proposal.decided_by_id = DECLINED, now, actor.id
    subject = proposal.data.get("title") or proposal.data.get("what") or ""
    services.record(plan, actor, "declined", subject, now, changes_plan=False, proposal=proposal)


def _moved_on() -> DomainError:
    return DomainError(
        _("The plan changed while you were looking at it. Look at it again first."),
        field="version",
    )


def mark_agreed(staff: User, plan: Plan, version: int | None, now: datetime) -> None:
    """The coach: "this version is what we agreed". It counts once the person confirms."""
    ensure(staff, Permission.COACH_PLANS)
    if plan.started_at is None or not plan.goals:
        raise DomainError(_("The plan has no goals yet."), field="version")
    if version != plan.version:
        raise _moved_on()
    plan.agreed_version, plan.agreed_by_id, plan.agreed_at = plan.version, staff.id, now
    plan.confirmed_version = plan.confirmed_at = None
    services.record(plan, staff, "agreed", "", now, changes_plan=False)


def confirm(actor: User, plan: Plan, version: int | None, now: datetime) -> None:
    """The person confirms the version the coach marked agreed."""
    _own(actor, plan)
    if plan.agreed_version is None or state(plan) != WAITING:
        raise DomainError(_("There is nothing to confirm."), field="version")
    if version != plan.version:
        raise _moved_on()
    plan.confirmed_version, plan.confirmed_at = plan.version, now
    services.record(plan, actor, "confirmed", "", now, changes_plan=False)
