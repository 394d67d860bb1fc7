"""The Amsterdam calendar: what day it is in the Netherlands at a given moment.

Every feature that speaks of dates (deadlines, reviews, stand-ins, weeks) takes "now" as an
aware datetime and asks this module for the calendar date, so rules are tested at day and
daylight-saving boundaries without patching time.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today(now: datetime) -> date:
    """The calendar date in the Netherlands at this moment."""
    if now.tzinfo is None:
        raise ValueError("use an aware datetime")
    return now.astimezone(AMSTERDAM).date()


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day`. Born on 29 February: one year older on 1 March in
    years without 29 February."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
