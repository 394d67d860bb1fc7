"""Reminder mails about what is still open in the search period (run by `portal run-scheduled`)."""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from portal import clock
from portal.db import db, unit_of_work
from portal.mail import queue_mail
from portal.searchperiod import rules, services
from portal.searchperiod.models import OPEN, Application, ReminderSent
from portal.urls import external_url


def _settings() -> tuple[tuple[int, ...], int, int]:
    cfg = current_app.config
    days = tuple(int(d) for d in str(cfg["PORTAL_REMINDER_DAYS"]).split(",") if d.strip())
    return days, int(cfg["PORTAL_REMINDER_DAYS_BEFORE_END"]), int(cfg["PORTAL_APPLICATION_NORM"])


def remind(application: Application, on: date, now: datetime) -> str | None:
    """Queue the due reminder for one application, if any; returns its key."""
    days, before_end, norm = _settings()
    span = application.period
    statuses = rules.checklist(services.facts(application, norm), span, on)
    open_items = [key for key, state in statuses.items() if state != rules.DONE]
    sent = set(
        db.session.scalars(
            select(ReminderSent.key).where(ReminderSent.application_id == application.id)
        )
    )
    key, handled = rules.reminder_to_send(span, on, sent, bool(open_items), days, before_end)
    if key is None:
        return None
    for handled_key in handled:
        db.session.add(
            ReminderSent(
                application_id=application.id, key=handled_key, sent=handled_key == key, at=now
            )
        )
    db.session.flush()  # the unique key stops a second scheduler here, before any mail
    applicant = application.applicant
    if applicant.email:
        queue_mail(
            applicant.email,
            "reminder",
            applicant.locale or "nl",
            application=application,
            user=applicant,
            items=open_items,
            days_left=span.days_left(on),
            link=external_url("searchperiod_checklist.index"),
        )
    return key


def run(now: datetime) -> int:
    """Every open application whose period runs today: one transaction each. Idempotent."""
    on = clock.today(now)
    ids = db.session.scalars(
        select(Application.id).where(Application.status == OPEN, Application.period_last_day >= on)
    ).all()
    sent = 0
    for application_id in ids:
        with unit_of_work():
            if remind(db.session.get_one(Application, application_id), on, now):
                sent += 1
    return sent
