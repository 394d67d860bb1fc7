"""Filling in questionnaires, submitting them, and the human decision on the advice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

import questionnaires
from portal import audit, events, scope
from portal.authz import Permission, ensure
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.domain import DomainError
from portal.intake.models import (
    DRAFT,
    SUBMITTED,
    QuestionnaireResponse,
    RoutingDecision,
    ServiceLine,
)
from questionnaires import engine
from questionnaires.model import Questionnaire, Step

SUPPLEMENTARY = ("aanvullend_mp", 1)
# Confirmed outcomes after which the supplementary questionnaire is asked (seed 001, 2.6).
SUPPLEMENTARY_AFTER = {"maatschappelijke_participatie", "profile_4"}
# "Can after all be guided to work": the line that means in each scheme.
BACK_TO_WORK = {"drie_lijnen": "klantondersteuning", "clientprofielen": "profile_2"}
CURRENT = dict([MAIN_QUESTIONNAIRE, SUPPLEMENTARY])


def definition(response: QuestionnaireResponse) -> Questionnaire:
    """The definition version this response was answered with (old versions stay loadable)."""
    return questionnaires.load(response.questionnaire_id, response.version)


def current_definition(questionnaire_id: str) -> Questionnaire:
    """The version new responses to this questionnaire get."""
    return questionnaires.load(questionnaire_id, CURRENT[questionnaire_id])


def service_line(applicant) -> ServiceLine | None:
    return db.session.get(ServiceLine, applicant.id)


def available(applicant) -> list[str]:
    """Questionnaire ids this applicant may fill in now."""
    ids = [MAIN_QUESTIONNAIRE[0]]
    line = service_line(applicant)
    if line is not None and line.outcome in SUPPLEMENTARY_AFTER:
        ids.append(SUPPLEMENTARY[0])
    return ids


def latest(applicant, questionnaire_id: str) -> QuestionnaireResponse | None:
    return db.session.scalar(
        select(QuestionnaireResponse)
        .where(
            QuestionnaireResponse.applicant_id == applicant.id,
            QuestionnaireResponse.questionnaire_id == questionnaire_id,
        )
        .order_by(QuestionnaireResponse.id.desc())
        .limit(1)
    )


def start(applicant, questionnaire_id: str, scheme: str, now: datetime) -> QuestionnaireResponse:
    """The applicant's response to this questionnaire: the existing one, or a new draft."""
    ensure(applicant, Permission.ANSWER_QUESTIONNAIRES)
    existing = latest(applicant, questionnaire_id)
    if existing is not None:
        return existing
    version = CURRENT[questionnaire_id]
    loaded = questionnaires.load(questionnaire_id, version)
    response = QuestionnaireResponse(
        applicant_id=applicant.id,
        questionnaire_id=questionnaire_id,
        version=version,
        scheme=scheme if scheme in loaded.schemes else loaded.default_scheme,
        status=DRAFT,
        answers={},
        started_at=now,
        updated_at=now,
    )
    db.session.add(response)
    db.session.flush()
    return response


def save_step(
    response: QuestionnaireResponse, step: Step, values: dict[str, Any], now: datetime
) -> None:
    """Store one page's answers (already checked); empty answers are removed."""
    if response.status != DRAFT:
        raise DomainError(_("You already sent your answers. They cannot be changed."))
    answers = dict(response.answers)
    for question in engine.step_questions(definition(response), step, answers):
        if question.id in values and not engine.is_empty(values[question.id]):
            answers[question.id] = values[question.id]
        else:
            answers.pop(question.id, None)
    response.answers = answers
    response.last_step = step.id
    response.updated_at = now
    db.session.flush()


def submit(response: QuestionnaireResponse, now: datetime) -> questionnaires.Evaluation:
    """Evaluate and freeze: the answers and the advice with its reasons are kept as they are."""
    if response.status != DRAFT:
        raise DomainError(_("You already sent your answers. They cannot be changed."))
    result = questionnaires.evaluate(definition(response), response.answers, response.scheme)
    if result.missing:
        raise DomainError(_("Some questions have no answer yet. Answer them first."))
    response.answers = result.answers
    response.status = SUBMITTED
    response.submitted_at = response.updated_at = now
    response.route_id = result.route_id
    response.advised_outcome = result.outcome.id
    response.reasons = list(result.reasons)
    response.scores = result.scores
    response.bands = result.bands
    response.signals = list(result.signals)
    db.session.flush()
    events.questionnaire_submitted.send(None, response=response)
    return result


def decide(
    actor, response: QuestionnaireResponse, final_outcome: str, reason: str, now: datetime
) -> RoutingDecision:
    """Confirm or correct the advice; only this changes the applicant's service line."""
    ensure(actor, Permission.CONFIRM_ROUTING)
    if response.status != SUBMITTED or response.decision is not None:
        raise DomainError(_("A decision on this advice has already been made."))
    scheme = definition(response).scheme(response.scheme)
    if final_outcome not in {o.id for o in scheme.outcomes}:
        raise DomainError(_("Choose one of the options."), field="outcome")
    overridden = final_outcome != response.advised_outcome
    reason = (reason or "").strip()
    if overridden and not reason:
        raise DomainError(
            _("Explain why you choose something else than the advice."), field="reason"
        )
    decision = RoutingDecision(
        response_id=response.id,
        advised_outcome=response.advised_outcome,
        final_outcome=final_outcome,
        overridden=overridden,
        reason=reason or None,
        decided_by_id=actor.id,
        decided_at=now,
    )
    db.session.add(decision)
    db.session.flush()
    _apply(response, decision, now)
    audit.record(
        actor,
        "routing.override" if overridden else "routing.confirm",
        "questionnaire_response",
        response.id,
        detail=final_outcome,
    )
    events.routing_decided.send(
        None, applicant_id=response.applicant_id, response=response, decision=decision, now=now
    )
    return decision


def _apply(response: QuestionnaireResponse, decision: RoutingDecision, now: datetime) -> None:
    line = service_line(response.applicant)
    if response.questionnaire_id == MAIN_QUESTIONNAIRE[0]:
        if line is None:
            line = ServiceLine(applicant_id=response.applicant_id)
            db.session.add(line)
        line.scheme, line.outcome, line.activity = response.scheme, decision.final_outcome, None
    elif line is not None:
        if decision.final_outcome == "klantondersteuning":
            line.outcome, line.activity = BACK_TO_WORK.get(line.scheme, line.outcome), None
        else:
            line.activity = decision.final_outcome
    if line is not None:
        line.decision_id, line.since = decision.id, now
    db.session.flush()


def awaiting(consultant, page: int, per_page: int) -> tuple[list[QuestionnaireResponse], int]:
    """Submitted responses without a decision in the consultant's scope, oldest first."""
    query = (
        select(QuestionnaireResponse)
        .outerjoin(RoutingDecision)
        .where(
            QuestionnaireResponse.status == SUBMITTED,
            RoutingDecision.id.is_(None),
            scope.visible(consultant, QuestionnaireResponse.applicant_id),
        )
    )
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    items = db.session.scalars(
        query.options(selectinload(QuestionnaireResponse.applicant))
        .order_by(QuestionnaireResponse.submitted_at, QuestionnaireResponse.id)
        .limit(per_page)
        .offset((max(1, page) - 1) * per_page)
    ).all()
    return list(items), total


def override_figures() -> list[dict]:
    """Per questionnaire, scheme and route: decisions and how many overrode the advice."""
    rows = db.session.execute(
        select(
            QuestionnaireResponse.questionnaire_id,
            QuestionnaireResponse.scheme,
            QuestionnaireResponse.route_id,
            QuestionnaireResponse.advised_outcome,
            func.count(RoutingDecision.id),
            func.sum(case((RoutingDecision.overridden, 1), else_=0)),
        )
        .join(RoutingDecision)
        .group_by(
            QuestionnaireResponse.questionnaire_id,
            QuestionnaireResponse.scheme,
            QuestionnaireResponse.route_id,
            QuestionnaireResponse.advised_outcome,
        )
        .order_by(QuestionnaireResponse.questionnaire_id, QuestionnaireResponse.route_id)
    ).all()
    return [
        {
            "questionnaire": q,
            "scheme": s,
            "route": r,
            "outcome": o,
            "decisions": n,
            "overridden": int(k or 0),
            "share": round(100 * int(k or 0) / n) if n else 0,
        }
        for q, s, r, o, n, k in rows
    ]
