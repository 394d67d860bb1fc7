"""The applicant objects to the advice before the decision (AVG art. 22: to express one's point
of view and contest); the consultant must answer it with the decision."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from portal import audit
from portal.authz import Permission, ensure_for
from portal.db import db
from portal.domain import DomainError
from portal.intake.models import (
    OBJECTED,
    SUBMITTED,
    Objection,
    QuestionnaireResponse,
    RoutingDecision,
)

MAX_TEXT = 2000


def object_to(
    actor, response: QuestionnaireResponse, reasons: list[str], text: str, now: datetime
) -> Objection:
    """The person (or a representative whose kind allows it) says they do not agree: one
    objection per advice, only while no decision was made."""
    ensure_for(actor, response.applicant_id, Permission.ANSWER_QUESTIONNAIRES, now)
    if response.status != SUBMITTED or response.decision is not None:
        raise DomainError(_("A consultant has already decided. You cannot object here any more."))
    if response.objection is not None:
        raise DomainError(_("You already told us that you do not agree."))
    text = (text or "").strip()
    if not reasons and not text:
        raise DomainError(_("Choose a reason or write why you do not agree."), field="reasons")
    if len(text) > MAX_TEXT:
        raise DomainError(_("Use at most %(count)s characters.", count=MAX_TEXT), field="text")
    objection = Objection(
        response_id=response.id, reasons=list(reasons), text=text, made_by_id=actor.id, made_at=now
    )
    db.session.add(objection)
    response.queue_rank = OBJECTED  # first in the consultant's queue
    try:
        db.session.flush()  # the response's revision: no objection from another tab meanwhile
    except StaleDataError:
        raise DomainError(_("You already told us that you do not agree.")) from None
    db.session.refresh(response, ["objection"])
    audit.record(
        actor,
        "routing.objection",
        "questionnaire_response",
        response.id,
        detail=",".join(reasons)[:200],
    )
    return objection


def answer(actor, response: QuestionnaireResponse, decision: RoutingDecision, text: str) -> None:
    """With the decision: an objection must be answered (the applicant reads the answer)."""
    objection = response.objection
    if objection is None:
        return
    text = (text or "").strip()
    if not text:
        raise DomainError(
            _("The applicant objected to the advice. Answer the objection."), field="answer"
        )
    objection.answer, objection.answered_by_id = text, actor.id
    objection.answered_at = decision.decided_at
    audit.record(actor, "routing.objection_answered", "questionnaire_response", response.id)
