"""Who needs attention today: pure rules over facts already counted (no database here)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

QUIET_DAYS = 14  # no log entry or message from the person for this long
REVIEW_SOON = 7  # the review shows up this many days before it is due
REVIEW_AFTER_MONTHS = 3

BELOW_NORM, QUIET, UNREAD, OPEN_ITEMS, REVIEW_DUE = (
    "below_norm",
    "quiet",
    "unread",
    "open_items",
    "review_due",
)
REASONS = (UNREAD, REVIEW_DUE, BELOW_NORM, QUIET, OPEN_ITEMS)  # most urgent first


@dataclass(frozen=True)
class Facts:
    applications_4w: int  # applications in the last four weeks
    weekly_norm: int
    last_activity: date | None  # last log entry or message from the person
    unread: int  # messages from the person nobody on staff read yet
    open_items: int  # open items of a running search period
    review_due: date | None  # None when the review was done
    coached_since: date


@dataclass(frozen=True)
class Signals:
    facts: Facts
    days_quiet: int
    reasons: tuple[str, ...]

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it does not exist)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(zelfdoener_since: date) -> date:
    return add_months(zelfdoener_since, REVIEW_AFTER_MONTHS)


def signals(facts: Facts, on: date) -> Signals:
    since = facts.last_activity or facts.coached_since
    days_quiet = max(0, (on - since).days)
    found = set()
    if facts.unread:
        found.add(UNREAD)
    if facts.review_due is not None and facts.review_due - timedelta(days=REVIEW_SOON) <= on:
        found.add(REVIEW_DUE)
    # A new person gets four weeks before the norm counts.
    if (on - facts.coached_since).days >= 28 and facts.applications_4w < 4 * facts.weekly_norm:
        found.add(BELOW_NORM)
    if days_quiet >= QUIET_DAYS:
        found.add(QUIET)
    if facts.open_items:
        found.add(OPEN_ITEMS)
    return Signals(facts, days_quiet, tuple(r for r in REASONS if r in found))


NEVER = date(9999, 12, 31)


def norm_met_until(applying_days_newest_first: list[date], weekly_norm: int) -> date | None:
    """The last day on which the applications in the four weeks up to it (27 days back, the
    day itself included) still reach 4 × the weekly norm, given no new ones; None when they do
    not reach it now. Days lie in the past, so the count can only fall as days go by."""
    needed = 4 * weekly_norm
    if needed <= 0:
        return NEVER
    if len(applying_days_newest_first) < needed:
        return None
    return applying_days_newest_first[needed - 1] + timedelta(days=27)


def order_key(name: str, found: Signals) -> tuple:
    """Needs attention first (more reasons first), then the longest quiet, then by name."""
    return (not found.needs_attention, -len(found.reasons), -found.days_quiet, name.lower())
