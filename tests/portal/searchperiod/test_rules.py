"""The search-period rules at their edges."""

from datetime import UTC, date, datetime

import pytest

from portal.clock import age_on, today
from portal.searchperiod import rules
from portal.searchperiod.rules import DONE, LATE, TODO, MissingUWVDate, period


def test_27_and_older_four_weeks_from_the_application():
    span = period(date(2026, 12, 1), date(1980, 5, 5), None)
    assert not span.under_27
    assert (span.start, span.last_day) == (date(2026, 12, 1), date(2026, 12, 28))
    assert span.days_left(date(2026, 12, 1)) == 28
    assert span.days_left(date(2026, 12, 28)) == 1
    assert span.days_left(date(2026, 12, 29)) == 0 and span.has_ended(date(2026, 12, 29))


def test_under_27_four_weeks_from_the_uwv_registration():
    span = period(date(2026, 12, 10), date(2001, 1, 1), date(2026, 12, 3))
    assert span.under_27 and span.start == date(2026, 12, 3)
    assert span.last_day == date(2026, 12, 30)


def test_26_or_27_is_decided_on_the_day_of_the_uwv_registration():
    born = date(1999, 12, 3)
    turns_27_that_day = period(date(2026, 12, 10), born, date(2026, 12, 3))
    day_before = period(date(2026, 12, 10), born, date(2026, 12, 2))
    assert not turns_27_that_day.under_27
    assert turns_27_that_day.start == date(2026, 12, 10)  # from the application date
    assert day_before.under_27 and day_before.start == date(2026, 12, 2)


def test_under_27_needs_the_uwv_date():
    with pytest.raises(MissingUWVDate):
        period(date(2026, 12, 10), date(2005, 6, 1), None)


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2000, 2, 29), date(2027, 2, 28), 26),  # no 29 February in 2027
        (date(2000, 2, 29), date(2027, 3, 1), 27),
        (date(2000, 2, 29), date(2028, 2, 29), 28),
        (date(1999, 12, 31), date(2026, 12, 30), 26),
        (date(1999, 12, 31), date(2026, 12, 31), 27),
    ],
)
def test_age_on_the_day_and_leap_years(born, day, age):
    assert age_on(born, day) == age


def test_period_over_a_leap_day():
    span = period(date(2028, 2, 15), date(1970, 1, 1), None)
    assert span.last_day == date(2028, 3, 13)  # 29 February 2028 counts as a day


def test_today_is_the_date_in_amsterdam_across_daylight_saving():
    # 28 March 2027, 23:30 UTC: summer time has started, it is 01:30 on 29 March in Amsterdam.
    assert today(datetime(2027, 3, 28, 23, 30, tzinfo=UTC)) == date(2027, 3, 29)
    # 30 October 2027, 22:30 UTC: still summer time, 00:30 on 31 October in Amsterdam.
    assert today(datetime(2027, 10, 30, 22, 30, tzinfo=UTC)) == date(2027, 10, 31)
    # 31 October 2027, 22:30 UTC: winter time (UTC+1), 23:30 on 31 October.
    assert today(datetime(2027, 10, 31, 22, 30, tzinfo=UTC)) == date(2027, 10, 31)
    with pytest.raises(ValueError, match="aware"):
        today(datetime(2027, 1, 1))  # noqa: DTZ001 -- the point of the test


def test_a_period_across_the_change_to_summer_time_still_has_28_days():
    span = period(date(2027, 3, 15), date(1970, 1, 1), None)
    assert span.last_day == date(2027, 4, 11)
    assert span.days_left(today(datetime(2027, 4, 11, 21, 59, tzinfo=UTC))) == 1
    assert span.has_ended(today(datetime(2027, 4, 11, 22, 0, tzinfo=UTC)))


def test_status_of_an_item():
    span = period(date(2026, 12, 1), date(1980, 1, 1), None)
    assert rules.status(False, span, date(2026, 12, 28)) == TODO
    assert rules.status(False, span, date(2026, 12, 29)) == LATE
    assert rules.status(True, span, date(2026, 12, 29)) == DONE


def test_reminders_on_day_7_14_21_and_two_days_before_the_end():
    span = period(date(2026, 12, 1), date(1980, 1, 1), None)
    assert rules.reminder_dates(span) == {
        "day-7": date(2026, 12, 7),
        "day-14": date(2026, 12, 14),
        "day-21": date(2026, 12, 21),
        "end-2": date(2026, 12, 26),
    }


def test_reminder_sent_once_and_no_backlog():
    span = period(date(2026, 12, 1), date(1980, 1, 1), None)
    assert rules.reminder_to_send(span, date(2026, 12, 6), set(), True) == (None, [])
    assert rules.reminder_to_send(span, date(2026, 12, 7), set(), True) == ("day-7", ["day-7"])
    assert rules.reminder_to_send(span, date(2026, 12, 7), {"day-7"}, True) == (None, [])
    # The scheduler did not run for a week: only the newest reminder goes out.
    assert rules.reminder_to_send(span, date(2026, 12, 15), {"day-7"}, True) == (
        "day-14",
        ["day-14"],
    )
    assert rules.reminder_to_send(span, date(2026, 12, 22), set(), True) == (
        "day-21",
        ["day-7", "day-14", "day-21"],
    )


def test_no_reminder_when_everything_is_done_or_the_period_is_over():
    span = period(date(2026, 12, 1), date(1980, 1, 1), None)
    assert rules.reminder_to_send(span, date(2026, 12, 7), set(), False) == (None, [])
    assert rules.reminder_to_send(span, date(2026, 12, 29), set(), True) == (None, [])


def test_checklist_items_and_the_school_item_only_under_27():
    span = period(date(2026, 12, 1), date(1980, 1, 1), None)
    facts = rules.Facts(
        uwv_stated=True,
        cv_done=False,
        applications=3,
        norm=4,
        questionnaire_sent=True,
        under_27=False,
        school_settled=False,
    )
    assert rules.checklist(facts, span, date(2026, 12, 10)) == {
        "uwv": DONE,
        "cv": TODO,
        "applications": TODO,
        "questionnaire": DONE,
    }
    young = rules.Facts(**{**facts.__dict__, "under_27": True, "applications": 4})
    assert rules.checklist(young, span, date(2026, 12, 29)) == {
        "uwv": DONE,
        "cv": LATE,
        "applications": DONE,
        "questionnaire": DONE,
        "school": LATE,
    }


def test_an_old_uwv_registration_does_not_start_a_period_that_is_already_over():
    """Under 27 the four weeks run from the UWV registration; one from long ago cannot be the
    registration for this application (its deadline would have passed long ago): the four
    weeks then run from the application date. Age is decided on that date too."""
    span = period(date(2026, 12, 10), date(2001, 1, 1), date(2024, 3, 1))
    assert span.under_27 and (span.start, span.last_day) == (
        date(2026, 12, 10),
        date(2027, 1, 6),
    )
    recent = period(date(2026, 12, 10), date(2001, 1, 1), date(2026, 11, 13))
    assert recent.start == date(2026, 11, 13) and recent.last_day == date(2026, 12, 10)
    grown_up = period(date(2026, 12, 10), date(1998, 1, 1), date(2024, 3, 1))  # 26 back then
    assert not grown_up.under_27 and grown_up.start == date(2026, 12, 10)
