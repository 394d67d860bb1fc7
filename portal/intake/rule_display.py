"""The routing rule that gave an advice, in words for consultants and team leads (never its id).

A rule's id (`support_to_work`) is for the definition file; staff read the rule's place in
the scheme's list and its condition with the questions', scales' and bands' own labels."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from questionnaires.model import Condition, Questionnaire, Scheme

OPERATORS = {
    "eq": _l("%(subject)s is %(value)s"),
    "ne": _l("%(subject)s is not %(value)s"),
    "in": _l("%(subject)s is %(value)s"),
    "not_in": _l("%(subject)s is none of: %(value)s"),
    "gt": _l("%(subject)s is more than %(value)s"),
    "gte": _l("%(subject)s is %(value)s or more"),
    "lt": _l("%(subject)s is less than %(value)s"),
    "lte": _l("%(subject)s is %(value)s or less"),
    "contains": _l("%(subject)s includes %(value)s"),
    "contains_any": _l("%(subject)s includes one of: %(value)s"),
}


def rule_text(definition: Questionnaire, scheme: Scheme, route_id: str | None) -> str:
    """ "Rule 2 of 4: the band for Barriers is “Many” and …", or the default rule."""
    if route_id == scheme.default.id:
        return _("None of the %(count)s rules applied: the usual advice.", count=len(scheme.routes))
    number = next((n for n, r in enumerate(scheme.routes, 1) if r.id == route_id), None)
    if number is None:
        return _("A rule that this version of the questions does not have.")
    return _(
        "Rule %(number)s of %(count)s: %(condition)s.",
        number=number,
        count=len(scheme.routes),
        condition=condition_text(definition, scheme.routes[number - 1].when),
    )


def condition_text(definition: Questionnaire, condition: Condition | None) -> str:
    if condition is None:
        return _("always")
    if condition.kind in ("all", "any"):
        parts = [_nested(definition, child) for child in condition.children]
        # Translators: joins the parts of a rule: "A and B", "A or B".
        word = _("and") if condition.kind == "all" else _("or")
        return f" {word} ".join(parts)
    if condition.kind == "not":
        return _("not (%(condition)s)", condition=condition_text(definition, condition.children[0]))
    assert condition.ref is not None  # noqa: S101 -- the loader sets it on every comparison
    subject, values = _subject(definition, condition.ref)
    if condition.op == "answered":
        if condition.value:
            return _("%(subject)s is answered", subject=subject)
        return _("%(subject)s is not answered", subject=subject)
    value = condition.value
    expected = list(value) if isinstance(value, (list, tuple)) else [value]
    words = [values.get(v, _quoted(v)) for v in expected]
    joined = f" {_('or')} ".join(words) if condition.op == "in" else ", ".join(words)
    template = OPERATORS.get(condition.op, _l("%(subject)s is %(value)s"))
    return str(template) % {"subject": subject, "value": joined}


def _nested(definition: Questionnaire, condition: Condition) -> str:
    text = condition_text(definition, condition)
    return f"({text})" if condition.kind in ("all", "any") else text


def _quoted(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, (int, float)) else f"“{value}”"


def _subject(definition: Questionnaire, ref: tuple[str, str]) -> tuple[str, dict[Any, str]]:
    """What a comparison reads, and the words for its possible values."""
    kind, ref_id = ref
    if kind == "question":
        question = next((q for q in definition.questions if q.id == ref_id), None)
        if question is not None:
            labels = {o.value: f"“{_(o.label)}”" for o in question.options}
            return _("the answer to “%(question)s”", question=_(question.text)), labels
    if kind in ("scale", "band"):
        scale = next((s for s in definition.scales if s.id == ref_id), None)
        if scale is not None and kind == "scale":
            return _("the score for %(scale)s", scale=_(scale.label)), {}
        if scale is not None:
            labels = {b.id: f"“{_(b.label)}”" for b in scale.bands}
            return _("the band for %(scale)s", scale=_(scale.label)), labels
    return ref_id, {}
