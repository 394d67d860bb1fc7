"""Questionnaires as versioned data with a pure engine (see ARCHITECTURE.md).

Public API: `load(id, version)`, `evaluate(definition, answers, scheme=None)`. This package
imports nothing from flask, sqlalchemy or portal; a test checks it.
"""

from __future__ import annotations

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
    "load",
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
    """The values routes and signals were evaluated against, for explaining a result."""
    return routing.context(result.answers, result.scores, result.bands)


def evaluate(
    definition: Questionnaire, answers: dict[str, Any], scheme: str | None = None
) -> Evaluation:
    """Deterministic: same definition and answers, same result."""
    cleaned = engine.clean(definition, answers)
    scale_scores = scoring.scores(definition, cleaned)
    scale_bands = scoring.bands(definition, scale_scores)
    chosen = definition.scheme(scheme)
    values = routing.context(cleaned, scale_scores, scale_bands)
    matched = routing.route(chosen, values)
    return Evaluation(
        answers=cleaned,
        visible=tuple(q.id for q in engine.visible_questions(definition, cleaned)),
        missing=tuple(engine.missing_required(definition, cleaned)),
        scores=scale_scores,
        bands=scale_bands,
        scheme=chosen.id,
        route_id=matched.id,
        outcome=chosen.outcome(matched.outcome),
        reasons=matched.reasons,
        signals=tuple(s.id for s in definition.signals if holds(s.when, values)),
    )
