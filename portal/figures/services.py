"""Counts for the figures by period: the gate (applications, search periods, obligations, the
first conversation) and the advice with its decision. Every query is a count on an indexed
event date (models.py); nothing here reads a name or an answer.

A team filter is None (every team), NO_TEAM (people without a team) or a team's id; a person's
team is the team of their latest application.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, case, exists, func, select, true
from sqlalchemy.orm import aliased

from portal import clock
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.figures import rules
from portal.intake.models import SUBMITTED, QuestionnaireResponse, RoutingDecision
from portal.people import Team
from portal.searchperiod.models import Application, Assessment, ConversationInvite

NO_TEAM = 0
OBLIGATIONS = ("uwv", "cv", "applications", "questionnaire", "school")


def teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name, Team.id)))


def team_clause(column: SQLColumnExpression[int | None], team: int | None) -> ColumnElement[bool]:
    if team is None:
        return true()
    return column.is_(None) if team == NO_TEAM else column == team


def person_team(person_id: SQLColumnExpression[int]):
    """The team of the person's latest application (a scalar subquery)."""
    return (
        select(Application.team_id)
        .where(Application.applicant_id == person_id)
        .order_by(Application.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def between(column, period: rules.Period) -> ColumnElement[bool]:
    start, end = period.bounds()
    return and_(column >= start, column < end)


def _days(pairs) -> list[int]:
    return [(clock.today(at) - since).days for at, since in pairs]


@dataclass
class Gate:
    channels: dict[str, int]
    ends: dict[str, int]
    assessed: int
    assessed_young: int
    met: dict[str, int]
    conversation: rules.Spread
    conversation_days: list[int] = field(repr=False, default_factory=list)


def gate(period: rules.Period, team: int | None) -> Gate:
    in_team = team_clause(Application.team_id, team)
    channels = dict(
        db.session.execute(
            select(Application.channel, func.count())
            .where(Application.applied_on.between(period.first, period.last), in_team)
            .group_by(Application.channel)
        ).all()
    )
    early = Counter(
        dict(
            db.session.execute(
                select(Application.end_reason, func.count())
                .where(between(Application.ended_at, period), Application.end_reason.is_not(None))
                .where(in_team)
                .group_by(Application.end_reason)
            ).all()
        )
    )
    ran_out = select(func.count()).where(
        Application.period_last_day.between(period.first, period.last), in_team
    )
    completed = db.session.scalar(ran_out) or 0
    # Periods that ended early on or before their last day did not run their four weeks.
    for ended_at, last_day in db.session.execute(
        select(Application.ended_at, Application.period_last_day).where(
            Application.period_last_day.between(period.first, period.last),
            Application.end_reason.is_not(None),
            in_team,
        )
    ):
        if ended_at is not None and clock.today(ended_at) <= last_day:
            completed -= 1
    ends = {reason: early.get(reason, 0) for reason in rules.PERIOD_ENDS[:-1]}
    ends["completed"] = completed
    assessed, young, met = _obligations(period, team)
    days = _conversation_days(period, team)
    return Gate(channels, ends, assessed, young, met, rules.spread(days), days)


def _obligations(period: rules.Period, team: int | None) -> tuple[int, int, dict[str, int]]:
    """The latest assessment of each application assessed in the period: how many, how many
    under 27 (the school item), and per obligation how many were met."""
    later = aliased(Assessment)
    rows = db.session.execute(
        select(Assessment.items, Application.under_27)
        .join(Application, Application.id == Assessment.application_id)
        .where(
            between(Assessment.assessed_at, period),
            team_clause(Application.team_id, team),
            ~exists().where(
                later.application_id == Assessment.application_id, later.id > Assessment.id
            ),
        )
    ).all()
    met = dict.fromkeys(OBLIGATIONS, 0)
    for items, _young in rows:
        for key in OBLIGATIONS:
            if (items or {}).get(key, {}).get("met"):
                met[key] += 1
    return len(rows), sum(1 for _items, young in rows if young), met


def _conversation_days(period: rules.Period, team: int | None) -> list[int]:
    """Days from the application to the first conversation (its latest invitation, as moved),
    for conversations in the period."""
    later = aliased(ConversationInvite)
    return _days(
        db.session.execute(
            select(ConversationInvite.starts_at, Application.applied_on)
            .join(Application, Application.id == ConversationInvite.application_id)
            .where(
                between(ConversationInvite.starts_at, period),
                team_clause(Application.team_id, team),
                ~exists().where(
                    later.application_id == ConversationInvite.application_id,
                    later.id > ConversationInvite.id,
                ),
            )
        ).all()
    )


@dataclass
class Advice:
    advised: dict[tuple[str, str], int]  # (scheme, outcome) → submitted advice
    ladder: dict[str, int]
    decided: dict[tuple[str, str], int]  # (scheme, final outcome) → decisions
    routes: list[
        tuple[str, str, str, str, int, int]
    ]  # questionnaire, scheme, route, advice, n, changed
    waiting: rules.Spread


def advice(period: rules.Period, team: int | None) -> Advice:
    response = QuestionnaireResponse
    in_team = team_clause(person_team(response.applicant_id), team)
    main = response.questionnaire_id == MAIN_QUESTIONNAIRE[0]
    submitted = [main, response.status == SUBMITTED, between(response.submitted_at, period)]
    advised = {
        (scheme, outcome): n
        for scheme, outcome, n in db.session.execute(
            select(response.scheme, response.advised_outcome, func.count())
            .where(*submitted, in_team)
            .group_by(response.scheme, response.advised_outcome)
        )
    }
    ladder: Counter[str] = Counter()
    step = getattr(response, "ladder_step", None)  # kept with the advice by the routing change
    if step is not None:
        for value, n in db.session.execute(
            select(step, func.count()).where(*submitted, in_team).group_by(step)
        ):
            ladder[str(value) if value is not None else "unknown"] += n
    else:
        ladder["unknown"] = sum(advised.values())
    decisions = (
        select(RoutingDecision)
        .join(response, response.id == RoutingDecision.response_id)
        .where(between(RoutingDecision.decided_at, period), in_team)
        .subquery()
    )
    decided = {
        (scheme, outcome): n
        for scheme, outcome, n in db.session.execute(
            select(response.scheme, decisions.c.final_outcome, func.count())
            .join(decisions, decisions.c.response_id == response.id)
            .where(main)
            .group_by(response.scheme, decisions.c.final_outcome)
        )
    }
    changed = func.sum(case((decisions.c.overridden, 1), else_=0))
    routes = [
        (q, s, r or "", a, n, int(k or 0))
        for q, s, r, a, n, k in db.session.execute(
            select(
                response.questionnaire_id,
                response.scheme,
                response.route_id,
                decisions.c.advised_outcome,
                func.count(),
                changed,
            )
            .join(decisions, decisions.c.response_id == response.id)
            .group_by(
                response.questionnaire_id,
                response.scheme,
                response.route_id,
                decisions.c.advised_outcome,
            )
            .order_by(response.questionnaire_id, response.scheme, response.route_id)
        )
    ]
    return Advice(advised, dict(ladder), decided, routes, _waiting(decisions))


def _waiting(decisions) -> rules.Spread:
    rows = db.session.execute(
        select(decisions.c.decided_at, QuestionnaireResponse.submitted_at).join(
            QuestionnaireResponse, QuestionnaireResponse.id == decisions.c.response_id
        )
    ).all()
    return rules.spread(
        (clock.today(decided) - clock.today(submitted)).days
        for decided, submitted in rows
        if submitted is not None
    )
