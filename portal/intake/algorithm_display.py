"""The public description of the advice (Algoritmeregister fields), generated from the active
definition and live figures, in the request's language: a new definition version changes it
without anyone editing a text."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from questionnaires.model import Condition, Question, Questionnaire

NUMBER_OPS = {
    "gt": _l("more than"),
    "gte": _l("at least"),
    "lt": _l("less than"),
    "lte": _l("at most"),
}
EQUAL_TO = _l("equal to")


def _quoted(text: str) -> str:
    return _("“%(text)s”", text=text)


def _either(values: list[str]) -> str:
    if len(values) <= 1:
        return "".join(values)
    return _("%(some)s or %(last)s", some=", ".join(values[:-1]), last=values[-1])


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _answers(question: Question, value: Any) -> str:
    values = value if isinstance(value, tuple) else (value,)
    labels = []
    for item in values:
        option = question.option(item) if isinstance(item, str) else None
        labels.append(_quoted(_(option.label)) if option else _number(item))
    return _either(labels)


def _compare(definition: Questionnaire, condition: Condition) -> str:
    assert condition.ref is not None  # noqa: S101 -- the loader sets it on every comparison
    kind, ref = condition.ref
    op, value = condition.op, condition.value
    if kind == "question":
        question = definition.question(ref)
        subject = _quoted(_(question.text))
        if op == "answered":
            return _("%(question)s is answered", question=subject)
        if op in NUMBER_OPS:
            return _(
                "the answer to %(question)s is %(comparison)s %(number)s",
                question=subject,
                comparison=str(NUMBER_OPS[op]),
                number=_number(value),
            )
        answers = _answers(question, value)
        if op in ("ne", "not_in"):
            return _(
                "the answer to %(question)s is not %(answers)s", question=subject, answers=answers
            )
        if op in ("contains", "contains_any"):
            return _(
                "the answer to %(question)s includes %(answers)s", question=subject, answers=answers
            )
        return _("the answer to %(question)s is %(answers)s", question=subject, answers=answers)
    if kind == "fact":
        fact = next(f for f in definition.facts if f.id == ref)
        return _(
            "%(fact)s is %(comparison)s %(number)s",
            fact=_(fact.label),
            comparison=str(NUMBER_OPS.get(op, EQUAL_TO)),
            number=_number(value),
        )
    scale = definition.scale(ref)
    if kind == "scale":
        return _(
            "the score for %(scale)s is %(comparison)s %(number)s",
            scale=_(scale.label),
            comparison=str(NUMBER_OPS.get(op, EQUAL_TO)),
            number=_number(value),
        )
    values = value if isinstance(value, tuple) else (value,)
    bands = _either([_quoted(_(scale.band(b).label)) for b in values])
    if op in ("ne", "not_in"):
        return _("%(scale)s is not %(bands)s", scale=_(scale.label), bands=bands)
    return _("%(scale)s is %(bands)s", scale=_(scale.label), bands=bands)


def condition_text(
    definition: Questionnaire, condition: Condition | None, nested: bool = False
) -> str:
    """A condition in words, e.g. "Competences is “Medium” or “High” and ..."."""
    if condition is None:
        return _("in all other cases")
    if condition.kind == "compare":
        return _compare(definition, condition)
    if condition.kind == "not":
        return _("not (%(condition)s)", condition=condition_text(definition, condition.children[0]))
    parts = [condition_text(definition, c, nested=True) for c in condition.children]
    # Translators: joins conditions that must all hold ("and") or of which one must ("or").
    word = _("and") if condition.kind == "all" else _("or")
    joined = f" {word} ".join(parts)
    return f"({joined})" if nested and len(parts) > 1 else joined


def _data(definition: Questionnaire) -> list[dict[str, Any]]:
    pages = []
    for step in definition.steps:
        pages.append(
            {
                "page": _(step.title),
                "questions": [
                    {
                        "id": q.id,
                        "text": _(q.text),
                        "sensitive": q.sensitive,
                        "protected": q.protected,
                        "weighs_in": bool(q.weights or any(o.weights for o in q.options)),
                    }
                    for q in step.questions
                ],
            }
        )
    return pages


def _scales(definition: Questionnaire) -> list[dict[str, Any]]:
    found = []
    for scale in definition.scales:
        points = []
        for q in definition.questions:
            for option in q.options:
                if scale.id in option.weights:
                    points.append(
                        {
                            "question": _(q.text),
                            "answer": _(option.label),
                            "points": option.weights[scale.id],
                        }
                    )
            if scale.id in q.weights:
                points.append(
                    {
                        "question": _(q.text),
                        "answer": _("each point of the answer"),
                        "points": q.weights[scale.id],
                    }
                )
        found.append(
            {
                "id": scale.id,
                "label": _(scale.label),
                "points": points,
                "bands": [
                    {
                        "label": _(b.label),
                        "from": None if b.minimum == float("-inf") else b.minimum,
                        "below": None if b.maximum == float("inf") else b.maximum,
                    }
                    for b in scale.bands
                ],
            }
        )
    return found


def _routes(definition: Questionnaire, scheme_id: str) -> dict[str, Any]:
    scheme = definition.scheme(scheme_id)
    return {
        "scheme": _(scheme.label),
        "routes": [
            {
                "id": route.id,
                "advice": _(scheme.outcome(route.outcome).label),
                "when": condition_text(definition, route.when),
            }
            for route in scheme.all_routes
        ],
        "outcomes": [
            {"id": o.id, "label": _(o.label), "description": _(o.description)}
            for o in scheme.outcomes
        ],
    }


def describe(
    definition: Questionnaire, scheme_id: str, figures: dict[str, Any], organisation: str
) -> dict[str, Any]:
    """Every field of the public description, as JSON-ready data in the current language."""
    register = definition.register
    scheme = definition.scheme(scheme_id)
    protected = [q for q in definition.questions if q.protected]
    labels = {o.id: _(o.label) for o in scheme.outcomes}
    return {
        "name": _(register.name) if register else _(definition.title),
        "organisation": organisation,
        "questionnaire": {
            "id": definition.id,
            "version": definition.version,
            "title": _(definition.title),
        },
        "purpose": _(register.purpose) if register else "",
        "legal_basis": [_(text) for text in register.legal_basis] if register else [],
        "data_used": {
            "pages": _data(definition),
            "facts": [
                {
                    "id": f.id,
                    "label": _(f.label),
                    "used_for": _(
                        "signals for staff and help for the applicant only, never the advice"
                    ),
                }
                for f in definition.facts
            ],
        },
        "how_the_advice_is_made": {
            "summary": _(
                "Some answers give points on scales. The points of a scale fall in a band. "
                "Rules look at the bands and some answers, in a fixed order: the first rule "
                "that fits gives the advice. The reasons name the things in the person's "
                "situation that led to the advice."
            ),
            "scales": _scales(definition),
            **_routes(definition, scheme_id),
            "signals": [
                {"text": _(s.text), "when": condition_text(definition, s.when)}
                for s in definition.signals
            ],
            "ladder": [
                {"step": r.step, "text": _(r.text), "when": condition_text(definition, r.when)}
                for r in (definition.ladder.rules if definition.ladder else ())
            ],
        },
        "human_oversight": _(
            "The advice is never final. A consultant talks with the applicant, looks at the "
            "answers and the reasons, and confirms the advice or chooses something else. "
            "Choosing something else needs a reason, and the applicant can read it. Only "
            "that decision sets the help a person gets."
        ),
        "risks_and_mitigations": [
            {"risk": _(risk), "mitigation": _(mitigation)}
            for risk, mitigation in (register.risks if register else ())
        ],
        "protected_attributes_not_used": {
            "questions": [_(q.text) for q in protected],
            "text": _(
                "These questions are not required. Their answers are never used for points, "
                "rules or signals: the software refuses a definition that tries. They are used "
                "only to check that advice and decisions are the same for every group."
            ),
        },
        "override_rate": {
            "decisions": figures["decisions"],
            "overridden": figures["overridden"],
            "share": figures["share"],
            "per_advice": [
                {**row, "advice": labels.get(row["outcome"], row["outcome"])}
                for row in figures["outcomes"]
            ],
        },
    }
