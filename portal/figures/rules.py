"""Pure rules of the figures: periods, bands on a reference date, spreads, a person's place in
the file, and goals. Calendar dates are Amsterdam dates (portal.clock)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from portal.clock import AMSTERDAM

PARTS = ("year", "q1", "q2", "q3", "q4", *(f"m{n:02d}" for n in range(1, 13)))
AGE_BANDS = ("under_27", "27_49", "50_plus", "unknown")
DURATION_BANDS = ("under_1", "1_5", "over_5", "unknown")
GENDERS = ("woman", "man", "other", "unknown")
BARRIERS = ("none", "some", "many", "unknown")
HOUSEHOLDS = ("unknown",)  # the portal does not ask about household (yet): see README
LADDER = ("1", "2", "3", "4", "5", "6", "unknown")
# How a search period ends: early with the applicant's reason, or after the four weeks.
PERIOD_ENDS = ("found_work", "started_study", "withdrawn", "completed")
REVIEW_OUTCOMES = ("continue", "workshop", "klantondersteuning", "ended")
# Seed 004, "Status deelnemer", in the order of the council letter.
OUTFLOW_ORDER = (
    "education",
    "practical_training",
    "follow_up_trajectory",
    "sheltered_job",
    "afspraakbaan",
    "regular_job",
    "drop_out",
    "temporary_drop_out",
)
# Ended coaching with one of these counts as leaving the benefit: for work or education.
LEFT_FOR_WORK_OR_SCHOOL = frozenset(
    {"education", "practical_training", "sheltered_job", "afspraakbaan", "regular_job"}
)
OUTFLOW_MONTHS = 4  # seed 002 §7: profile 1 leaves within 4 months


@dataclass(frozen=True)
class Period:
    year: int
    part: str
    first: date
    last: date

    def bounds(self) -> tuple[datetime, datetime]:
        """UTC moments: from the start of the first day up to the start of the day after the
        last, in Amsterdam."""
        return day_start(self.first), day_start(self.last + timedelta(days=1))

    def reference(self, today: date) -> date:
        """The day the file is counted on: the last day, or today while the period runs."""
        return min(self.last, today)


def period(year: int, part: str) -> Period:
    """A whole year, a quarter (q1–q4) or a month (m01–m12)."""
    if part not in PARTS:
        raise ValueError(part)
    if part == "year":
        return Period(year, part, date(year, 1, 1), date(year, 12, 31))
    if part.startswith("q"):
        first_month = 3 * (int(part[1]) - 1) + 1
        return Period(year, part, date(year, first_month, 1), _month_end(year, first_month + 2))
    month = int(part[1:])
    return Period(year, part, date(year, month, 1), _month_end(year, month))


def current_part(today: date) -> str:
    return f"q{(today.month - 1) // 3 + 1}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), AMSTERDAM).astimezone(UTC)


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the last day of that month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_band(born: date | None, on: date) -> str:
    if born is None:
        return "unknown"
    if born > years_before(on, 27):
        return "under_27"
    return "27_49" if born > years_before(on, 50) else "50_plus"


def duration_band(since: date | None, on: date) -> str:
    """Less than 1 year, 1 to 5 years, more than 5 years on benefit."""
    if since is None:
        return "unknown"
    if since > years_before(on, 1):
        return "under_1"
    return "1_5" if since >= years_before(on, 5) else "over_5"


@dataclass(frozen=True)
class Spread:
    count: int
    median: float | None
    lower: float | None  # 25th percentile
    upper: float | None  # 75th percentile


def spread(days: Iterable[int]) -> Spread:
    """Median and quartiles (linear interpolation between the closest ranks)."""
    ordered = sorted(days)
    if not ordered:
        return Spread(0, None, None, None)
    return Spread(
        len(ordered), _quantile(ordered, 0.5), _quantile(ordered, 0.25), _quantile(ordered, 0.75)
    )


def spread_counts(counts: Mapping[int, int]) -> Spread:
    """The same from value → how often (a grouped count)."""
    total = sum(counts.values())
    if not total:
        return Spread(0, None, None, None)
    steps = sorted((value, n) for value, n in counts.items() if n)

    def at(index: int) -> int:
        seen = 0
        for value, n in steps:
            seen += n
            if index < seen:
                return value
        return steps[-1][0]

    def quantile(q: float) -> float:
        position = (total - 1) * q
        low = int(position)
        return at(low) + (at(min(low + 1, total - 1)) - at(low)) * (position - low)

    return Spread(total, quantile(0.5), quantile(0.25), quantile(0.75))


def _quantile(ordered: Sequence[int], q: float) -> float:
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Decided:
    """A routing decision about a person: its day, outcome and whether it set the line (the
    main questionnaire) or refined it (the supplementary one)."""

    on: date
    outcome: str
    main: bool


@dataclass(frozen=True)
class FileStay:
    in_file_on: date | None
    self_starter_on: date | None
    left_on: date | None
    left_status: str | None


def file_stay(
    decisions: Sequence[Decided], ended: tuple[date, str] | None, self_starters: Iterable[str]
) -> FileStay:
    """In the file from the first decision that set a line; out when the coaching ended with a
    status; back in with a decision after that (the stay counted is the latest)."""
    main = sorted((d for d in decisions if d.main), key=lambda d: d.on)
    if ended is not None:
        after = [d for d in main if d.on > ended[0]]
        if not after:
            first = main[0].on if main else None
            return FileStay(first, _first_self_start(main, self_starters), *ended)
        main = after
    if not main:
        return FileStay(None, None, None, None)
    return FileStay(main[0].on, _first_self_start(main, self_starters), None, None)


def _first_self_start(main: Sequence[Decided], self_starters: Iterable[str]) -> date | None:
    wanted = set(self_starters)
    return next((d.on for d in main if d.outcome in wanted), None)


# Goals ---------------------------------------------------------------------------------

# measure → (table of the file, column): the goal reads the same, suppressed count.
MEASURES = {
    "total": ("age", None),
    "under_27": ("age", "under_27"),
    "age_50_plus": ("age", "50_plus"),
    "women": ("gender", "woman"),
    "men": ("gender", "man"),
    "over_5_years": ("duration", "over_5"),
}
AT_MOST, AT_LEAST = "at_most", "at_least"
MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"


def goal_status(comparison: str, target: int, low: int, high: float) -> str:
    """Whether the goal is met when the current value lies between low and high (a shown
    count: low == high; "< 5": 0–4; hidden: 5 or more)."""
    if comparison == AT_MOST:
        return MET if high <= target else (NOT_MET if low > target else UNKNOWN)
    return MET if low >= target else (NOT_MET if high < target else UNKNOWN)
