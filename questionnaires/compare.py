"""Re-score stored answers with two versions of a definition: who would get other advice.

Pure: the caller passes (reference, answers, scheme) for every stored response; nothing is
changed. Answers keep pointing at the version they were given with; a question the new
version adds has no answer in older responses and counts as unanswered.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from questionnaires import evaluate
from questionnaires.model import Questionnaire


@dataclass(frozen=True)
class Move:
    to_route: str
    to_outcome: str
    count: int
    examples: tuple[Hashable, ...]  # references of responses, for looking one up


@dataclass(frozen=True)
class RouteReport:
    scheme: str
    route: str  # under the old version
    outcome: str
    total: int
    stay: int
    moves: tuple[Move, ...]  # largest first

    @property
    def moved(self) -> int:
        return self.total - self.stay


@dataclass(frozen=True)
class Comparison:
    questionnaire: str
    old_version: int
    new_version: int
    total: int
    routes: tuple[RouteReport, ...]  # per scheme, in the order of the old version's routes
    new_questions: tuple[str, ...]  # asked by the new version, not by the old
    incomplete: int  # responses the new version would find unanswered questions in
    skipped: int  # responses in a scheme the new version does not have

    @property
    def moved(self) -> int:
        return sum(r.moved for r in self.routes)


def compare(
    old: Questionnaire,
    new: Questionnaire,
    responses: Iterable[tuple[Hashable, dict[str, Any], str]],
    examples: int = 3,
) -> Comparison:
    """Every response scored with `old` and with `new`, in its own scheme."""
    if old.id != new.id:
        raise ValueError(f"compare versions of one questionnaire, not {old.id} and {new.id}")
    totals: Counter[tuple[str, str]] = Counter()
    stays: Counter[tuple[str, str]] = Counter()
    moves: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    shown: dict[tuple[str, str, str], list[Hashable]] = defaultdict(list)
    outcome_of: dict[tuple[str, str], str] = {}
    total = incomplete = skipped = 0
    for reference, answers, scheme in responses:
        total += 1
        if scheme not in old.schemes or scheme not in new.schemes:
            skipped += 1
            continue
        before = evaluate(old, answers, scheme)
        after = evaluate(new, answers, scheme)
        incomplete += not after.complete
        key = (scheme, before.route_id)
        totals[key] += 1
        outcome_of[key] = before.outcome.id
        if (before.route_id, before.outcome.id) == (after.route_id, after.outcome.id):
            stays[key] += 1
            continue
        moves[key][(after.route_id, after.outcome.id)] += 1
        found = shown[(*key, after.route_id)]
        if len(found) < examples:
            found.append(reference)
    routes = []
    for kept in old.schemes.values():
        for route in kept.all_routes:
            key = (kept.id, route.id)
            if not totals[key]:
                continue
            routes.append(
                RouteReport(
                    scheme=kept.id,
                    route=route.id,
                    outcome=outcome_of[key],
                    total=totals[key],
                    stay=stays[key],
                    moves=tuple(
                        Move(to_route, to_outcome, count, tuple(shown[(*key, to_route)]))
                        for (to_route, to_outcome), count in moves[key].most_common()
                    ),
                )
            )
    known = {q.id for q in old.questions}
    return Comparison(
        questionnaire=old.id,
        old_version=old.version,
        new_version=new.version,
        total=total,
        routes=tuple(routes),
        new_questions=tuple(q.id for q in new.questions if q.id not in known),
        incomplete=incomplete,
        skipped=skipped,
    )
