"""Parts of a definition file → model: conditions, questions, scales. Used by the loader."""

from __future__ import annotations

import itertools
from typing import Any

from questionnaires.checks import DefinitionError, unique_ids
from questionnaires.conditions import LIST_OPERATORS, NUMBER_OPERATORS, OPERATORS, REF_KINDS
from questionnaires.model import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    QUESTION_TYPES,
    Band,
    Condition,
    Option,
    Question,
    Scale,
)

YES_NO = (("yes", "Yes"), ("no", "No"))


def require(data: dict[str, Any], key: str, where: str, kind: type = str) -> Any:
    if key not in data:
        raise DefinitionError(f"{where}: '{key}' is missing")
    if not isinstance(data[key], kind):
        raise DefinitionError(f"{where}: '{key}' must be a {kind.__name__}")
    return data[key]


def optional(data: dict[str, Any], key: str, where: str, default: Any, kind: type = str) -> Any:
    """An optional key of the right type (a bool is not an int here)."""
    if key not in data:
        return default
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DefinitionError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def text_list(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = optional(data, key, where, [], list)
    if not all(isinstance(v, str) for v in values):
        raise DefinitionError(f"{where}: '{key}' must be a list of strings")
    return tuple(values)


def _weights(raw: Any, where: str, scales: set[str]) -> dict[str, float]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DefinitionError(f"{where}: weights must be a table of scale = number")
    for scale, weight in raw.items():
        if scale not in scales:
            raise DefinitionError(f"{where}: weight on undeclared scale '{scale}'")
        if not isinstance(weight, (int, float)) or isinstance(weight, bool):
            raise DefinitionError(f"{where}: weight for '{scale}' must be a number")
    return {k: float(v) for k, v in raw.items()}


def parse_condition(raw: Any, where: str) -> Condition:
    """{all=[...]}, {any=[...]}, {not={...}} or {question|scale|band|fact = id, op, value}."""
    if not isinstance(raw, dict):
        raise DefinitionError(f"{where}: a condition must be a table")
    for kind in ("all", "any"):
        if kind in raw:
            if not isinstance(raw[kind], list) or not raw[kind]:
                raise DefinitionError(f"{where}: '{kind}' needs a non-empty list")
            return Condition(kind, tuple(parse_condition(c, where) for c in raw[kind]))
    if "not" in raw:
        return Condition("not", (parse_condition(raw["not"], where),))
    refs = [k for k in REF_KINDS if k in raw]
    if len(refs) != 1:
        raise DefinitionError(
            f"{where}: a comparison names exactly one of question, scale, band, fact"
        )
    op = raw.get("op", "eq")
    if op not in OPERATORS:
        raise DefinitionError(
            f"{where}: unknown operator '{op}' (known: {', '.join(sorted(OPERATORS))})"
        )
    value = raw.get("value", True if op == "answered" else None)
    if op in LIST_OPERATORS and not isinstance(value, list):
        raise DefinitionError(f"{where}: operator '{op}' needs a list value")
    if op in NUMBER_OPERATORS and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        raise DefinitionError(f"{where}: operator '{op}' needs a number value")
    return Condition(
        "compare",
        ref=(refs[0], raw[refs[0]]),
        op=op,
        value=tuple(value) if isinstance(value, list) else value,
    )


def _options(raw: dict[str, Any], qtype: str, where: str, scales: set[str]) -> tuple[Option, ...]:
    if qtype == "yes_no":
        given = {o.get("value"): o for o in raw.get("options", [])}
        unknown = set(given) - {"yes", "no"}
        if unknown:
            raise DefinitionError(f"{where}: yes_no options are 'yes' and 'no', not {unknown}")
        return tuple(
            Option(v, label, _weights(given.get(v, {}).get("weights"), where, scales))
            for v, label in YES_NO
        )
    options = raw.get("options")
    if not isinstance(options, list) or len(options) < 2:
        raise DefinitionError(f"{where}: a {qtype} question needs at least two options")
    built = tuple(
        Option(
            require(o, "value", where),
            require(o, "label", where),
            _weights(o.get("weights"), f"{where} option {o.get('value')}", scales),
        )
        for o in options
    )
    unique_ids([o.value for o in built], f"option in {where}")
    return built


def _ranking(
    raw: dict[str, Any], qtype: str, options: tuple[Option, ...], where: str
) -> tuple[tuple[tuple[str, ...], ...], str]:
    """`best_to_worst` (choice questions: values or lists of equally good values) and
    `better` (numbers: 'higher' or 'lower')."""
    tiers: list[tuple[str, ...]] = []
    if "best_to_worst" in raw:
        if qtype not in ("single", "yes_no"):
            raise DefinitionError(f"{where}: best_to_worst is for single and yes_no questions")
        known = {o.value for o in options}
        for tier in require(raw, "best_to_worst", where, list):
            values = tuple(tier) if isinstance(tier, list) else (tier,)
            for value in values:
                if value not in known:
                    raise DefinitionError(f"{where}: best_to_worst names unknown option '{value}'")
            tiers.append(values)
        unique_ids([v for tier in tiers for v in tier], f"best_to_worst value in {where}")
        if len(tiers) < 2:
            raise DefinitionError(f"{where}: best_to_worst needs at least two tiers")
    better = optional(raw, "better", where, "")
    if better and (qtype not in NUMERIC_TYPES or better not in ("higher", "lower")):
        raise DefinitionError(f"{where}: better is 'higher' or 'lower', on a number or scale")
    return tuple(tiers), better


def question(raw: dict[str, Any], where: str, scales: set[str]) -> Question:
    qid = require(raw, "id", where)
    where = f"question '{qid}'"
    qtype = require(raw, "type", where)
    if qtype not in QUESTION_TYPES:
        raise DefinitionError(
            f"{where}: unknown type '{qtype}' (known: {', '.join(QUESTION_TYPES)})"
        )
    options = _options(raw, qtype, where, scales) if qtype in CHOICE_TYPES else ()
    minimum, maximum = raw.get("min"), raw.get("max")
    if qtype == "scale" and (minimum is None or maximum is None or minimum >= maximum):
        raise DefinitionError(f"{where}: a scale needs min < max")
    weights = _weights(raw.get("weights"), where, scales)
    if weights and qtype not in NUMERIC_TYPES:
        raise DefinitionError(
            f"{where}: only scale and number questions carry weights "
            "directly; put choice weights on the options"
        )
    show_if = parse_condition(raw["show_if"], where) if "show_if" in raw else None
    best_to_worst, better = _ranking(raw, qtype, options, where)
    return Question(
        id=qid,
        type=qtype,
        text=require(raw, "text", where),
        help=raw.get("help", ""),
        required=raw.get("required", True),
        options=options,
        minimum=minimum,
        maximum=maximum,
        min_label=raw.get("min_label", ""),
        max_label=raw.get("max_label", ""),
        max_length=raw.get("max_length", 2000 if qtype == "long_text" else 200),
        weights=weights,
        show_if=show_if,
        protected=raw.get("protected", False),
        sensitive=raw.get("sensitive", False),
        topic=raw.get("topic", ""),
        best_to_worst=best_to_worst,
        better=better,
    )


def scale(raw: dict[str, Any]) -> Scale:
    sid = require(raw, "id", "scale")
    bands = []
    for b in require(raw, "bands", f"scale '{sid}'", list):
        bands.append(
            Band(
                require(b, "id", f"scale '{sid}' band"),
                require(b, "label", sid),
                float(b.get("min", float("-inf"))),
                float(b.get("max", float("inf"))),
                optional(b, "reason", f"scale '{sid}' band '{b.get('id')}'", ""),
            )
        )
    if not bands:
        raise DefinitionError(f"scale '{sid}': needs at least one band")
    unique_ids([b.id for b in bands], f"band in scale '{sid}'")
    for before, after in itertools.pairwise(bands):
        if before.maximum != after.minimum:
            raise DefinitionError(
                f"scale '{sid}': band '{before.id}' must end where '{after.id}' starts"
            )
    return Scale(sid, require(raw, "label", f"scale '{sid}'"), tuple(bands))
