"""Scale scores from the weights of visible answers, and the band of each score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from questionnaires.engine import visible_questions
from questionnaires.model import Question, Questionnaire


def scores(
    qn: Questionnaire, answers: dict[str, Any], visible: Sequence[Question] | None = None
) -> dict[str, float]:
    """Sum of weights per scale over visible, answered questions (hidden answers never count).
    `visible`: the visible questions for these answers, when the caller has them already."""
    totals = {s.id: 0.0 for s in qn.scales}
    for question in visible_questions(qn, answers) if visible is None else visible:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.weights and isinstance(value, (int, float)):
            for scale, weight in question.weights.items():
                totals[scale] += weight * value
        chosen = value if isinstance(value, list) else [value]
        for option in question.options:
            if option.value in chosen:
                for scale, weight in option.weights.items():
                    totals[scale] += weight
    return {k: round(v, 6) for k, v in totals.items()}


def bands(qn: Questionnaire, scale_scores: dict[str, float]) -> dict[str, str]:
    return {s.id: s.band_for(scale_scores[s.id]).id for s in qn.scales}
