"""Filling in questionnaires, submitting them, and the human decision on the advice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import CursorResult, bindparam, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

import questionnaires
from portal import audit, events, scope
from portal.authz import Permission, Purpose, ensure, ensure_purpose, represents
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db, fetch, utcnow
from portal.domain import DomainError
from portal.intake import figure_services, version_services
from portal.intake import line_services as lines
from portal.intake import objection_services as objections
from portal.intake.models import (
    DRAFT,
    SUBMITTED,
    QuestionnaireResponse,
    RoutingDecision,
    ServiceLine,
)
from portal.mail import queue_mail
from portal.pages import Page, paginate
from portal.roles import Role
from portal.urls import external_url
from questionnaires import engine
from questionnaires.model import Questionnaire, Step

service_line = lines.service_line


def definition(response: QuestionnaireResponse) -> Questionnaire:
    """The definition version this response was answered with (old versions stay loadable)."""
    return version_services.load(response.questionnaire_id, response.version)


def current_definition(questionnaire_id: str) -> Questionnaire:
    """The version new responses to this questionnaire get."""
    version = lines.current_version(questionnaire_id)
    if version is None:
        raise LookupError(questionnaire_id)
    return version_services.load(questionnaire_id, version)


def available(applicant) -> list[str]:
    """Questionnaire ids this applicant may fill in now: the Entreevragenlijst, and the
    supplementary questionnaire that a confirmed line asks for (declared in the definition)."""
    ids = [MAIN_QUESTIONNAIRE[0]]
    supplementary = lines.supplementary_for(service_line(applicant))
    if supplementary is not None and lines.current_version(supplementary) is not None:
        ids.append(supplementary)
    return ids


def facts_for(applicant) -> dict[str, Any]:
    """Facts from outside the questionnaire its signals may use (the age on the application
    date), asked of the feature that knows them; empty without an application."""
    return events.ask(events.applicant_facts, person_id=applicant.id) or {}


def read(actor, response: QuestionnaireResponse, purpose: Purpose) -> QuestionnaireResponse:
    """Answers, scores and bands are read only for a purpose they serve, and every read is in
    the audit log. The applicant reads only their own; a representative (a mentor or curator)
    that of the person they act for."""
    if purpose is Purpose.OWN and getattr(actor, "role", None) is Role.REPRESENTATIVE:
        if not represents(actor, response.applicant_id, Permission.READ_INTAKE_RESULTS, utcnow()):
            raise PermissionError("no mandate that covers the advice")
    else:
        ensure_purpose(actor, Permission.READ_INTAKE_RESULTS, purpose)
        if purpose is Purpose.OWN and response.applicant_id != actor.id:
            raise PermissionError("not the applicant's own response")
    audit.record(
        actor, "questionnaire.view", "questionnaire_response", response.id, detail=purpose.value
    )
    return response


def submitted_main(person) -> QuestionnaireResponse | None:
    """The person's sent Entreevragenlijst, if any."""
    response = latest(person, MAIN_QUESTIONNAIRE[0])
    return response if response is not None and response.status == SUBMITTED else None


# Built once (every questionnaire page asks it): the applicant and questionnaire are bound.
_LATEST = (
    select(QuestionnaireResponse)
    .where(
        QuestionnaireResponse.applicant_id == bindparam("applicant_id"),
        QuestionnaireResponse.questionnaire_id == bindparam("questionnaire_id"),
    )
    .order_by(QuestionnaireResponse.id.desc())
    .limit(1)
)


def latest(applicant, questionnaire_id: str) -> QuestionnaireResponse | None:
    return db.session.scalar(
        _LATEST, {"applicant_id": applicant.id, "questionnaire_id": questionnaire_id}
    )


def start(applicant, questionnaire_id: str, scheme: str, now: datetime) -> QuestionnaireResponse:
    """The applicant's response to this questionnaire: the existing one, or a new draft."""
    ensure(applicant, Permission.ANSWER_QUESTIONNAIRES)
    existing = latest(applicant, questionnaire_id)
    if existing is not None:
        return existing
    loaded = current_definition(questionnaire_id)
    version = loaded.version
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


MERGE_ATTEMPTS = 5
_STATE = select(  # built once: every saved page reads it
    QuestionnaireResponse.answers, QuestionnaireResponse.revision, QuestionnaireResponse.status
).where(QuestionnaireResponse.id == bindparam("id"))


def _merged(
    response: QuestionnaireResponse,
    saved: dict[str, Any],
    step: Step,
    values: dict[str, Any],
    writable: set[str] | None,
) -> dict[str, Any]:
    answers = dict(saved)
    for question in engine.step_questions(definition(response), step, answers):
        if writable is not None and question.id not in writable:
            continue
        if question.id in values and not engine.is_empty(values[question.id]):
            answers[question.id] = values[question.id]
        else:
            answers.pop(question.id, None)
    return answers


def save_step(
    response: QuestionnaireResponse,
    step: Step,
    values: dict[str, Any],
    now: datetime,
    writable: set[str] | None = None,
) -> None:
    """Store one page's answers (already checked); empty answers are removed. With `writable`
    (an assisted session) only those questions are touched: the others keep what they had.

    The page is merged into the answers as they are in the database at this moment, and
    written only if nobody saved in between (compare and swap on `revision`, else read again
    and retry): two tabs saving different pages at once keep both, on SQLite and PostgreSQL."""
    for _attempt in range(MERGE_ATTEMPTS):
        saved, revision, status = fetch(_STATE, {"id": response.id}).one()
        if status != DRAFT:
            raise DomainError(_("You already sent your answers. They cannot be changed."))
        written = {
            "answers": _merged(response, saved, step, values, writable),
            "revision": revision + 1,
            "last_step": step.id,
            "updated_at": now,
        }
        swapped = db.session.execute(
            update(QuestionnaireResponse)
            .where(
                QuestionnaireResponse.id == response.id,
                QuestionnaireResponse.revision == revision,
                QuestionnaireResponse.status == DRAFT,
            )
            .values(written)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(swapped, CursorResult)  # noqa: S101 -- an UPDATE gives a CursorResult
        if swapped.rowcount == 1:
            for name, value in written.items():  # what was written, without reading it back
                set_committed_value(response, name, value)
            return
    raise DomainError(
        _("Your answers were being saved in another window at the same moment. Save again.")
    )


def submit(response: QuestionnaireResponse, now: datetime) -> questionnaires.Evaluation:
    """Evaluate and freeze: the answers and the advice with its reasons are kept as they are."""
    if response.status != DRAFT:
        raise DomainError(_("You already sent your answers. They cannot be changed."))
    result = questionnaires.evaluate(
        definition(response), response.answers, response.scheme, facts_for(response.applicant)
    )
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
    response.ladder_step = result.ladder
    try:
        db.session.flush()  # checks that no page was saved since these answers were read
    except StaleDataError:
        raise DomainError(
            _("Your answers were changed in another window. Look at them and send them again.")
        ) from None
    events.questionnaire_submitted.send(None, response=response)
    if response.questionnaire_id == MAIN_QUESTIONNAIRE[0]:
        events.questionnaire_sent.send(None, applicant_id=response.applicant_id, now=now)
    return result


def decide(
    actor,
    response: QuestionnaireResponse,
    final_outcome: str,
    reason: str,
    now: datetime,
    answer: str = "",
) -> RoutingDecision:
    """Confirm or correct the advice; only this changes the applicant's service line. An
    objection of the applicant is answered with it (`answer`, required then)."""
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
    response.decided = True
    db.session.flush()
    objections.answer(actor, response, decision, answer)
    figure_services.count(response, overridden, now)
    _apply(response, decision, now)
    _announce_supplementary(response, scheme.outcome(final_outcome).supplementary)
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
        chosen = definition(response).scheme(response.scheme).outcome(decision.final_outcome)
        if chosen.hand_back:  # can be guided to work after all
            line.outcome = lines.hand_back_target(line.scheme) or line.outcome
            line.activity = None
        else:
            line.activity = decision.final_outcome
    if line is not None:
        line.decision_id, line.since = decision.id, now
    db.session.flush()


def _announce_supplementary(response: QuestionnaireResponse, supplementary: str) -> None:
    """A confirmed line that asks for more questions: tell the applicant they are ready."""
    applicant = response.applicant
    if not supplementary or lines.current_version(supplementary) is None or not applicant.email:
        return
    queue_mail(
        applicant.email,
        "supplementary_ready",
        applicant.locale or "nl",
        user=applicant,
        link=external_url("intake.index"),
    )


def awaiting(consultant, page: int, per_page: int) -> Page:
    """One page of the submitted responses without a decision in the consultant's scope: those
    the applicant objected to first, then oldest first, and whether more follow. Read through
    the partial index of undecided responses in that order; nothing counts the whole queue
    (with every other team's applications to rule out, a count was most of the page's time):
    'more than N' until the last page."""
    return paginate(
        select(QuestionnaireResponse)
        .where(
            QuestionnaireResponse.status == SUBMITTED,
            QuestionnaireResponse.decided.is_(False),
            scope.visible(consultant, QuestionnaireResponse.applicant_id),
        )
        .options(
            selectinload(QuestionnaireResponse.applicant),
            selectinload(QuestionnaireResponse.objection),
        )
        .order_by(
            QuestionnaireResponse.queue_rank,
            QuestionnaireResponse.submitted_at,
            QuestionnaireResponse.id,
        ),
        page,
        per_page,
        count=False,
    )
