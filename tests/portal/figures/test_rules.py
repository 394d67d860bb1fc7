"""Periods, bands on a reference day, spreads, a person's stay in the file, goals."""

from datetime import UTC, date, datetime, timedelta

import pytest

from portal.clock import age_on
from portal.figures import rules


def _span(period):
    return period.first, period.last


def test_periods_are_whole_years_quarters_and_months():
    assert _span(rules.period(2024, "year")) == (date(2024, 1, 1), date(2024, 12, 31))
    assert _span(rules.period(2024, "q1")) == (date(2024, 1, 1), date(2024, 3, 31))
    assert _span(rules.period(2024, "q4")) == (date(2024, 10, 1), date(2024, 12, 31))
    assert _span(rules.period(2024, "m02")) == (date(2024, 2, 1), date(2024, 2, 29))
    with pytest.raises(ValueError, match="week"):
        rules.period(2024, "week")


def test_a_period_counts_by_amsterdam_days():
    start, end = rules.period(2024, "m07").bounds()
    assert start == datetime(2024, 6, 30, 22, tzinfo=UTC)  # midnight in summer time
    assert end == datetime(2024, 7, 31, 22, tzinfo=UTC)
    start, _end = rules.period(2024, "m01").bounds()
    assert start == datetime(2023, 12, 31, 23, tzinfo=UTC)


def test_the_file_is_counted_on_the_last_day_or_today():
    period = rules.period(2024, "year")
    assert period.reference(date(2025, 3, 1)) == date(2024, 12, 31)
    assert period.reference(date(2024, 6, 5)) == date(2024, 6, 5)


@pytest.mark.parametrize(
    "born",
    [date(1996, 2, 29), date(1997, 2, 28), date(1997, 3, 1), date(1974, 2, 28), date(1974, 3, 1)],
)
@pytest.mark.parametrize(
    "on", [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2023, 2, 28)]
)
def test_age_bands_agree_with_the_age_in_years(born, on):
    age = age_on(born, on)
    expected = "under_27" if age < 27 else ("27_49" if age < 50 else "50_plus")
    assert rules.age_band(born, on) == expected
    assert rules.age_band(None, on) == "unknown"


def test_time_on_benefit():
    on = date(2025, 6, 15)
    assert rules.duration_band(date(2024, 6, 16), on) == "under_1"
    assert rules.duration_band(date(2024, 6, 15), on) == "1_5"  # exactly a year
    assert rules.duration_band(date(2020, 6, 15), on) == "1_5"  # exactly five years
    assert rules.duration_band(date(2020, 6, 14), on) == "over_5"
    assert rules.duration_band(None, on) == "unknown"


def test_months_later_stay_in_their_month():
    assert rules.add_months(date(2024, 10, 31), 4) == date(2025, 2, 28)
    assert rules.add_months(date(2024, 1, 15), -4) == date(2023, 9, 15)


def test_spread_of_days():
    spread = rules.spread([1, 2, 3, 4, 10])
    assert (spread.count, spread.median, spread.lower, spread.upper) == (5, 3, 2, 4)
    assert rules.spread([]).median is None


def decided(day, outcome="zelfdoeners", main=True):
    return rules.Decided(day, outcome, main)


def test_in_the_file_from_the_first_decision_until_coaching_ends():
    stay = rules.file_stay(
        [decided(date(2024, 3, 1), "klantondersteuning"), decided(date(2024, 5, 1))],
        (date(2024, 9, 1), "regular_job"),
        {"zelfdoeners"},
    )
    assert stay == rules.FileStay(
        date(2024, 3, 1), date(2024, 5, 1), date(2024, 9, 1), "regular_job"
    )


def test_back_in_the_file_after_a_new_decision():
    stay = rules.file_stay(
        [decided(date(2024, 3, 1)), decided(date(2025, 1, 10), "klantondersteuning")],
        (date(2024, 9, 1), "drop_out"),
        {"zelfdoeners"},
    )
    assert stay == rules.FileStay(date(2025, 1, 10), None, None, None)


def test_a_supplementary_decision_alone_does_not_put_someone_in_the_file():
    assert (
        rules.file_stay(
            [decided(date(2024, 3, 1), "dagbesteding", main=False)], None, ()
        ).in_file_on
        is None
    )


@pytest.mark.parametrize(
    ("comparison", "target", "low", "high", "status"),
    [
        (rules.AT_MOST, 45, 40, 40, rules.MET),
        (rules.AT_MOST, 45, 50, 50, rules.NOT_MET),
        (rules.AT_MOST, 45, 0, 4, rules.MET),  # "< 5" is certainly no more than 45
        (rules.AT_MOST, 3, 0, 4, rules.UNKNOWN),
        (rules.AT_MOST, 45, 5, float("inf"), rules.UNKNOWN),  # hidden
        (rules.AT_LEAST, 10, 0, 4, rules.NOT_MET),
        (rules.AT_LEAST, 10, 12, 12, rules.MET),
    ],
)
def test_goal_status(comparison, target, low, high, status):
    assert rules.goal_status(comparison, target, low, high) == status


def test_the_day_summer_time_starts_has_23_hours():
    assert rules.day_start(date(2024, 4, 1)) - rules.day_start(date(2024, 3, 31)) == timedelta(
        hours=23
    )


@pytest.mark.parametrize("days", [[1, 2, 3, 4, 10], [5], [2, 2, 9, 30], [0, 1, 1, 1, 7, 8]])
def test_spread_from_a_grouped_count_is_the_same(days):
    counts = {}
    for value in days:
        counts[value] = counts.get(value, 0) + 1
    assert rules.spread_counts(counts) == rules.spread(days)
    assert rules.spread_counts({}) == rules.spread([])
