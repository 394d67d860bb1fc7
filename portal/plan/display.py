"""The plan in words: its history lines, the PDF (the Werkmap's fpdf2 document, so the same
fonts and scripts), and the short summary on the coach's file page."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.db import db
from portal.people import User
from portal.plan import agreement_services as agreement
from portal.plan import services
from portal.plan.forms import CHANGE_LABELS, FIELD_LABELS, STATE_LABELS, STATUS_LABELS
from portal.plan.models import Action, Change, Comment, Goal, Plan, Proposal
from portal.werkmap.pdf_display import _Document

ACCENT = (0, 72, 122)


def _value(name: str, value, services_by_id: dict[int, str]) -> str:
    if value in (None, ""):
        return "–"
    if name in ("target_on", "due_on"):
        return format_date(date.fromisoformat(value), "medium")
    if name == "status":
        return str(STATUS_LABELS.get(value, value))
    if name == "service_id":
        return services_by_id.get(value, "–")
    return str(value)


def _names(ids: set[int]) -> dict[int, str]:
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def comment_lines(comments: list[Comment]) -> list[dict]:
    """Each comment as a person reads it: when, who wrote it, what."""
    names = _names({c.author_id for c in comments})
    return [{"at": c.at, "who": names.get(c.author_id, ""), "text": c.text} for c in comments]


def history_lines(changes: list[Change]) -> list[dict]:
    """Each change as what a person reads: when, who, what, and each field before → after."""
    names = _names({c.actor_id for c in changes})
    catalogue = dict(db.session.execute(select(Service.id, Service.name)).all())
    return [
        {
            "at": change.at,
            "who": names.get(change.actor_id, ""),
            "what": str(CHANGE_LABELS.get(change.kind, change.kind)),
            "subject": change.subject,
            "version": change.version,
            "helped": change.assisted_session_id is not None,
            "accepted": change.proposal_id is not None
            and change.kind not in ("proposed", "declined"),
            "fields": [
                (
                    str(FIELD_LABELS.get(name, name)),
                    _value(name, before, catalogue),
                    _value(name, after, catalogue),
                )
                for name, (before, after) in change.detail.items()
            ],
        }
        for change in changes
    ]


def proposals_shown(proposals: list[Proposal]) -> list[dict]:
    """Open proposals as the person reads them: the goal they belong to, fields in words."""
    names = dict(
        db.session.execute(
            select(User.id, User.name).where(User.id.in_({p.by_id for p in proposals}))
        ).all()
    )
    catalogue = dict(db.session.execute(select(Service.id, Service.name)).all())
    goals = dict(
        db.session.execute(
            select(Goal.id, Goal.title).where(Goal.id.in_({p.goal_id for p in proposals}))
        ).all()
    )
    actions = dict(
        db.session.execute(
            select(Action.id, Action.what).where(Action.id.in_({p.action_id for p in proposals}))
        ).all()
    )
    shown = []
    for proposal in proposals:
        data = proposal.data
        kept = ("target_on",) if proposal.kind == "add_goal" else ("due_on", "helper", "service_id")
        shown.append(
            {
                "id": proposal.id,
                "kind": proposal.kind,
                "title": data.get("title") or data.get("what") or "",
                "goal": goals.get(proposal.goal_id or 0, ""),
                "action": actions.get(proposal.action_id or 0, ""),
                "fields": [
                    (str(FIELD_LABELS[name]), _value(name, data.get(name), catalogue))
                    for name in kept
                    if data.get(name)
                ],
                "comment": proposal.comment,
                "by": names.get(proposal.by_id, ""),
                "at": proposal.at,
            }
        )
    return shown


def summary(person_id: int) -> dict:
    """For the coach's file page: the plan's state, goals and open proposals."""
    plan = services.plan_of(person_id)
    return {
        "state": agreement.state(plan),
        "label": STATE_LABELS[agreement.state(plan)],
        "goals": len(plan.goals) if plan else 0,
        "open": len(agreement.open_proposals(plan)) if plan else 0,
    }


def plan_pdf(person: User, plan: Plan | None) -> bytes:
    """The plan as a PDF in the person's language: goals, their actions and progress."""
    title = _("Plan of %(name)s", name=person.name)
    pdf = _Document(title)
    pdf.text_block(title, size=18, bold=True, color=ACCENT)
    pdf.text_block(str(STATE_LABELS[agreement.state(plan)]), bold=True)
    if plan is not None and plan.confirmed_at is not None:
        pdf.text_block(_("Agreed on %(day)s.", day=format_datetime(plan.confirmed_at, "d MMMM y")))
    for goal in plan.goals if plan is not None else []:
        pdf.heading(goal.title)
        if goal.target_on:
            pdf.text_block(_("Reach it by %(day)s", day=format_date(goal.target_on, "long")))
        for action in goal.actions:
            lines = [
                _("Who helps: %(who)s", who=action.helper) if action.helper else "",
                _("Help from the municipality: %(service)s", service=action.service.name)
                if action.service
                else "",
                str(STATUS_LABELS.get(action.status, action.status)),
                action.note,
            ]
            when = format_date(action.due_on, "medium") if action.due_on else "–"
            pdf.dated(when, action.what, lines)
        if not goal.actions:
            pdf.text_block(_("No steps yet."))
    if plan is None or not plan.goals:
        pdf.text_block(_("You have no goals yet."))
    return bytes(pdf.output())
