"""The consultant's side of the search period: worklist, invitation, assessment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import bindparam, exists, func, select

from portal import audit, clock, events, policy, scope
from portal.auth import token_services as tokens
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.pages import Page, paginate
from portal.searchperiod import rules, services
from portal.searchperiod.models import (
    END_REASONS,
    MODES,
    OPEN,
    Application,
    Assessment,
    ConversationInvite,
)
from portal.urls import external_url
from portal.werkmap.models import APPLYING, LogEntry

CONVERSATION_MINUTES = 45


def worklist(
    consultant, on: date, days: int, include_unassigned: bool, page: int, per_page: int
) -> Page:
    """Open applications of the consultant's team whose period ends within `days`, or has
    ended, without an assessment yet; soonest deadline first."""
    ensure(consultant, Permission.ASSESS_SEARCH_PERIODS)
    query = select(Application).where(
        Application.status == OPEN,
        scope.team_clause(consultant, Application.team_id, include_unassigned),
        Application.period_last_day <= on + timedelta(days=days),
        ~exists().where(Assessment.application_id == Application.id),
    )
    return paginate(query.order_by(Application.period_last_day, Application.id), page, per_page)


def statuses(application: Application, on: date, applications: int | None = None) -> dict[str, str]:
    """Checklist item → to do / done / late for one application (the applicant's page too);
    `applications`: the period's job applications when the caller counted them already."""
    norm = policy.number("PORTAL_APPLICATION_NORM")
    facts = (
        services.facts(application, norm)
        if applications is None
        else services.facts_from(application, norm, applications)
    )
    return rules.checklist(facts, application.period, on)


def statuses_for(applications: Sequence[Application], on: date) -> dict[int, dict[str, str]]:
    """Checklist statuses of a page of applications in one grouped query, however many."""
    ids = [a.id for a in applications]
    counts = (
        dict(
            db.session.execute(
                select(Application.id, func.count(LogEntry.id))
                .outerjoin(
                    LogEntry,
                    (LogEntry.owner_id == Application.applicant_id)
                    & LogEntry.kind.in_(APPLYING)
                    & (LogEntry.day >= Application.period_start)
                    & (LogEntry.day <= Application.period_last_day),
                )
                .where(Application.id.in_(ids))
                .group_by(Application.id)
            ).all()
        )
        if ids
        else {}
    )
    norm = policy.number("PORTAL_APPLICATION_NORM")
    result = {}
    for application in applications:
        result[application.id] = rules.checklist(
            services.facts_from(application, norm, counts.get(application.id, 0)),
            application.period,
            on,
        )
    return result


_INVITES = (
    select(ConversationInvite)
    .where(ConversationInvite.application_id == bindparam("application_id"))
    .order_by(ConversationInvite.starts_at)
)


def invites(application: Application) -> list[ConversationInvite]:
    return list(db.session.scalars(_INVITES, {"application_id": application.id}))


def assessments(application: Application) -> list[Assessment]:
    """Oldest first; the last one counts, earlier ones are kept as they were."""
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.application_id == application.id)
            .order_by(Assessment.id)
        )
    )


def calendar_file(invite: ConversationInvite, summary: str, now: datetime) -> str:
    host = urlsplit(current_app.config["PORTAL_BASE_URL"]).hostname or "portal"
    calendar = Calendar()
    calendar.add("prodid", "-//Werk en Inkomen portal//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"conversation-{invite.id}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", invite.starts_at)
    event.add("dtend", invite.starts_at + timedelta(minutes=CONVERSATION_MINUTES))
    event.add("summary", summary)
    event.add("location", invite.place)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def invite(
    actor, application: Application, starts_at: datetime, mode: str, place: str, now: datetime
) -> ConversationInvite:
    """Invite to the first conversation: stored, shown in the portal, mailed with an .ics."""
    ensure(actor, Permission.ASSESS_SEARCH_PERIODS)
    if mode not in MODES:
        raise DomainError(_("Choose how the conversation takes place."), field="mode")
    if starts_at <= now:
        raise DomainError(_("Choose a moment in the future."), field="day")
    item = ConversationInvite(
        application_id=application.id,
        starts_at=starts_at,
        mode=mode,
        place=place.strip(),
        invited_by_id=actor.id,
        created_at=now,
    )
    db.session.add(item)
    db.session.flush()
    applicant = application.applicant
    if applicant.email:
        locale = applicant.locale or "nl"
        with force_locale(locale):
            ics = calendar_file(item, _("First conversation about your application"), now)
        queue_mail(
            applicant.email,
            "conversation_invite",
            locale,
            attachment=("gesprek.ics", "text/calendar", ics),
            invite=item,
            user=applicant,
            link=external_url("searchperiod_checklist.index"),
        )
    audit.record(actor, "application.invite", "application", application.id)
    events.conversation_invited.send(None, application=application, invite=item)
    return item


def assess(
    actor, application: Application, items: dict[str, dict], conclusion: str, now: datetime
) -> Assessment:
    """Record met / not met per obligation with a note, and a conclusion. Never edited: a
    correction is a new assessment that points to the previous one."""
    ensure(actor, Permission.ASSESS_SEARCH_PERIODS)
    keys = list(statuses(application, clock.today(now)))
    missing = [key for key in keys if items.get(key, {}).get("met") is None]
    if missing:
        raise DomainError(
            _("Say for every obligation whether it was met."), field=f"{missing[0]}_met"
        )
    if not conclusion.strip():
        raise DomainError(_("Write a conclusion."), field="conclusion")
    previous = assessments(application)
    record = Assessment(
        application_id=application.id,
        items={
            k: {"met": bool(items[k]["met"]), "note": (items[k].get("note") or "").strip()}
            for k in keys
        },
        conclusion=conclusion.strip(),
        assessed_by_id=actor.id,
        assessed_at=now,
        corrects_id=previous[-1].id if previous else None,
    )
    db.session.add(record)
    db.session.flush()
    audit.record(
        actor,
        "application.correct" if previous else "application.assess",
        "application",
        application.id,
    )
    events.search_period_assessed.send(None, application=application, assessment=record)
    return record


def help_letter(actor, application: Application, now: datetime) -> str:
    """A code on paper for a STIP volunteer, for a person who cannot sign in (60 days)."""
    ensure(actor, Permission.ASSESS_SEARCH_PERIODS)
    code = tokens.help_code(application.applicant, now, tokens.HELP_LETTER)
    audit.record(actor, "stip.help_letter", "user", application.applicant_id)
    return code


def outflow() -> dict:
    """Applications registered, and how many ended early per reason (outflow at the gate)."""
    total = db.session.scalar(select(func.count()).select_from(Application)) or 0
    rows = dict(
        db.session.execute(
            select(Application.end_reason, func.count())
            .where(Application.end_reason.is_not(None))
            .group_by(Application.end_reason)
        ).all()
    )
    return {"total": total, "reasons": {reason: rows.get(reason, 0) for reason in END_REASONS}}
