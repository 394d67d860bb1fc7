"""Figures by period: the gate (applications, search periods, obligations, the first
conversation) and the advice with its decision, from the monthly counts (count_services).

A team filter is None (every team), NO_TEAM (people without a team) or a team's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, select, true

from portal.db import db
from portal.figures import rules
from portal.figures.count_services import NO_TEAM, OBLIGATIONS, sums
from portal.people import Team

__all__ = ["NO_TEAM", "OBLIGATIONS", "Advice", "Gate", "advice", "gate", "team_clause", "teams"]


def teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name, Team.id)))


def team_clause(column: SQLColumnExpression[int | None], team: int | None) -> ColumnElement[bool]:
    if team is None:
        return true()
    return column.is_(None) if team == NO_TEAM else column == team


def _histogram(counts) -> dict[int, int]:
    return {int(days): n for days, n in counts.items() if n}


@dataclass
class Gate:
    channels: dict[str, int]
    ends: dict[str, int]
    assessed: int
    assessed_young: int
    met: dict[str, int]
    conversation: rules.Spread


def gate(period: rules.Period, team: int | None) -> Gate:
    """Applications by their date; search periods ended early by the day they ended, and
    completed by their last day; the latest assessment of a period by its date; the first
    conversation (its latest invitation) by its date."""
    counted = sums(
        ("application", "ended", "last_day", "ended_early", "assessed", "met", "conversation"),
        period,
        team,
    )
    ends = {reason: counted["ended"][reason] for reason in rules.PERIOD_ENDS[:-1]}
    ends["completed"] = counted["last_day"]["all"] - counted["ended_early"]["all"]
    return Gate(
        channels=dict(counted["application"]),
        ends=ends,
        assessed=counted["assessed"]["all"],
        assessed_young=counted["assessed"]["young"],
        met={key: counted["met"][key] for key in OBLIGATIONS},
        conversation=rules.spread_counts(_histogram(counted["conversation"])),
    )


@dataclass
class Advice:
    advised: dict[tuple[str, str], int]  # (scheme, outcome) → advice sent
    ladder: dict[str, int]
    decided: dict[tuple[str, str], int]  # (scheme, final outcome) → decisions
    # questionnaire, scheme, route, advice, decisions, changed
    routes: list[tuple[str, str, str, str, int, int]]
    waiting: rules.Spread


def _pairs(counts) -> dict[tuple[str, str], int]:
    result: dict[tuple[str, str], int] = {}
    for key, n in counts.items():
        scheme, _, outcome = key.partition(":")
        result[scheme, outcome] = result.get((scheme, outcome), 0) + n
    return result


def advice(period: rules.Period, team: int | None) -> Advice:
    """Advice by the day the answers were sent; decisions by the day they were made."""
    counted = sums(("advice", "ladder", "decision", "route", "waiting"), period, team)
    routes: dict[tuple[str, str, str, str], list[int]] = {}
    for key, n in counted["route"].items():
        questionnaire, scheme, route, advised, change = key.split("|")
        totals = routes.setdefault((questionnaire, scheme, route, advised), [0, 0])
        totals[0] += n
        totals[1] += n if change == "changed" else 0
    return Advice(
        advised=_pairs(counted["advice"]),
        ladder=dict(counted["ladder"]),
        decided=_pairs(counted["decision"]),
        routes=[(*key, n, changed) for key, (n, changed) in sorted(routes.items()) if n],
        waiting=rules.spread_counts(_histogram(counted["waiting"])),
    )
