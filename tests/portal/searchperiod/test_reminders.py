"""Reminder mails: only about what is open, never twice, none after completion or the end."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.db import db, unit_of_work
from portal.mail import OutboxMessage
from portal.roles import Role
from portal.searchperiod import jobs as reminders
from portal.searchperiod import services
from portal.werkmap.models import LogEntry

APPLIED = date(2026, 12, 1)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _register(make_user, email=True):
    user = make_user(Role.APPLICANT)
    with unit_of_work():
        done = services.register(
            services.Registration(
                name=user.name,
                born_on=date(1980, 1, 1),
                applied_on=APPLIED,
                email=user.email if email else None,
            ),
            "self",
            None,
            at(APPLIED),
            "nl",
        )
    return user, done.application


def _reminders() -> list[OutboxMessage]:
    db.session.expire_all()
    return [
        m
        for m in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        if m.subject.startswith("Herinnering")
    ]


def test_day_7_reminder_lists_only_open_items_and_is_sent_once(app, make_user):
    user, application = _register(make_user)
    with unit_of_work():
        db.session.get(type(application), application.id).uwv_stated_on = APPLIED
    assert reminders.run(at(date(2026, 12, 6))) == 0
    assert reminders.run(at(date(2026, 12, 7))) == 1
    assert reminders.run(at(date(2026, 12, 7), 18)) == 0  # the scheduler ran twice
    [mail] = _reminders()
    assert mail.recipient == user.email
    assert mail.subject == "Herinnering: nog 22 dagen in uw zoekperiode"
    assert "Maak een cv" in mail.body_text and "Solliciteer naar werk" in mail.body_text
    assert "Blijf ingeschreven bij UWV" not in mail.body_text  # done: not mentioned
    assert "/search-period/" in mail.body_text


def test_every_reminder_day_then_nothing_after_the_end(app, make_user):
    _register(make_user)
    day = APPLIED
    while day <= APPLIED + timedelta(days=40):
        reminders.run(at(day))
        reminders.run(at(day, 20))
        day += timedelta(days=1)
    subjects = [m.subject for m in _reminders()]
    assert len(subjects) == 4  # day 7, 14, 21 and two days before the end
    assert subjects[-1] == "Herinnering: nog 3 dagen in uw zoekperiode"


def test_no_reminder_once_everything_is_done(app, make_user, make_response):
    user, application = _register(make_user)
    with unit_of_work():
        stored = db.session.get(type(application), application.id)
        stored.uwv_stated_on = APPLIED
        stored.cv_done_at = at(APPLIED)
        for n in range(4):
            db.session.add(
                LogEntry(
                    owner_id=user.id,
                    day=APPLIED,
                    kind="application",
                    organisation=f"B{n}",
                    job_title="V",
                )
            )
    make_response(user)
    assert reminders.run(at(date(2026, 12, 14))) == 0
    assert _reminders() == []


def test_no_reminder_after_ending_early_or_without_email(app, make_user):
    _user, application = _register(make_user)
    _register(make_user, email=False)
    with unit_of_work():
        services.end_early(
            db.session.get(type(application), application.id), "found_work", at(APPLIED)
        )
    reminders.run(at(date(2026, 12, 7)))
    assert _reminders() == []


def test_cli_run_scheduled(app, make_user):
    _register(make_user)
    runner = app.test_cli_runner()
    assert "reminders:" in runner.invoke(args=["run-scheduled"]).output
