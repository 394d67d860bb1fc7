"""Oversight of the advice: the public override figures, advice and decisions per group of the
protected questions (why they are asked), and re-scoring stored answers with another version
of the questionnaire before it is used. Only counts leave these functions, never answers."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select

from portal import audit
from portal.authz import Permission, ensure
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.intake.models import SUBMITTED, QuestionnaireResponse, RoutingDecision
from questionnaires.compare import Comparison, compare
from questionnaires.model import Question, Questionnaire


def override_rate(scheme: str, min_group: int) -> dict[str, Any]:
    """Decisions on advice of the main questionnaire in this scheme and how many changed it,
    in total and per advised outcome (a share only from `min_group` decisions on)."""
    rows = db.session.execute(
        select(
            QuestionnaireResponse.advised_outcome,
            func.count(RoutingDecision.id),
            func.sum(case((RoutingDecision.overridden, 1), else_=0)),
        )
        .join(RoutingDecision)
        .where(
            QuestionnaireResponse.questionnaire_id == MAIN_QUESTIONNAIRE[0],
            QuestionnaireResponse.scheme == scheme,
        )
        .group_by(QuestionnaireResponse.advised_outcome)
        .order_by(QuestionnaireResponse.advised_outcome)
    ).all()
    outcomes = [
        {
            "outcome": outcome,
            "decisions": n,
            "overridden": int(k or 0) if n >= min_group else None,
            "share": _share(int(k or 0), n) if n >= min_group else None,
        }
        for outcome, n, k in rows
    ]
    total = sum(n for _o, n, _k in rows)
    changed = sum(int(k or 0) for _o, _n, k in rows)
    return {
        "decisions": total,
        "overridden": changed,
        "share": _share(changed, total),
        "outcomes": outcomes,
    }


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class Rate:
    count: int
    of: int
    flagged: bool = False

    @property
    def share(self) -> int | None:
        return _share(self.count, self.of)


@dataclass
class Group:
    value: str | None  # an option of the protected question; None: not answered
    size: int
    suppressed: bool = False
    advice: dict[str, Rate] = field(default_factory=dict)  # advised outcome → rate
    decided: int = 0
    overridden: Rate | None = None
    final: dict[str, Rate] = field(default_factory=dict)  # decided outcome → rate


@dataclass
class Table:
    question: Question
    scheme: str
    outcomes: list[str]
    groups: list[Group]

    @property
    def flagged(self) -> bool:
        return any(
            r.flagged
            for g in self.groups
            for r in (
                *g.advice.values(),
                *g.final.values(),
                *([g.overridden] if g.overridden else []),
            )
        )


def _flag(rate: Rate, rest: Rate, ratio: float, min_group: int) -> None:
    """Four-fifths style: flag when the smaller rate is below `ratio` times the larger."""
    if rate.of < min_group or rest.of < min_group:
        return
    mine, theirs = rate.count / rate.of, rest.count / rest.of
    high = max(mine, theirs)
    rate.flagged = high > 0 and min(mine, theirs) / high < ratio


def _table(
    question: Question,
    scheme: str,
    outcomes: list[str],
    rows: list[Any],
    min_group: int,
    ratio: float,
) -> Table:
    sizes: Counter[str | None] = Counter()
    advised: dict[str | None, Counter[str]] = defaultdict(Counter)
    decided: Counter[str | None] = Counter()
    changed: Counter[str | None] = Counter()
    final: dict[str | None, Counter[str]] = defaultdict(Counter)
    for value, advice, final_outcome, overridden, n in rows:
        key = value if value in {o.value for o in question.options} else None
        sizes[key] += n
        advised[key][advice] += n
        if final_outcome is not None:
            decided[key] += n
            changed[key] += n if overridden else 0
            final[key][final_outcome] += n
    total, total_decided = sum(sizes.values()), sum(decided.values())
    groups = []
    for value in [*(o.value for o in question.options), None]:
        group = Group(value, sizes[value], decided=decided[value])
        group.suppressed = 0 < group.size < min_group
        rest_size, rest_decided = total - group.size, total_decided - group.decided
        for outcome in outcomes:
            group.advice[outcome] = Rate(advised[value][outcome], group.size)
            rest = Rate(sum(advised[v][outcome] for v in sizes if v != value), rest_size)
            _flag(group.advice[outcome], rest, ratio, min_group)
            group.final[outcome] = Rate(final[value][outcome], group.decided)
            rest = Rate(sum(final[v][outcome] for v in sizes if v != value), rest_decided)
            _flag(group.final[outcome], rest, ratio, min_group)
        group.overridden = Rate(changed[value], group.decided)
        rest = Rate(sum(changed[v] for v in sizes if v != value), rest_decided)
        _flag(group.overridden, rest, ratio, min_group)
        groups.append(group)
    shown = [g for g in groups if g.size and not g.suppressed]
    if sum(g.suppressed for g in groups) == 1 and shown:  # else the rest gives it away
        min(shown, key=lambda g: g.size).suppressed = True
    return Table(question, scheme, outcomes, groups)


def fairness(actor, definition: Questionnaire, min_group: int, ratio: float) -> list[Table]:
    """Advice and decision rates per answer to each protected question, per scheme in use."""
    ensure(actor, Permission.MONITOR_FAIRNESS)
    base = (
        QuestionnaireResponse.questionnaire_id == definition.id,
        QuestionnaireResponse.status == SUBMITTED,
    )
    schemes = db.session.scalars(
        select(QuestionnaireResponse.scheme)
        .where(*base)
        .distinct()
        .order_by(QuestionnaireResponse.scheme)
    ).all()
    tables = []
    for scheme in schemes:
        if scheme not in definition.schemes:
            continue
        outcomes = [o.id for o in definition.scheme(scheme).outcomes]
        # Answers are sealed at rest (portal.sealing): counted here, not by the database.
        decided = db.session.execute(
            select(
                QuestionnaireResponse.answers,
                QuestionnaireResponse.advised_outcome,
                RoutingDecision.final_outcome,
                RoutingDecision.overridden,
            )
            .outerjoin(RoutingDecision)
            .where(*base, QuestionnaireResponse.scheme == scheme)
            .execution_options(yield_per=500)
        ).all()
        for question in (q for q in definition.questions if q.protected):
            counted = Counter(
                (_as_text(answers.get(question.id)), advised, final, overridden)
                for answers, advised, final, overridden in decided
            )
            rows = [(*key, count) for key, count in counted.items()]
            tables.append(_table(question, scheme, outcomes, rows, min_group, ratio))
    audit.record(actor, "fairness.view", "questionnaire", None, detail=definition.id)
    return tables


def _as_text(value: Any) -> str | None:
    """An answer as the group it falls in (a choice's id; other values as JSON)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def _stored(questionnaire_id: str) -> Iterator[tuple[int, dict[str, Any], str]]:
    rows = db.session.execute(
        select(
            QuestionnaireResponse.id, QuestionnaireResponse.answers, QuestionnaireResponse.scheme
        )
        .where(
            QuestionnaireResponse.questionnaire_id == questionnaire_id,
            QuestionnaireResponse.status == SUBMITTED,
        )
        .order_by(QuestionnaireResponse.id)
        .execution_options(yield_per=500)
    )
    yield from ((response_id, answers, scheme) for response_id, answers, scheme in rows)


def compare_stored(old: Questionnaire, new: Questionnaire, examples: int = 3) -> Comparison:
    """Every sent response re-scored with both versions (nothing stored changes)."""
    return compare(old, new, _stored(old.id), examples)


def compare_for(actor, old: Questionnaire, new: Questionnaire) -> Comparison:
    """The comparison for a team lead; the re-scoring of everyone's answers is audited."""
    ensure(actor, Permission.COMPARE_QUESTIONNAIRES)
    report = compare_stored(old, new)
    audit.record(
        actor,
        "questionnaire.compare",
        "questionnaire",
        None,
        detail=f"{old.id} v{old.version} v{new.version}: {report.total}",
    )
    return report
