"""The figures' row per person in the file, kept when the facts behind it change.

The app wires `refresh` to the events of a routing decision and a three-month review
(portal.setup); `rebuild` writes every row again from the source records (`portal figures
rebuild`, and `portal init-db` when the table is still empty). Both use `compose`, so a row
kept by events is the row a rebuild would write — a test holds them to that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select

from portal import clock
from portal.coaching.models import Review
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.figures import count_services as counts
from portal.figures import rules
from portal.figures import snapshot_services as snapshots
from portal.figures.models import Count, PersonFacts
from portal.intake import line_services
from portal.intake.models import QuestionnaireResponse, RoutingDecision, ServiceLine
from portal.searchperiod.models import Application

CHUNK = 2000
# What the stored counts read of a row (snapshot_services.keep, count_services.four_months).
_COLUMNS = (
    *("team_id", "scheme", "outcome", "gender", "barrier"),
    *("born_on", "benefit_since", "in_file_on", "left_on", "self_starter_on", "left_status"),
)
GENDERS = frozenset({"woman", "man", "other"})  # "rather not say" and no answer: not known
BARRIER_BANDS = frozenset({"none", "some", "many"})


@dataclass(frozen=True)
class Sources:
    """Everything about one person that the row is made of."""

    line: ServiceLine
    decisions: Sequence[tuple[datetime, str, bool, QuestionnaireResponse]]  # at, outcome, main
    applications: Sequence[Application]  # oldest first
    ended: tuple[datetime, str] | None  # the latest review that ended the coaching


def compose(
    person_id: int, sources: Sources, self_reliant: frozenset[str], now: datetime
) -> dict[str, Any] | None:
    """The row's values, or None when the person is not (yet) in the file. `self_reliant`:
    the outcomes served by an e-coach (Zelfdoeners, profile 1), as the definitions say."""
    decided = [
        rules.Decided(clock.today(at), outcome, main) for at, outcome, main, _ in sources.decisions
    ]
    ended = (clock.today(sources.ended[0]), sources.ended[1]) if sources.ended else None
    stay = rules.file_stay(decided, ended, self_reliant)
    if stay.in_file_on is None:
        return None
    main = [response for _, _, is_main, response in sources.decisions if is_main]
    response = main[-1] if main else None
    answers = dict(response.answers or {}) if response else {}
    bands = dict(response.bands or {}) if response else {}
    before = [a for a in sources.applications if a.applied_on <= stay.in_file_on]
    latest = sources.applications[-1] if sources.applications else None
    gender, barrier = answers.get("gender"), bands.get("barriers")
    return {
        "person_id": person_id,
        "team_id": latest.team_id if latest else None,
        "scheme": sources.line.scheme,
        "outcome": sources.line.outcome,
        "born_on": latest.born_on if latest else None,
        "gender": gender if gender in GENDERS else None,
        "barrier": barrier if barrier in BARRIER_BANDS else None,
        # The participation-ladder step, where the advice keeps one (the routing change).
        "ladder_step": response.ladder_step if response else None,
        "benefit_since": before[-1].applied_on if before else None,
        "in_file_on": stay.in_file_on,
        "self_starter_on": stay.self_starter_on,
        "left_on": stay.left_on,
        "left_status": stay.left_status,
        "updated_at": now,
    }


def refresh(person_id: int, now: datetime) -> None:
    """Write the person's row again (or remove it) inside the caller's transaction, and move
    the stored file counts of today by the change."""
    values = next(iter(_composed([person_id], now).values()), None)
    row = db.session.get(PersonFacts, person_id)
    before = {name: getattr(row, name) for name in _COLUMNS} if row is not None else None
    if values is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(PersonFacts(**values))
    else:
        for name, value in values.items():
            setattr(row, name, value)
    db.session.flush()
    snapshots.keep(before, values, clock.today(now))
    counts.on_facts_changed(before, values)


def rebuild(now: datetime) -> int:
    """Every row again from the source records, in chunks; returns the number of rows."""
    db.session.execute(delete(PersonFacts))
    ids = list(
        db.session.scalars(select(ServiceLine.applicant_id).order_by(ServiceLine.applicant_id))
    )
    written = 0
    for start in range(0, len(ids), CHUNK):
        rows = list(_composed(ids[start : start + CHUNK], now).values())
        if rows:
            db.session.execute(insert(PersonFacts), rows)
            written += len(rows)
    db.session.flush()
    return written


def missing() -> bool:
    """True when there are applications but no figures yet (a database from before the
    figures): `portal init-db` then rebuilds them."""
    applications = db.session.scalar(select(func.count()).select_from(Application)) or 0
    counted = db.session.scalar(select(func.count()).select_from(Count)) or 0
    return applications > 0 and counted == 0


def _composed(person_ids: Iterable[int], now: datetime) -> dict[int, dict[str, Any]]:
    ids = list(person_ids)
    lines = {
        line.applicant_id: line
        for line in db.session.scalars(select(ServiceLine).where(ServiceLine.applicant_id.in_(ids)))
    }
    decisions: dict[int, list] = defaultdict(list)
    for decision, response in db.session.execute(
        select(RoutingDecision, QuestionnaireResponse)
        .join(QuestionnaireResponse, QuestionnaireResponse.id == RoutingDecision.response_id)
        .where(QuestionnaireResponse.applicant_id.in_(ids))
        .order_by(RoutingDecision.decided_at, RoutingDecision.id)
    ):
        main = response.questionnaire_id == MAIN_QUESTIONNAIRE[0]
        decisions[response.applicant_id].append(
            (decision.decided_at, decision.final_outcome, main, response)
        )
    applications: dict[int, list[Application]] = defaultdict(list)
    for application in db.session.scalars(
        select(Application).where(Application.applicant_id.in_(ids)).order_by(Application.id)
    ):
        applications[application.applicant_id].append(application)
    ended: dict[int, tuple[datetime, str]] = {}
    for review in db.session.scalars(
        select(Review)
        .where(Review.person_id.in_(ids), Review.outcome == "ended")
        .order_by(Review.done_at, Review.id)
    ):
        ended[review.person_id] = (review.done_at, review.end_status or "")
    self_reliant = frozenset(outcome for _scheme, outcome in line_services.self_reliant())
    result = {}
    for person_id, line in lines.items():
        sources = Sources(line, decisions[person_id], applications[person_id], ended.get(person_id))
        values = compose(person_id, sources, self_reliant, now)
        if values is not None:
            result[person_id] = values
    return result
