"""Questionnaires as versioned data with a pure engine (see docs/architecture.md).

Public API: `load(id, version)`, `evaluate(definition, answers, scheme=None, facts=None)`,
`next_steps(...)`, `ladder(...)`. This package imports nothing from flask, sqlalchemy or
portal; a test checks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from questionnaires import engine, routing, scoring
from questionnaires.checks import DefinitionError
from questionnaires.conditions import evaluate as holds
from questionnaires.loader import DEFINITIONS, definition_files, load_file
from questionnaires.model import Outcome, Questionnaire

__all__ = [
    "DefinitionError",
    "Evaluation",
    "Questionnaire",
    "available",
    "context",
    "evaluate",
    "holds",
    "ladder",
    "load",
    "next_steps",
    "values_for",
]


@dataclass(frozen=True)
class Evaluation:
    answers: dict[str, Any]  # cleaned: hidden answers dropped
    visible: tuple[str, ...]
    missing: tuple[str, ...]
    scores: dict[str, float]
    bands: dict[str, str]
    scheme: str
    route_id: str
    outcome: Outcome
    reasons: tuple[str, ...]
    signals: tuple[str, ...]
    factors: tuple[str, ...] = ()  # the factors the reasons name
    next_steps: str = ""  # of the outcome, the variant that fits these answers
    ladder: int | None = None  # participation-ladder step from the factual answers
    ladder_text: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing


@lru_cache(maxsize=32)
def load(questionnaire_id: str, version: int) -> Questionnaire:
    """A shipped definition by id and version (old versions stay loadable)."""
    return load_file(DEFINITIONS / f"{questionnaire_id}.v{version}.toml")


def available() -> list[tuple[str, int]]:
    """(id, version) of every shipped definition."""
    found = []
    for path in definition_files():
        name, _, version = path.stem.rpartition(".v")
        found.append((name, int(version)))
    return found


def context(result: Evaluation) -> dict[tuple[str, str], Any]:
    """The values routes were evaluated against, for explaining a result (facts left out)."""
    return routing.context(result.answers, result.scores, result.bands)


def values_for(
    definition: Questionnaire, answers: dict[str, Any], facts: Mapping[str, Any] | None = None
) -> dict[tuple[str, str], Any]:
    """The values conditions read, from (stored) answers."""
    cleaned = engine.clean(definition, answers)
    scale_scores = scoring.scores(definition, cleaned)
    return routing.context(cleaned, scale_scores, scoring.bands(definition, scale_scores), facts)


def next_steps(
    definition: Questionnaire, scheme: str, outcome_id: str, answers: dict[str, Any]
) -> str:
    """What happens next for this outcome (the advice or a consultant's other choice)."""
    outcome = definition.scheme(scheme).outcome(outcome_id)
    return routing.next_steps(outcome, values_for(definition, answers))


def ladder(definition: Questionnaire, answers: dict[str, Any]) -> tuple[int, str] | None:
    """(step, words) on the participation ladder for these answers, or None."""
    return routing.ladder_step(definition, values_for(definition, answers))


def evaluate(
    definition: Questionnaire,
    answers: dict[str, Any],
    scheme: str | None = None,
    facts: Mapping[str, Any] | None = None,
) -> Evaluation:
    """Deterministic: same definition, answers and facts, same result. Facts (age on the
    application date) reach signals only; the loader refuses them anywhere else."""
    shown = engine.visible_questions(definition, answers)  # once: it is most of the work
    cleaned = {q.id: answers[q.id] for q in shown if q.id in answers}
    scale_scores = scoring.scores(definition, cleaned, shown)
    scale_bands = scoring.bands(definition, scale_scores)
    chosen = definition.scheme(scheme)
    values = routing.context(cleaned, scale_scores, scale_bands, facts)
    matched = routing.route(chosen, values)
    reasons, factors = routing.explain(definition, matched, values)
    outcome = chosen.outcome(matched.outcome)
    step = routing.ladder_step(definition, values)
    return Evaluation(
        answers=cleaned,
        visible=tuple(q.id for q in shown),
        missing=tuple(q.id for q in shown if q.required and engine.is_empty(cleaned.get(q.id))),
        scores=scale_scores,
        bands=scale_bands,
        scheme=chosen.id,
        route_id=matched.id,
        outcome=outcome,
        reasons=reasons,
        signals=tuple(s.id for s in definition.signals if holds(s.when, values)),
        factors=factors,
        next_steps=routing.next_steps(outcome, values),
        ladder=step[0] if step else None,
        ladder_text=step[1] if step else "",
    )
