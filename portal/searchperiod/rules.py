"""Pure rules of the search period: who it applies to how, its dates, statuses and reminders.

Dates are calendar dates in Europe/Amsterdam; "today" comes from a clock (an aware datetime),
so the rules are tested at day and daylight-saving boundaries without patching time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from portal.clock import age_on

PERIOD_DAYS = 28  # four weeks
YOUTH_AGE = 27  # under 27: the period comes before the formal application, work and/or school
TODO, DONE, LATE = "todo", "done", "late"
DEFAULT_REMINDER_DAYS = (7, 14, 21)
DEFAULT_DAYS_BEFORE_END = 2


@dataclass(frozen=True)
class Period:
    under_27: bool
    start: date
    last_day: date  # inclusive: the fourth week ends at the end of this day

    def days_left(self, on: date) -> int:
        """Days left including `on` itself; 0 once the period is over."""
        return max(0, (self.last_day - on).days + 1)

    def has_ended(self, on: date) -> bool:
        return on > self.last_day

    def day_number(self, on: date) -> int:
        """1 on the first day of the period."""
        return (on - self.start).days + 1


class MissingUWVDate(ValueError):  # noqa: N818 -- reads as the fact it reports
    """Under 27 the period starts at the UWV registration, so that date is needed."""


def period(applied_on: date, born: date, uwv_registered_on: date | None) -> Period:
    """27 and older: four weeks from the application date. Under 27 (age on the day of UWV
    registration): four weeks from the UWV registration. A UWV registration whose four weeks
    were over before the application date cannot have started this period (its deadline has
    long passed): then the four weeks, and the age, count from the application date."""
    recent = uwv_registered_on
    if recent is not None and recent + timedelta(days=PERIOD_DAYS - 1) < applied_on:
        recent = None
    if age_on(born, recent or applied_on) < YOUTH_AGE:
        if uwv_registered_on is None:
            raise MissingUWVDate()
        start = recent or applied_on
        return Period(True, start, start + timedelta(days=PERIOD_DAYS - 1))
    return Period(False, applied_on, applied_on + timedelta(days=PERIOD_DAYS - 1))


def status(done: bool, span: Period, on: date) -> str:
    """to do, done, or late (not done when the period is over)."""
    if done:
        return DONE
    return LATE if span.has_ended(on) else TODO


def reminder_dates(
    span: Period,
    days: Iterable[int] = DEFAULT_REMINDER_DAYS,
    days_before_end: int = DEFAULT_DAYS_BEFORE_END,
) -> dict[str, date]:
    """Reminder key → the date it is due, within the period, in date order."""
    due = {f"day-{n}": span.start + timedelta(days=n - 1) for n in days}
    due[f"end-{days_before_end}"] = span.last_day - timedelta(days=days_before_end)
    inside = {k: d for k, d in due.items() if span.start < d <= span.last_day}
    return dict(sorted(inside.items(), key=lambda item: item[1]))


def reminder_to_send(
    span: Period,
    on: date,
    already_sent: set[str],
    anything_open: bool,
    days: Iterable[int] = DEFAULT_REMINDER_DAYS,
    days_before_end: int = DEFAULT_DAYS_BEFORE_END,
) -> tuple[str | None, list[str]]:
    """(the reminder to send now or None, the keys to record as handled).

    Only the newest due reminder is sent: a scheduler that missed a day does not send a
    backlog. Nothing after everything is done or after the period has ended.
    """
    if not anything_open or span.has_ended(on):
        return None, []
    due = [k for k, d in reminder_dates(span, days, days_before_end).items() if d <= on]
    pending = [k for k in due if k not in already_sent]
    if not pending:
        return None, []
    return pending[-1], pending


@dataclass(frozen=True)
class Facts:
    """What is known about an applicant's obligations."""

    uwv_stated: bool
    cv_done: bool
    applications: int
    norm: int
    questionnaire_sent: bool
    under_27: bool
    school_settled: bool  # has a startkwalificatie, looked into school, or said why not


ITEMS = ("uwv", "cv", "applications", "questionnaire", "school")


def checklist(facts: Facts, span: Period, on: date) -> dict[str, str]:
    """Item key → to do / done / late; the school item only under 27."""
    done = {
        "uwv": facts.uwv_stated,
        "cv": facts.cv_done,
        "applications": facts.applications >= facts.norm,
        "questionnaire": facts.questionnaire_sent,
        "school": facts.school_settled,
    }
    keys = ITEMS if facts.under_27 else ITEMS[:-1]
    return {key: status(done[key], span, on) for key in keys}
