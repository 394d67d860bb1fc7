"""Definition files (TOML) → model. Every mistake is refused at load time, precisely."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path
from typing import Any

from questionnaires.checks import DefinitionError, check, unique_ids
from questionnaires.conditions import LIST_OPERATORS, NUMBER_OPERATORS, OPERATORS, REF_KINDS
from questionnaires.model import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    QUESTION_TYPES,
    Band,
    Condition,
    Option,
    Outcome,
    Question,
    Questionnaire,
    Route,
    Scale,
    Scheme,
    Signal,
    Step,
)

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
YES_NO = (("yes", "Yes"), ("no", "No"))


def _require(data: dict[str, Any], key: str, where: str, kind: type = str) -> Any:
    if key not in data:
        raise DefinitionError(f"{where}: '{key}' is missing")
    if not isinstance(data[key], kind):
        raise DefinitionError(f"{where}: '{key}' must be a {kind.__name__}")
    return data[key]


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
    """{all=[...]}, {any=[...]}, {not={...}} or {question|scale|band = id, op, value}."""
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
        raise DefinitionError(f"{where}: a comparison names exactly one of question, scale, band")
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
            _require(o, "value", where),
            _require(o, "label", where),
            _weights(o.get("weights"), f"{where} option {o.get('value')}", scales),
        )
        for o in options
    )
    unique_ids([o.value for o in built], f"option in {where}")
    return built


def _question(raw: dict[str, Any], where: str, scales: set[str]) -> Question:
    qid = _require(raw, "id", where)
    where = f"question '{qid}'"
    qtype = _require(raw, "type", where)
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
    return Question(
        id=qid,
        type=qtype,
        text=_require(raw, "text", where),
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
    )


def _scale(raw: dict[str, Any]) -> Scale:
    sid = _require(raw, "id", "scale")
    bands = []
    for b in _require(raw, "bands", f"scale '{sid}'", list):
        bands.append(
            Band(
                _require(b, "id", f"scale '{sid}' band"),
                _require(b, "label", sid),
                float(b.get("min", float("-inf"))),
                float(b.get("max", float("inf"))),
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
    return Scale(sid, _require(raw, "label", f"scale '{sid}'"), tuple(bands))


def _route(raw: dict[str, Any], where: str) -> Route:
    rid = _require(raw, "id", where)
    when = parse_condition(raw["when"], f"route '{rid}'") if "when" in raw else None
    reasons = tuple(_require(raw, "reasons", f"route '{rid}'", list))
    if not reasons:
        raise DefinitionError(f"route '{rid}': every route needs at least one reason")
    return Route(rid, _require(raw, "outcome", f"route '{rid}'"), when, reasons)


def _scheme(sid: str, raw: dict[str, Any]) -> Scheme:
    outcomes = tuple(
        Outcome(
            _require(o, "id", f"scheme '{sid}' outcome"),
            _require(o, "label", sid),
            _require(o, "description", sid),
            _require(o, "next_steps", sid),
            o.get("ladder", ""),
        )
        for o in _require(raw, "outcomes", f"scheme '{sid}'", list)
    )
    routes = tuple(_route(r, f"scheme '{sid}'") for r in raw.get("routes", []))
    default = _route(_require(raw, "default", f"scheme '{sid}'", dict), f"scheme '{sid}'")
    if default.when is not None:
        raise DefinitionError(f"scheme '{sid}': the default route has no 'when'")
    unique_ids([o.id for o in outcomes], f"outcome in scheme '{sid}'")
    unique_ids([r.id for r in (*routes, default)], f"route in scheme '{sid}'")
    return Scheme(sid, _require(raw, "label", f"scheme '{sid}'"), outcomes, routes, default)


def parse(data: dict[str, Any]) -> Questionnaire:
    """Build and check a questionnaire from parsed TOML."""
    scales = tuple(_scale(s) for s in data.get("scales", []))
    unique_ids([s.id for s in scales], "scale")
    scale_ids = {s.id for s in scales}
    steps = []
    for raw_step in _require(data, "steps", "questionnaire", list):
        sid = _require(raw_step, "id", "step")
        questions = tuple(
            _question(q, f"step '{sid}'", scale_ids)
            for q in _require(raw_step, "questions", f"step '{sid}'", list)
        )
        steps.append(
            Step(
                sid,
                _require(raw_step, "title", f"step '{sid}'"),
                raw_step.get("intro", ""),
                questions,
            )
        )
    schemes = {
        sid: _scheme(sid, raw)
        for sid, raw in _require(data, "schemes", "questionnaire", dict).items()
    }
    signals = tuple(
        Signal(
            _require(s, "id", "signal"),
            parse_condition(
                _require(s, "when", f"signal '{s.get('id')}'", dict), f"signal '{s.get('id')}'"
            ),
            _require(s, "text", f"signal '{s.get('id')}'"),
        )
        for s in data.get("signals", [])
    )
    questionnaire = Questionnaire(
        id=_require(data, "id", "questionnaire"),
        version=_require(data, "version", "questionnaire", int),
        title=_require(data, "title", "questionnaire"),
        intro=data.get("intro", ""),
        minutes=data.get("minutes", 10),
        steps=tuple(steps),
        scales=scales,
        schemes=schemes,
        default_scheme=data.get("default_scheme", next(iter(schemes), "")),
        signals=signals,
    )
    check(questionnaire)
    return questionnaire


def load_file(path: Path | str) -> Questionnaire:
    with open(path, "rb") as f:
        try:
            data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise DefinitionError(f"{Path(path).name}: not valid TOML: {exc}") from exc
    try:
        return parse(data)
    except DefinitionError as exc:
        raise DefinitionError(f"{Path(path).name}: {exc}") from None


def definition_files() -> list[Path]:
    return sorted(DEFINITIONS.glob("*.toml"))
