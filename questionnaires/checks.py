"""Consistency checks of a built questionnaire; the loader runs them, so does the CLI."""

from __future__ import annotations

from questionnaires.model import CHOICE_TYPES, Condition, Question, Questionnaire


class DefinitionError(ValueError):
    """A definition file is wrong; the message says where and what."""


def unique_ids(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise DefinitionError(f"duplicate {what} id '{item}'")
        seen.add(item)


def _check_values(q: Question, condition: Condition, where: str) -> None:
    """Values compared with a choice question must be among its options."""
    if q.type not in CHOICE_TYPES or condition.op == "answered":
        return
    values = condition.value if isinstance(condition.value, tuple) else (condition.value,)
    known = {o.value for o in q.options}
    for value in values:
        if value not in known:
            raise DefinitionError(f"{where}: '{value}' is not an option of question '{q.id}'")


def check_refs(
    qn: Questionnaire,
    condition: Condition,
    where: str,
    allowed_questions: dict[str, Question],
    scales_allowed: bool,
    same_page: frozenset[str] = frozenset(),
    facts_allowed: bool = False,
) -> None:
    if condition.kind != "compare":
        for child in condition.children:
            check_refs(
                qn, child, where, allowed_questions, scales_allowed, same_page, facts_allowed
            )
        return
    assert condition.ref is not None  # noqa: S101 -- the loader sets it on every comparison
    kind, ref = condition.ref
    if kind == "question":
        if ref not in allowed_questions:
            known = {q.id for q in qn.questions}
            if ref in same_page:
                raise DefinitionError(
                    f"{where}: condition on '{ref}', a question on the same "
                    "page; show_if may only use answers from earlier pages"
                )
            problem = "a later question" if ref in known else "an unknown question"
            raise DefinitionError(f"{where}: condition on {problem} '{ref}'")
        question = allowed_questions[ref]
        if question.protected:
            raise DefinitionError(f"{where}: uses protected attribute '{ref}'")
        _check_values(question, condition, where)
        return
    if kind == "fact":
        if not facts_allowed:
            raise DefinitionError(f"{where}: facts such as '{ref}' may be used in signals only")
        if ref not in {f.id for f in qn.facts}:
            raise DefinitionError(f"{where}: unknown fact '{ref}'")
        return
    if not scales_allowed:
        raise DefinitionError(f"{where}: show_if may only refer to earlier questions")
    scale = next((s for s in qn.scales if s.id == ref), None)
    if scale is None:
        raise DefinitionError(f"{where}: unknown scale '{ref}'")
    if kind == "band" and condition.op != "answered":
        values = condition.value if isinstance(condition.value, tuple) else (condition.value,)
        for value in values:
            if value not in {b.id for b in scale.bands}:
                raise DefinitionError(f"{where}: scale '{ref}' has no band '{value}'")


def check(qn: Questionnaire) -> None:
    """Raise DefinitionError for the first problem found."""
    unique_ids([s.id for s in qn.steps], "step")
    unique_ids([q.id for q in qn.questions], "question")
    earlier: dict[str, Question] = {}
    for step in qn.steps:
        for q in step.questions:
            if q.show_if is not None:
                check_refs(
                    qn,
                    q.show_if,
                    f"question '{q.id}' show_if",
                    earlier,
                    False,
                    frozenset(x.id for x in step.questions),
                )
            weighted = q.weights or any(o.weights for o in q.options)
            if q.protected and weighted:
                raise DefinitionError(
                    f"question '{q.id}': protected attribute cannot carry weights on a scale"
                )
        earlier.update({q.id: q for q in step.questions})
    everything = {q.id: q for q in qn.questions}
    if qn.default_scheme not in qn.schemes:
        raise DefinitionError(f"default scheme '{qn.default_scheme}' is not defined")
    for scheme in qn.schemes.values():
        outcomes = {o.id for o in scheme.outcomes}
        seen_conditions: list[Condition | None] = []
        for route in (*scheme.routes, scheme.default):
            where = f"scheme '{scheme.id}' route '{route.id}'"
            if route.outcome not in outcomes:
                raise DefinitionError(f"{where}: unknown outcome '{route.outcome}'")
            if route is not scheme.default and (
                None in seen_conditions or route.when in seen_conditions
            ):
                raise DefinitionError(
                    f"{where}: unreachable, an earlier route already matches every case it covers"
                )
            seen_conditions.append(route.when)
            if route.when is not None:
                check_refs(qn, route.when, where, everything, True)
    unique_ids([s.id for s in qn.signals], "signal")
    unique_ids([f.id for f in qn.facts], "fact")
    for signal in qn.signals:
        check_refs(qn, signal.when, f"signal '{signal.id}'", everything, True, facts_allowed=True)
