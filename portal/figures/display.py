"""The figures pages' tables: counts from the services, suppressed together per page (so the
page, its charts and every CSV file show the same), with labels in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.config import MAIN_QUESTIONNAIRE
from portal.figures import rules
from portal.figures import suppression_rules as sr
from portal.figures import table_display as td
from portal.figures.services import OBLIGATIONS, Advice, Gate
from portal.intake import services as intake

CHANNELS = {
    "self": _l("Applied online themselves"),
    "consultant": _l("Registered by a consultant"),
    "stip": _l("Registered at a STIP"),
}
PERIOD_ENDS = {
    "found_work": _l("Found work"),
    "started_study": _l("Started a study"),
    "withdrawn": _l("Withdrew the application"),
    "completed": _l("Completed the four weeks"),
}
OBLIGATION_LABELS = {
    "uwv": _l("Registered at UWV"),
    "cv": _l("CV made"),
    "applications": _l("Applied for jobs (the norm)"),
    "questionnaire": _l("Questionnaire sent"),
    "school": _l("School looked into (under 27)"),
}
GENDERS = {"woman": _l("Woman"), "man": _l("Man"), "other": _l("Other"), "unknown": _l("Not known")}
AGES = {
    "under_27": _l("Under 27"),
    "27_49": _l("27 to 49"),
    "50_plus": _l("50 and older"),
    "unknown": _l("Not known"),
}
DURATIONS = {
    "under_1": _l("Less than 1 year"),
    "1_5": _l("1 to 5 years"),
    "over_5": _l("More than 5 years"),
    "unknown": _l("Not known"),
}
BARRIERS = {
    "none": _l("None or hardly any"),
    "some": _l("Some"),
    "many": _l("Many"),
    "unknown": _l("Not known"),
}
HOUSEHOLDS = {"unknown": _l("Not known")}
LADDER = {
    "1": _l("1 Isolated"),
    "2": _l("2 Social contacts outside the home"),
    "3": _l("3 Organised activities"),
    "4": _l("4 Unpaid work"),
    "5": _l("5 Paid work with support"),
    "6": _l("6 Paid work"),
    "unknown": _l("Not known"),
}
REVIEWS = {
    "continue": _l("Continue e-coaching"),
    "workshop": _l("Referred to a workshop"),
    "klantondersteuning": _l("Moved to Klantondersteuning"),
    "ended": _l("Coaching ended"),
}
FILE_TABLES = {  # name → (characteristic in the file counts, columns, title)
    "file_gender": ("gender", GENDERS, _l("By line and gender")),
    "file_age": ("age", AGES, _l("By line and age")),
    "file_household": (None, HOUSEHOLDS, _l("By line and household")),
    "file_duration": ("duration", DURATIONS, _l("By line and time on benefit")),
    "file_barrier": ("barrier", BARRIERS, _l("By line and obstacles to work")),
}


@dataclass
class Page:
    grids: dict[str, td.Grid]
    suppression: sr.Suppression
    notes: dict[str, object]


def outcome_labels(present: set[tuple[str, str]]) -> dict[str, str]:
    """The configured scheme's outcomes in its order, then others found in the data."""
    definition = intake.current_definition(MAIN_QUESTIONNAIRE[0])
    chosen = current_app.config["PORTAL_ROUTING_SCHEME"]
    labels: dict[str, str] = {o.id: _(o.label) for o in definition.scheme(chosen).outcomes}
    for scheme_id, outcome in sorted(present):
        if outcome not in labels:
            scheme = definition.schemes.get(scheme_id)
            known = {o.id: o.label for o in scheme.outcomes} if scheme else {}
            labels[outcome] = _(known[outcome]) if outcome in known else outcome
    return labels


def _spread_grid(name: str, title: str, spread: rules.Spread, count_label: str) -> td.Grid:
    """A count and the median and quartiles in days; the days only from 5 people on."""
    table = sr.one_way(name, {"n": spread.count})
    suppression = sr.protect([table])
    count = td.count_cell(suppression, (name, "n"), spread.count)
    enough = count.value is not None
    rows = [td.Row(count_label, (count,))]
    for label, value in (
        (_("Median (days)"), spread.median),
        (_("A quarter within (days)"), spread.lower),
        (_("Three quarters within (days)"), spread.upper),
    ):
        text = format_decimal(value, "#,##0.#") if enough and value is not None else td.HIDDEN_TEXT
        rows.append(td.Row(label, (td.Cell(text, sr.SHOWN if enough else sr.HIDDEN),)))
    return td.Grid(name, title, (_("Figure"), _("Value")), tuple(rows))


def gate_page(gate: Gate) -> Page:
    met = {
        key: sr.one_way(
            ("obligation", key),
            {"met": gate.met[key], "not_met": total - gate.met[key]},
            total=("assessed", "young" if key == "school" else "all"),
        )
        for key in OBLIGATIONS
        for total in [gate.assessed_young if key == "school" else gate.assessed]
    }
    applications = sr.one_way("applications", {k: gate.channels.get(k, 0) for k in CHANNELS})
    ends = sr.one_way("period_ends", gate.ends)
    suppression = sr.protect([applications, ends, *met.values()])
    total = _("Total")
    grids = {
        "applications": td.one_way(
            "applications",
            _("Benefit applications"),
            (_("How"), _("Count"), _("Percentage of total")),
            CHANNELS,
            applications,
            suppression,
            total,
        ),
        "period_ends": td.one_way(
            "period_ends",
            _("Search periods ended"),
            (_("How it ended"), _("Count"), _("Percentage of total")),
            PERIOD_ENDS,
            ends,
            suppression,
            total,
        ),
        "obligations": _obligations_grid(met, suppression),
        "conversation_time": _spread_grid(
            "conversation_time",
            _("From application to first conversation"),
            gate.conversation,
            _("First conversations"),
        ),
    }
    return Page(grids, suppression, {})


def _obligations_grid(met: dict[str, sr.Table], suppression: sr.Suppression) -> td.Grid:
    rows = []
    for key, table in met.items():
        prefix = ("obligation", key)
        total_key = ("assessed", "young" if key == "school" else "all")
        yes = td.count_cell(suppression, (prefix, "met"), table.values[(prefix, "met")])
        no = td.count_cell(suppression, (prefix, "not_met"), table.values[(prefix, "not_met")])
        total = td.count_cell(suppression, total_key, table.values[total_key])
        rows.append(
            td.Row(str(OBLIGATION_LABELS[key]), (yes, no, total, td.share_cell(yes, total)))
        )
    head = (_("Obligation"), _("Met"), _("Not met"), _("Assessed"), _("Share met"))
    return td.Grid("obligations", _("Obligations of the search period"), head, tuple(rows))


def advice_page(advice: Advice) -> Page:
    labels = outcome_labels(set(advice.advised) | set(advice.decided))
    advised = sr.one_way("advice", _by_outcome(advice.advised, labels))
    ladder = sr.one_way(
        "ladder", {k: advice.ladder.get(k, 0) for k in LADDER}, total=("advice", "all")
    )
    decided = sr.one_way("decisions", _by_outcome(advice.decided, labels))
    main = [r for r in advice.routes if r[0] == MAIN_QUESTIONNAIRE[0]]
    other = [r for r in advice.routes if r[0] != MAIN_QUESTIONNAIRE[0]]
    route_tables = {
        "routes": _routes_table("routes", main, shared="decisions"),
        "routes_supplementary": _routes_table("routes_supplementary", other, shared=None),
    }
    suppression = sr.protect([advised, ladder, decided, *(t for t, _rows in route_tables.values())])
    total = _("Total")
    share = (_("Count"), _("Percentage of total"))
    grids = {
        "advice": td.one_way(
            "advice", _("Advice given"), (_("Advice"), *share), labels, advised, suppression, total
        ),
        "ladder": td.one_way(
            "ladder",
            _("Advice by step of the participation ladder"),
            (_("Step"), *share),
            LADDER,
            ladder,
            suppression,
            total,
            total_key=("advice", "all"),
        ),
        "decisions": td.one_way(
            "decisions",
            _("Decisions: the line chosen"),
            (_("Line"), *share),
            labels,
            decided,
            suppression,
            total,
        ),
    }
    for name, (table, rows) in route_tables.items():
        grids[name] = td.two_way(
            name,
            _("Advice confirmed or changed, per rule")
            if name == "routes"
            else _("Supplementary questions: advice confirmed or changed, per rule"),
            _("Rule and advice"),
            rows,
            {"confirmed": _("Confirmed"), "changed": _("Changed")},
            table,
            suppression,
            total,
            grand_key=("decisions", "all") if name == "routes" else None,
        )
    grids["waiting"] = _spread_grid(
        "waiting", _("From sending the answers to the decision"), advice.waiting, _("Decisions")
    )
    return Page(grids, suppression, {})


def _by_outcome(counts: dict[tuple[str, str], int], labels: dict[str, str]) -> dict[str, int]:
    result = dict.fromkeys(labels, 0)
    for (_scheme, outcome), n in counts.items():
        result[outcome] = result.get(outcome, 0) + n
    return result


def _routes_table(name: str, routes, shared: str | None):
    """Rule × confirmed/changed; the main questionnaire's total is the decisions' total."""
    rows: dict[str, str] = {}
    counts: dict[tuple[str, str], int] = {}
    for questionnaire, scheme, route, advised, n, changed in routes:
        key = f"{questionnaire}/{scheme}/{route}/{advised}"
        definition = intake.current_definition(questionnaire)
        outcome = {o.id: o.label for o in definition.scheme(scheme).outcomes}.get(advised, advised)
        rows[key] = f"{route or '–'}: {_(outcome)}"
        counts[key, "confirmed"] = n - changed
        counts[key, "changed"] = changed
    table = sr.two_way(name, list(rows), ["confirmed", "changed"], counts, shared_rows=None)
    if shared is not None:  # the grand total is the number of decisions in the other table
        table = _renamed_total(table, (name, "all"), (shared, "all"))
    return table, rows


def _renamed_total(table: sr.Table, old: sr.Key, new: sr.Key) -> sr.Table:
    values = {(new if k == old else k): v for k, v in table.values.items()}
    lines = [sr.Line(line.parts, new if line.total == old else line.total) for line in table.lines]
    return sr.Table(values, lines)
