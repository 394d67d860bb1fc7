"""Showing answers and results to people: labels translated, numbers plain."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from questionnaires.model import Question, Questionnaire


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
