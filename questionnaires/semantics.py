"""Checks of what a definition says beyond its routes: the reasons (factors and band reasons),
what the outcomes mean (self-reliant, supplementary questionnaire, hand back), the
participation ladder, correspondences between schemes and the public description."""

from __future__ import annotations

from collections.abc import Iterable

from questionnaires.checks import DefinitionError, check_refs, unique_ids
from questionnaires.model import Questionnaire, Scheme

LADDER_STEPS = (1, 2, 3, 4, 5, 6)


def _check_reasons(qn: Questionnaire) -> None:
    unique_ids([f.id for f in qn.factors], "factor")
    everything = {q.id: q for q in qn.questions}
    scales = {s.id for s in qn.scales}
    for factor in qn.factors:
        if factor.scale and factor.scale not in scales:
            raise DefinitionError(f"factor '{factor.id}': unknown scale '{factor.scale}'")
        check_refs(qn, factor.when, f"factor '{factor.id}'", everything, True)
    factors = {f.id for f in qn.factors}
    for scheme in qn.schemes.values():
        for route in scheme.all_routes:
            where = f"scheme '{scheme.id}' route '{route.id}'"
            for scale_id in route.explain:
                if scale_id not in scales:
                    raise DefinitionError(f"{where}: explains unknown scale '{scale_id}'")
            for factor_id in route.factors:
                if factor_id not in factors:
                    raise DefinitionError(f"{where}: names unknown factor '{factor_id}'")
            if qn.factors and not (route.explain or route.factors):
                raise DefinitionError(
                    f"{where}: name the factors or scales that explain this route"
                )


def _check_outcomes(scheme: Scheme) -> None:
    where = f"scheme '{scheme.id}'"
    supports = [o.support for o in scheme.outcomes]
    if any(s is not None for s in supports) and None in supports:
        raise DefinitionError(f"{where}: give every outcome a support level, or none")
    landing = [o.id for o in scheme.outcomes if o.receives_hand_back]
    if len(landing) > 1:
        raise DefinitionError(f"{where}: only one outcome receives a hand back, not {landing}")
    for outcome in scheme.outcomes:
        here = f"{where} outcome '{outcome.id}'"
        if outcome.supplementary and not landing:
            raise DefinitionError(
                f"{here}: a supplementary questionnaire needs an outcome that receives_hand_back"
            )
        if outcome.self_reliant and (outcome.supplementary or outcome.receives_hand_back):
            raise DefinitionError(f"{here}: a self-reliant outcome is not a participation line")
        if outcome.hand_back and (outcome.self_reliant or outcome.receives_hand_back):
            raise DefinitionError(f"{here}: hand_back belongs to a supplementary questionnaire")


def _check_variants(qn: Questionnaire, scheme: Scheme) -> None:
    everything = {q.id: q for q in qn.questions}
    for outcome in scheme.outcomes:
        for variant in outcome.variants:
            where = f"scheme '{scheme.id}' outcome '{outcome.id}' variant '{variant.id}'"
            check_refs(qn, variant.when, where, everything, True)


def _check_ladder(qn: Questionnaire) -> None:
    if qn.ladder is None:
        return
    steps = [s.step for s in qn.ladder.steps]
    if sorted(steps) != list(LADDER_STEPS):
        raise DefinitionError("ladder: name each of the steps 1 to 6 once")
    rules = qn.ladder.rules
    if not rules or rules[-1].when is not None:
        raise DefinitionError("ladder: the last rule has no 'when' (it holds for everyone else)")
    everything = {q.id: q for q in qn.questions}
    for n, rule in enumerate(rules):
        if rule.step not in LADDER_STEPS:
            raise DefinitionError(f"ladder rule {n + 1}: no step {rule.step}")
        if rule.when is None and n != len(rules) - 1:
            raise DefinitionError(f"ladder rule {n + 1}: only the last rule has no 'when'")
        if rule.when is not None:
            check_refs(qn, rule.when, f"ladder rule {n + 1}", everything, True)


def _check_correspondences(qn: Questionnaire) -> None:
    unique_ids([c.id for c in qn.correspondences], "correspondence")
    everything = {q.id: q for q in qn.questions}
    for item in qn.correspondences:
        where = f"correspondence '{item.id}'"
        if len(item.outcomes) < 2:
            raise DefinitionError(f"{where}: relate the outcomes of two schemes or more")
        for scheme_id, ids in item.outcomes.items():
            if scheme_id not in qn.schemes:
                raise DefinitionError(f"{where}: unknown scheme '{scheme_id}'")
            known = {o.id for o in qn.schemes[scheme_id].outcomes}
            for outcome_id in ids:
                if outcome_id not in known:
                    raise DefinitionError(
                        f"{where}: scheme '{scheme_id}' has no outcome '{outcome_id}'"
                    )
        unique_ids([e.id for e in item.exceptions], f"exception in {where}")
        for exception in item.exceptions:
            if not exception.reason.strip():
                raise DefinitionError(f"{where} exception '{exception.id}': give a reason")
            check_refs(qn, exception.when, f"{where} exception '{exception.id}'", everything, True)


def _check_register(qn: Questionnaire) -> None:
    if qn.register is not None and not qn.register.legal_basis:
        raise DefinitionError("register: name the legal basis")


def check_semantics(qn: Questionnaire) -> None:
    """Raise DefinitionError for the first problem found."""
    _check_reasons(qn)
    for scheme in qn.schemes.values():
        _check_outcomes(scheme)
        _check_variants(qn, scheme)
    _check_ladder(qn)
    _check_correspondences(qn)
    _check_register(qn)


def check_links(definitions: Iterable[Questionnaire]) -> None:
    """Across definitions: every supplementary questionnaire named by an outcome exists, and
    each of its schemes has exactly one outcome that hands the person back."""
    by_id = {d.id: d for d in definitions}
    for qn in by_id.values():
        for scheme in qn.schemes.values():
            for outcome in scheme.outcomes:
                if not outcome.supplementary:
                    continue
                where = f"{qn.id} v{qn.version} scheme '{scheme.id}' outcome '{outcome.id}'"
                other = by_id.get(outcome.supplementary)
                if other is None:
                    raise DefinitionError(
                        f"{where}: unknown supplementary questionnaire '{outcome.supplementary}'"
                    )
                for their in other.schemes.values():
                    backs = [o.id for o in their.outcomes if o.hand_back]
                    if len(backs) != 1:
                        raise DefinitionError(
                            f"{other.id} v{other.version} scheme '{their.id}': "
                            "exactly one outcome needs hand_back = true"
                        )
