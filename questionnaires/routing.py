"""Ordered routes, the first match wins, an explicit default; every route has reasons.

The reasons of a result are the route's own sentences, then for each scale the route explains
the reason of the person's band and the factors of that scale that hold for them, then the
route's further factors that hold: they name the person's situation, not a generic text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questionnaires.conditions import evaluate as holds
from questionnaires.model import Outcome, Questionnaire, Route, Scheme


def context(
    answers: dict[str, Any],
    scale_scores: dict[str, float],
    scale_bands: dict[str, str],
    facts: Mapping[str, Any] | None = None,
) -> dict[tuple[str, str], Any]:
    values: dict[tuple[str, str], Any] = {("question", k): v for k, v in answers.items()}
    values.update({("scale", k): v for k, v in scale_scores.items()})
    values.update({("band", k): v for k, v in scale_bands.items()})
    values.update({("fact", k): v for k, v in (facts or {}).items()})
    return values


def route(scheme: Scheme, values: dict[tuple[str, str], Any]) -> Route:
    """The first route whose condition holds, else the default."""
    for candidate in scheme.routes:
        if holds(candidate.when, values):
            return candidate
    return scheme.default


def explain(
    qn: Questionnaire, matched: Route, values: dict[tuple[str, str], Any]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(reasons, ids of the factors they name) for this route and these values."""
    texts = list(matched.reasons)
    named: list[str] = []
    for scale_id in matched.explain:
        band = qn.scale(scale_id).band(values[("band", scale_id)])
        if band.reason:
            texts.append(band.reason)
        for factor in qn.factors:
            if factor.scale == scale_id and holds(factor.when, values):
                texts.append(factor.text)
                named.append(factor.id)
    for factor_id in matched.factors:
        factor = qn.factor(factor_id)
        if factor_id not in named and holds(factor.when, values):
            texts.append(factor.text)
            named.append(factor_id)
    return tuple(dict.fromkeys(texts)), tuple(named)


def next_steps(outcome: Outcome, values: dict[tuple[str, str], Any]) -> str:
    """The next steps that fit: the first variant that holds, else the outcome's own."""
    for variant in outcome.variants:
        if holds(variant.when, values):
            return variant.next_steps
    return outcome.next_steps


def ladder_step(qn: Questionnaire, values: dict[tuple[str, str], Any]) -> tuple[int, str] | None:
    """(step, the rule's words) on the participation ladder, or None without a ladder."""
    if qn.ladder is None:
        return None
    rule = next(r for r in qn.ladder.rules if holds(r.when, values))
    return rule.step, rule.text
