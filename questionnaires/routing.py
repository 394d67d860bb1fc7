"""Ordered routes, the first match wins, an explicit default; every route has reasons."""

from __future__ import annotations

from typing import Any

from questionnaires.conditions import evaluate as holds
from questionnaires.model import Route, Scheme


def context(
    answers: dict[str, Any], scale_scores: dict[str, float], scale_bands: dict[str, str]
) -> dict[tuple[str, str], Any]:
    values: dict[tuple[str, str], Any] = {("question", k): v for k, v in answers.items()}
    values.update({("scale", k): v for k, v in scale_scores.items()})
    values.update({("band", k): v for k, v in scale_bands.items()})
    return values


def route(scheme: Scheme, values: dict[tuple[str, str], Any]) -> Route:
    """The first route whose condition holds, else the default."""
    for candidate in scheme.routes:
        if holds(candidate.when, values):
            return candidate
    return scheme.default
