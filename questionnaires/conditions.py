"""Conditions: all / any / not over a closed set of comparison operators. No eval()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from questionnaires.model import Condition

REF_KINDS = ("question", "scale", "band", "fact")


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _compare(fn: Callable[[float, float], bool]) -> Callable[[Any, Any], bool]:
    def check(actual: Any, expected: Any) -> bool:
        a = _number(actual)
        return a is not None and fn(a, expected)

    return check


def _contains(actual: Any, expected: Any) -> bool:
    return isinstance(actual, (list, tuple)) and expected in actual


def _contains_any(actual: Any, expected: Any) -> bool:
    return isinstance(actual, (list, tuple)) and any(v in actual for v in expected)


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, e: a == e,
    "ne": lambda a, e: a is not None and a != e,
    "in": lambda a, e: a in e,
    "not_in": lambda a, e: a is not None and a not in e,
    "gt": _compare(lambda a, e: a > e),
    "gte": _compare(lambda a, e: a >= e),
    "lt": _compare(lambda a, e: a < e),
    "lte": _compare(lambda a, e: a <= e),
    "answered": lambda a, e: (a not in (None, "", [], ())) == bool(e),
    "contains": _contains,
    "contains_any": _contains_any,
}
LIST_OPERATORS = ("in", "not_in", "contains_any")
NUMBER_OPERATORS = ("gt", "gte", "lt", "lte")


def evaluate(condition: Condition | None, values: dict[tuple[str, str], Any]) -> bool:
    """True when the condition holds; `values` maps (kind, id) to the current value."""
    if condition is None:
        return True
    if condition.kind == "all":
        return all(evaluate(child, values) for child in condition.children)
    if condition.kind == "any":
        return any(evaluate(child, values) for child in condition.children)
    if condition.kind == "not":
        return not evaluate(condition.children[0], values)
    assert condition.ref is not None  # noqa: S101 -- the loader sets it on every comparison
    return OPERATORS[condition.op](values.get(condition.ref), condition.value)
