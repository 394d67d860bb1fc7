"""The plan in the take-along file (the Werkmap's JSON document, version 2: its `plan` part),
and the plan brought into a new account from such a file. The Werkmap asks for it through
`events.take_along_parts` and hands it over through `events.take_along_import`."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.plan import agreement_services as agreement
from portal.plan import services
from portal.plan.models import STATUSES, Action, Goal


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def export(owner_id: int) -> dict | None:
    plan = services.plan_of(owner_id)
    if plan is None:
        return None
    changes = services.history(plan, limit=10_000)
    names = dict(
        db.session.execute(
            select(User.id, User.name).where(
                User.id.in_({c.actor_id for c in changes} | {plan.agreed_by_id or 0})
            )
        ).all()
    )
    return {
        "state": agreement.state(plan),
        "version": plan.version,
        "agreed_version": plan.agreed_version,
        "agreed_by": names.get(plan.agreed_by_id or 0),
        "agreed_at": _moment(plan.agreed_at),
        "confirmed_at": _moment(plan.confirmed_at),
        "goals": [
            {
                "title": goal.title,
                "target_on": _day(goal.target_on),
                "occupation": goal.occupation,
                "created_at": _moment(goal.created_at),
                "actions": [
                    {
                        "what": action.what,
                        "due_on": _day(action.due_on),
                        "helper": action.helper,
                        "service": action.service.name if action.service else None,
                        "status": action.status,
                        "note": action.note,
                    }
                    for action in goal.actions
                ],
            }
            for goal in plan.goals
        ],
        "comments": [
            {"at": _moment(c.at), "by": names.get(c.author_id, ""), "text": c.text}
            for c in agreement.comments(plan)
        ],
        "history": [
            {
                "at": _moment(c.at),
                "by": names.get(c.actor_id, ""),
                "kind": c.kind,
                "subject": c.subject,
                "version": c.version,
            }
            for c in reversed(changes)
        ],
    }


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise DomainError(
            _("This file has a date that does not exist: %(value)s.", value=value), field="file"
        ) from None


def import_into(owner: User, data: dict | None, now: datetime) -> None:
    """The goals and steps of the file's plan into the owner's new plan. Comments, history
    and the agreement stay behind: they were made with another coach, in another account."""
    if not data or not data.get("goals"):
        return
    existing = services.plan_of(owner.id)
    if existing is not None and existing.goals:
        raise DomainError(
            _("Your plan is not empty. You can only bring a plan into a new account."),
            field="file",
        )
    plan = services.plan_for(owner.id, now)
    catalogue = dict(db.session.execute(select(Service.name, Service.id)).all())
    for item in data["goals"][: services.MAX_GOALS]:
        goal = Goal(
            plan_id=plan.id,
            title=item["title"][:200],
            target_on=_date(item.get("target_on")),
            occupation=(item.get("occupation") or "")[:200],
            created_at=now,
            created_by_id=owner.id,
        )
        goal.actions = [
            Action(
                what=a["what"][:300],
                due_on=_date(a.get("due_on")),
                helper=(a.get("helper") or "")[:200],
                service_id=catalogue.get(a.get("service") or ""),
                status=a.get("status") if a.get("status") in STATUSES else "not_started",
                note=(a.get("note") or "")[:2000],
                created_at=now,
                updated_at=now,
                created_by_id=owner.id,
            )
            for a in item.get("actions", [])[: services.MAX_ACTIONS]
        ]
        plan.goals.append(goal)
    plan.started_at = plan.started_at or now
    db.session.flush()
    services.record(plan, owner, "imported", str(len(plan.goals)), now)
