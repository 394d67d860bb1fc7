"""The file on a day, e-coaching and goals as tables: one suppression per page, and goals read
the same suppressed counts as the file page shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.figures import rules
from portal.figures import suppression_rules as sr
from portal.figures import table_display as td
from portal.figures.display import FILE_TABLES, REVIEWS, Page, outcome_labels
from portal.figures.file_services import Coaching
from portal.figures.models import Goal
from portal.figures.snapshot_services import FileCounts

# Seed 004, "Status deelnemer", with the council letter's own names in Dutch.
OUTFLOW = {
    "education": _l("Regular education"),
    "practical_training": _l("Practical (work-based) training"),
    "follow_up_trajectory": _l("Follow-up trajectory"),
    "sheltered_job": _l("Sheltered job (nieuw beschut)"),
    "afspraakbaan": _l("Afspraakbaan"),
    "regular_job": _l("Regular paid job"),
    "drop_out": _l("Drop-out"),
    "temporary_drop_out": _l("Temporary drop-out"),
}
FOUR_MONTHS = {
    "left": _l("Left for work or school within 4 months"),
    "stayed": _l("Not (yet) left within 4 months"),
}
MEASURES = {
    "total": _l("Everyone in the file"),
    "under_27": _l("People under 27"),
    "age_50_plus": _l("People of 50 and older"),
    "women": _l("Women"),
    "men": _l("Men"),
    "over_5_years": _l("People more than 5 years on benefit"),
}
COMPARISONS = {rules.AT_MOST: _l("no more than"), rules.AT_LEAST: _l("at least")}
STATUSES = {
    rules.MET: _l("Reached"),
    rules.NOT_MET: _l("Not reached"),
    rules.UNKNOWN: _l("Cannot tell: the number is hidden"),
}


def file_page(counts: FileCounts) -> Page:
    labels = outcome_labels({(scheme, outcome) for scheme, outcome, _v in counts["gender"]})
    per_line: Counter[str] = Counter()
    for (_scheme, outcome, _value), n in counts["gender"].items():  # one gender per person
        per_line[outcome] += n
    tables = {}
    for name, (dimension, columns, _title) in FILE_TABLES.items():
        cells: Counter[tuple[str, str]] = Counter()
        if dimension is None:  # household: not asked
            cells.update({(line, "unknown"): n for line, n in per_line.items()})
        else:
            for (_scheme, outcome, value), n in counts[dimension].items():
                cells[outcome, value] += n
        tables[name] = sr.two_way(name, list(labels), list(columns), cells, shared_rows="file")
    suppression = sr.protect(tables.values())
    total = _("Total")
    grids = {
        "file_lines": td.one_way(
            "file_lines",
            _("By line"),
            (_("Line"), _("Count"), _("Percentage of total")),
            labels,
            tables["file_gender"],
            suppression,
            total,
            total_key=("file", "all"),
            keys={line: ("file", "row", line) for line in labels},
        )
    }
    for name, (_position, columns, title) in FILE_TABLES.items():
        grids[name] = td.two_way(
            name,
            str(title),
            _("Line"),
            labels,
            {k: str(v) for k, v in columns.items()},
            tables[name],
            suppression,
            total,
            rows_name="file",
        )
    return Page(grids, suppression, {"tables": tables})


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    current: td.Cell
    status: str


def goal_views(goals: Sequence[Goal], pages: dict[int | None, Page]) -> list[GoalView]:
    """Each goal against the count the file page of its team shows today."""
    views = []
    for goal in goals:
        page = pages[goal.team_id]
        table, column = rules.MEASURES[goal.measure]
        name = f"file_{table}"
        key: sr.Key = ("file", "all") if column is None else (name, "column", column)
        value = page.notes["tables"][name].values[key]  # type: ignore[index]
        cell = td.count_cell(page.suppression, key, value)
        if cell.value is not None:
            low, high = cell.value, float(cell.value)
        else:
            low, high = {
                sr.SMALL: (1, sr.THRESHOLD - 1),
                sr.HIDDEN: (sr.THRESHOLD, float("inf")),
            }.get(cell.state, (0, float("inf")))
        views.append(
            GoalView(goal, cell, rules.goal_status(goal.comparison, goal.target, low, high))
        )
    return views


def coaching_page(coaching: Coaching, by_name: bool) -> Page:
    if by_name:
        coaches = {f"c{coach}": name for coach, name, _n in coaching.caseloads}
        sizes = {f"c{coach}": n for coach, _name, n in coaching.caseloads}
    else:  # management: no names, largest caseload first
        ordered = sorted(coaching.caseloads, key=lambda c: (-c[2], c[0]))
        coaches = {f"c{n}": _("E-coach %(number)d", number=n + 1) for n in range(len(ordered))}
        sizes = {f"c{n}": size for n, (_coach, _name, size) in enumerate(ordered)}
    ended = {status: coaching.ended.get(status, 0) for status in OUTFLOW}
    reviews_counts = {k: coaching.reviews.get(k, 0) for k in REVIEWS}
    reviews_counts["ended"] = sum(ended.values())
    cohort = {"left": coaching.left, "stayed": coaching.cohort - coaching.left}
    caseloads = sr.one_way("caseloads", sizes)
    reviews = sr.one_way("reviews", reviews_counts)
    outflow = sr.one_way("outflow", ended, total=("reviews", "ended"))
    four = sr.one_way("four_months", cohort)
    suppression = sr.protect([caseloads, reviews, outflow, four])
    total = _("Total")
    share = (_("Count"), _("Percentage of total"))
    grids = {
        "caseloads": td.one_way(
            "caseloads",
            _("People per e-coach"),
            (_("E-coach"), _("People")),
            coaches,
            caseloads,
            suppression,
            total,
            percent=False,
        ),
        "reviews": td.one_way(
            "reviews",
            _("Three-month reviews"),
            (_("Outcome"), *share),
            {k: str(v) for k, v in REVIEWS.items()},
            reviews,
            suppression,
            total,
        ),
        "outflow": td.one_way(
            "outflow",
            _("Status at the end of the coaching"),
            (_("Participant's status"), _("Count"), _("Percentage of total")),
            {k: str(v) for k, v in OUTFLOW.items()},
            outflow,
            suppression,
            total,
            total_key=("reviews", "ended"),
        ),
        "four_months": td.one_way(
            "four_months",
            _("Zelfdoeners (profile 1) whose first 4 months ended in this period"),
            (_("Result"), *share),
            {k: str(v) for k, v in FOUR_MONTHS.items()},
            four,
            suppression,
            total,
            chart=False,
        ),
    }
    return Page(grids, suppression, {})
