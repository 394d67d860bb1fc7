"""Showing answers and results to people: labels translated, numbers plain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

import questionnaires
from portal.intake import line_services as lines
from portal.intake.models import QuestionnaireResponse, ServiceLine
from questionnaires import engine
from questionnaires.model import Outcome, Question, Questionnaire, Signal, Step


def answer_text(question: Question, value: Any) -> str:
    """An answer as the person chose it, in their language."""
    if value is None or value == [] or value == "":
        return _("No answer")
    if question.type == "multiple":
        return ", ".join(_(o.label) for o in question.options if o.value in value)
    if question.type in ("single", "yes_no"):
        option = question.option(value)
        return _(option.label) if option else str(value)
    if question.type == "scale":
        assert question.maximum is not None  # noqa: S101 -- the loader requires it on a scale
        return _("%(value)s out of %(max)s", value=value, max=int(question.maximum))
    return str(value)


def positive_health(definition: Questionnaire, answers: dict[str, Any]) -> list[tuple[str, Any]]:
    """(question text, score) of the Positieve Gezondheid questions, in order."""
    return [
        (q.text, answers.get(q.id)) for q in definition.questions if q.topic == "positive_health"
    ]


def sections(
    definition: Questionnaire, answers: dict[str, Any], protected: bool = True
) -> list[tuple[Step, list[Question]]]:
    """The pages and their answered questions; without the protected ones (gender, country
    of birth: asked for fairness monitoring only) where `protected` is False."""
    found = []
    for step in engine.visible_steps(definition, answers):
        questions = [
            q
            for q in engine.step_questions(definition, step, answers)
            if protected or not q.protected
        ]
        if questions:
            found.append((step, questions))
    return found


@dataclass(frozen=True)
class LadderView:
    step: int
    text: str  # what the person does now, in words
    steps: list[tuple[int, str]]  # (step, label), 1 to 6


def ladder(definition: Questionnaire, response: QuestionnaireResponse) -> LadderView | None:
    """The stored ladder step with the words of the rule that gave it."""
    if definition.ladder is None or response.ladder_step is None:
        return None
    computed = questionnaires.ladder(definition, response.answers)
    text = computed[1] if computed and computed[0] == response.ladder_step else ""
    steps = sorted((s.step, s.label) for s in definition.ladder.steps)
    return LadderView(response.ladder_step, text, steps)


def help_on_offer(definition: Questionnaire, signal_ids: list[str] | None) -> list[Signal]:
    """The person's signals that carry help for them (with contact or link), in order."""
    found = set(signal_ids or [])
    return [s for s in definition.signals if s.id in found and s.help]


@dataclass(frozen=True)
class Result:
    advised: Outcome
    decided: Outcome | None
    next_steps: str  # of the decided outcome, or else of the advice, fitting the answers
    horizon: str
    supplementary: str | None  # a questionnaire that is open for the person now


def result(
    definition: Questionnaire, response: QuestionnaireResponse, line: ServiceLine | None
) -> Result:
    """What the applicant is told: after a decision, the decided line and its next steps."""
    assert response.advised_outcome is not None  # noqa: S101 -- set when it was submitted
    scheme = definition.scheme(response.scheme)
    advised = lines.shown(scheme.outcome(response.advised_outcome), line)
    decision = response.decision
    decided = lines.shown(scheme.outcome(decision.final_outcome), line) if decision else None
    current = decided or advised
    opens = lines.supplementary_for(line) if current.supplementary else None
    return Result(
        advised=advised,
        decided=decided,
        next_steps=questionnaires.next_steps(
            definition, response.scheme, current.id, response.answers
        ),
        horizon=current.horizon,
        supplementary=opens,
    )
