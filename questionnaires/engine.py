"""Visible questions, answer parsing, missing answers, step navigation. Pure functions."""

from __future__ import annotations

from datetime import date
from typing import Any

from questionnaires.conditions import evaluate as holds
from questionnaires.model import Question, Questionnaire, Step

# Error codes; the portal turns them into sentences in the user's language.
REQUIRED, NOT_A_NUMBER, OUT_OF_RANGE, INVALID_CHOICE, INVALID_DATE, TOO_LONG = (
    "required",
    "not_a_number",
    "out_of_range",
    "invalid_choice",
    "invalid_date",
    "too_long",
)


def visible_questions(qn: Questionnaire, answers: dict[str, Any]) -> list[Question]:
    """Questions shown for these answers, in order (conditions see only visible answers)."""
    shown: list[Question] = []
    seen: dict[tuple[str, str], Any] = {}  # the values show_if reads, built up as we go
    for question in qn.questions:
        if holds(question.show_if, seen):
            shown.append(question)
            if question.id in answers:
                seen[("question", question.id)] = answers[question.id]
    return shown


def clean(qn: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Only the answers to visible questions; hidden answers are dropped."""
    return {q.id: answers[q.id] for q in visible_questions(qn, answers) if q.id in answers}


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def missing_required(qn: Questionnaire, answers: dict[str, Any]) -> list[str]:
    return [
        q.id for q in visible_questions(qn, answers) if q.required and is_empty(answers.get(q.id))
    ]


def visible_steps(qn: Questionnaire, answers: dict[str, Any]) -> list[Step]:
    """Steps with at least one visible question."""
    shown = {q.id for q in visible_questions(qn, answers)}
    return [s for s in qn.steps if any(q.id in shown for q in s.questions)]


def possible_steps(qn: Questionnaire, answers: dict[str, Any]) -> list[Step]:
    """Visible steps, and steps that may still appear: one of their questions depends on a
    question that has no answer yet. Counting these gives a page count that does not grow
    while someone answers in order ("page 5 of 9" never becomes "page 6 of 10")."""
    shown = {q.id for q in visible_questions(qn, answers)}

    def undecided(question: Question) -> bool:
        refs = question.show_if.refs() if question.show_if else []
        return any(kind == "question" and is_empty(answers.get(ref)) for kind, ref in refs)

    return [s for s in qn.steps if any(q.id in shown or undecided(q) for q in s.questions)]


def step_questions(qn: Questionnaire, step: Step, answers: dict[str, Any]) -> list[Question]:
    shown = {q.id for q in visible_questions(qn, answers)}
    return [q for q in step.questions if q.id in shown]


def neighbours(
    qn: Questionnaire, step_id: str, answers: dict[str, Any]
) -> tuple[Step | None, Step | None]:
    """(previous, next) visible step around step_id."""
    steps = visible_steps(qn, answers)
    ids = [s.id for s in steps]
    if step_id not in ids:
        return None, (steps[0] if steps else None)
    i = ids.index(step_id)
    return (steps[i - 1] if i > 0 else None), (steps[i + 1] if i + 1 < len(steps) else None)


def parse_answer(question: Question, raw: Any) -> tuple[Any, str | None]:
    """A submitted raw value → (stored value, error code or None). Empty is None/[]."""
    if question.type == "multiple":
        values = [v for v in (raw or []) if v != ""]
        known = {o.value for o in question.options}
        if any(v not in known for v in values):
            return values, INVALID_CHOICE
        ordered = [o.value for o in question.options if o.value in values]
        return ordered, (REQUIRED if question.required and not ordered else None)
    text = (raw or "").strip() if isinstance(raw, str) else raw
    if is_empty(text):
        return None, (REQUIRED if question.required else None)
    if question.type in ("single", "yes_no"):
        return (text, None) if question.option(text) else (text, INVALID_CHOICE)
    if question.type in ("scale", "number"):
        try:
            number = float(str(text).replace(",", "."))
        except ValueError:
            return text, NOT_A_NUMBER
        if number != number or number in (float("inf"), float("-inf")):
            return text, NOT_A_NUMBER
        value = int(number) if number.is_integer() else number
        if question.type == "scale" and not float(number).is_integer():
            return text, OUT_OF_RANGE
        if (question.minimum is not None and value < question.minimum) or (
            question.maximum is not None and value > question.maximum
        ):
            return text, OUT_OF_RANGE
        return value, None
    if question.type == "date":
        try:
            return date.fromisoformat(str(text)).isoformat(), None
        except ValueError:
            return text, INVALID_DATE
    if len(str(text)) > question.max_length:
        return text, TOO_LONG
    return str(text), None
