"""Monthly counts of what the figures report by period, kept when it happens.

Each kind of record contributes counts through one function below (what it adds to which
metric, month and key); the event handlers add them as records are made (and take back a
replaced assessment's or invitation's), and `rebuild` adds them for every record there is.
So counts kept by events equal a rebuild — a test holds them to that.

The file's "left within four months" comes from the row per person (facts_services), which
must be rebuilt first. The team of a count is the application's team, or, for what happens to a person later (advice,
decision, review), the team of their latest application at that moment; 0 means without a team.
Months are Amsterdam months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal import clock
from portal.coaching.models import Review
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.figures import rules
from portal.figures.models import Count, PersonFacts
from portal.intake.models import SUBMITTED, QuestionnaireResponse, RoutingDecision
from portal.searchperiod.models import Application, Assessment, ConversationInvite

OBLIGATIONS = ("uwv", "cv", "applications", "questionnaire", "school")
NO_TEAM = 0
Key = tuple[str, date, int, str]  # metric, month, team, key


def _month(day: date) -> date:
    return day.replace(day=1)


def _team(team_id: int | None) -> int:
    return team_id or NO_TEAM


# What each record adds ---------------------------------------------------------------------


def registered(application: Application) -> list[Key]:
    team = _team(application.team_id)
    return [
        ("application", _month(application.applied_on), team, application.channel),
        ("last_day", _month(application.period_last_day), team, "all"),
    ]


def ended(application: Application) -> list[Key]:
    if application.end_reason is None or application.ended_at is None:
        return []
    team, day = _team(application.team_id), clock.today(application.ended_at)
    result = [("ended", _month(day), team, application.end_reason)]
    if day <= application.period_last_day:  # it did not run its four weeks
        result.append(("ended_early", _month(application.period_last_day), team, "all"))
    return result


def assessed(application: Application, assessment: Assessment) -> list[Key]:
    team, month = _team(application.team_id), _month(clock.today(assessment.assessed_at))
    items = assessment.items or {}
    result = [("assessed", month, team, "all")]
    if application.under_27:
        result.append(("assessed", month, team, "young"))
    result += [("met", month, team, k) for k in OBLIGATIONS if (items.get(k) or {}).get("met")]
    return result


def invited(application: Application, invite: ConversationInvite) -> list[Key]:
    day = clock.today(invite.starts_at)
    days = (day - application.applied_on).days
    return [("conversation", _month(day), _team(application.team_id), str(days))]


def submitted(response: QuestionnaireResponse, team: int | None) -> list[Key]:
    if response.questionnaire_id != MAIN_QUESTIONNAIRE[0] or response.submitted_at is None:
        return []
    month, team_key = _month(clock.today(response.submitted_at)), _team(team)
    step = response.ladder_step
    return [
        ("advice", month, team_key, f"{response.scheme}:{response.advised_outcome}"),
        ("ladder", month, team_key, str(step) if step is not None else "unknown"),
    ]


def decided(
    response: QuestionnaireResponse, decision: RoutingDecision, team: int | None
) -> list[Key]:
    day, team_key = clock.today(decision.decided_at), _team(team)
    month = _month(day)
    change = "changed" if decision.overridden else "confirmed"
    route = "|".join(
        (
            response.questionnaire_id,
            response.scheme,
            response.route_id or "",
            decision.advised_outcome,
        )
    )
    result = [("route", month, team_key, f"{route}|{change}")]
    if response.submitted_at is not None:
        waited = (day - clock.today(response.submitted_at)).days
        result.append(("waiting", month, team_key, str(waited)))
    if response.questionnaire_id == MAIN_QUESTIONNAIRE[0]:
        result.append(("decision", month, team_key, f"{response.scheme}:{decision.final_outcome}"))
    return result


def reviewed(review: Review, team: int | None) -> list[Key]:
    month, team_key = _month(clock.today(review.done_at)), _team(team)
    result = [("review", month, team_key, review.outcome)]
    if review.outcome == "ended":
        result.append(("outflow", month, team_key, review.end_status or ""))
    return result


def four_months(row: Mapping[str, Any] | None) -> list[Key]:
    """Seed 002 §7, from a person's row (facts_services): a Zelfdoener / profile 1 counts in
    the month their first four months end, and as left when they left for work or school by
    then."""
    if row is None or row["self_starter_on"] is None:
        return []
    deadline = rules.add_months(row["self_starter_on"], rules.OUTFLOW_MONTHS)
    month, team = _month(deadline), _team(row["team_id"])
    result = [("four_months", month, team, "cohort")]
    left = row["left_on"]
    if (
        left is not None
        and left <= deadline
        and row["left_status"] in rules.LEFT_FOR_WORK_OR_SCHOOL
    ):
        result.append(("four_months", month, team, "left"))
    return result


# Kept by events ----------------------------------------------------------------------------


def _add(keys: Iterable[Key], sign: int = 1) -> None:
    make = (
        postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    for (metric, month, team, key), n in Counter(keys).items():
        statement = make(Count).values(
            metric=metric, month=month, team=team, key=key, value=sign * n
        )
        db.session.execute(
            statement.on_conflict_do_update(
                index_elements=[Count.metric, Count.month, Count.team, Count.key],
                set_={"value": Count.value + statement.excluded.value},
            )
        )


def team_at(person_id: int, moment: datetime) -> int | None:
    """The team of the person's latest application made by then."""
    return db.session.scalar(
        select(Application.team_id)
        .where(Application.applicant_id == person_id, Application.created_at <= moment)
        .order_by(Application.id.desc())
        .limit(1)
    )


def on_registered(application: Application) -> None:
    _add(registered(application))


def on_ended(application: Application) -> None:
    _add(ended(application))


def on_assessed(application: Application, assessment: Assessment) -> None:
    """A correction takes the assessment it corrects out of the counts."""
    if assessment.corrects_id is not None:
        previous = db.session.get(Assessment, assessment.corrects_id)
        if previous is not None:
            _add(assessed(application, previous), -1)
    _add(assessed(application, assessment))


def on_invited(application: Application, invite: ConversationInvite) -> None:
    """A new invitation moves the conversation: the earlier one is taken out."""
    previous = db.session.scalar(
        select(ConversationInvite)
        .where(
            ConversationInvite.application_id == application.id,
            ConversationInvite.id < invite.id,
        )
        .order_by(ConversationInvite.id.desc())
        .limit(1)
    )
    if previous is not None:
        _add(invited(application, previous), -1)
    _add(invited(application, invite))


def on_submitted(response: QuestionnaireResponse) -> None:
    if response.submitted_at is not None:
        _add(submitted(response, team_at(response.applicant_id, response.submitted_at)))


def on_decided(response: QuestionnaireResponse, decision: RoutingDecision) -> None:
    _add(decided(response, decision, team_at(response.applicant_id, decision.decided_at)))


def on_facts_changed(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
    """A person's row in the file changed (facts_services.refresh)."""
    _add(four_months(old), -1)
    _add(four_months(new))


def on_reviewed(review: Review) -> None:
    _add(reviewed(review, team_at(review.person_id, review.done_at)))


# Read and rebuilt --------------------------------------------------------------------------


def sums(metrics: Sequence[str], period: rules.Period, team: int | None) -> dict[str, Counter[str]]:
    """metric → key → the sum over the months of the period (periods are whole months)."""
    query = (
        select(Count.metric, Count.key, func.sum(Count.value))
        .where(
            Count.metric.in_(metrics),
            Count.month.between(_month(period.first), _month(period.last)),
        )
        .group_by(Count.metric, Count.key)
    )
    if team is not None:
        query = query.where(Count.team == team)
    result: dict[str, Counter[str]] = {metric: Counter() for metric in metrics}
    for metric, key, value in db.session.execute(query):
        result[metric][key] += int(value or 0)
    return result


def rebuild() -> int:
    """Every count again from the records; returns the number of count rows."""
    db.session.execute(delete(Count))
    keys: Counter[Key] = Counter()
    teams: dict[int, list[tuple[datetime, int | None]]] = defaultdict(list)
    applications: dict[int, Application] = {}
    for application in db.session.scalars(select(Application).order_by(Application.id)):
        applications[application.id] = application
        teams[application.applicant_id].append((application.created_at, application.team_id))
        keys.update(registered(application) + ended(application))

    def team(person_id: int, moment: datetime) -> int | None:
        made = [t for created, t in teams.get(person_id, ()) if created <= moment]
        return made[-1] if made else None

    # Only the latest assessment and invitation of an application count.
    assessments = {
        a.application_id: a for a in db.session.scalars(select(Assessment).order_by(Assessment.id))
    }
    for application_id, assessment in assessments.items():
        keys.update(assessed(applications[application_id], assessment))
    invites = {
        i.application_id: i
        for i in db.session.scalars(select(ConversationInvite).order_by(ConversationInvite.id))
    }
    for application_id, invite in invites.items():
        keys.update(invited(applications[application_id], invite))
    for response in db.session.scalars(
        select(QuestionnaireResponse).where(QuestionnaireResponse.status == SUBMITTED)
    ):
        if response.submitted_at is not None:
            keys.update(submitted(response, team(response.applicant_id, response.submitted_at)))
    for decision, response in db.session.execute(
        select(RoutingDecision, QuestionnaireResponse).join(
            QuestionnaireResponse, QuestionnaireResponse.id == RoutingDecision.response_id
        )
    ):
        keys.update(decided(response, decision, team(response.applicant_id, decision.decided_at)))
    for review in db.session.scalars(select(Review)):
        keys.update(reviewed(review, team(review.person_id, review.done_at)))
    facts = PersonFacts
    for row in db.session.execute(
        select(facts.team_id, facts.self_starter_on, facts.left_on, facts.left_status)
    ).mappings():
        keys.update(four_months(dict(row)))
    rows = [
        {"metric": m, "month": month, "team": t, "key": k, "value": n}
        for (m, month, t, k), n in keys.items()
        if n
    ]
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(Count), rows[start : start + 5000])
    db.session.flush()
    return len(rows)
