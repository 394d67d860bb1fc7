"""Definition files (TOML) → model. Every mistake is refused at load time, precisely."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from questionnaires.checks import DefinitionError, check, unique_ids
from questionnaires.model import (
    Correspondence,
    Exemption,
    Fact,
    Factor,
    Ladder,
    LadderRule,
    LadderStep,
    Outcome,
    Questionnaire,
    Register,
    Route,
    Scheme,
    Signal,
    Step,
    Variant,
)
from questionnaires.parsing import (
    YES_NO,
    optional,
    parse_condition,
    question,
    require,
    scale,
    text_list,
)
from questionnaires.semantics import check_semantics

__all__ = ["DEFINITIONS", "YES_NO", "definition_files", "load_file", "parse"]

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
LADDER_RANGE = re.compile(r"^\s*(\d)\s*(?:-\s*(\d)\s*)?$")


def _route(raw: dict[str, Any], where: str) -> Route:
    rid = require(raw, "id", where)
    here = f"route '{rid}'"
    when = parse_condition(raw["when"], here) if "when" in raw else None
    reasons = tuple(require(raw, "reasons", here, list))
    if not reasons:
        raise DefinitionError(f"{here}: every route needs at least one reason")
    return Route(
        rid,
        require(raw, "outcome", here),
        when,
        reasons,
        text_list(raw, "explain", here),
        text_list(raw, "factors", here),
    )


def _ladder_range(raw: Any, where: str) -> tuple[int, int] | None:
    """'6', '3-4', 6 or [3, 4] → (low, high)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        low, high = raw, raw
    elif isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int) for v in raw):
        low, high = raw
    elif isinstance(raw, str) and (match := LADDER_RANGE.match(raw)):
        low, high = int(match[1]), int(match[2] or match[1])
    else:
        raise DefinitionError(f"{where}: ladder is a step or a range such as [3, 4]")
    if not 1 <= low <= high <= 6:
        raise DefinitionError(f"{where}: ladder steps run from 1 to 6, low to high")
    return low, high


def _outcome(raw: dict[str, Any], sid: str) -> Outcome:
    oid = require(raw, "id", f"scheme '{sid}' outcome")
    where = f"scheme '{sid}' outcome '{oid}'"
    variants = tuple(
        Variant(
            require(v, "id", f"{where} variant"),
            parse_condition(require(v, "when", f"{where} variant", dict), f"{where} variant"),
            require(v, "next_steps", f"{where} variant"),
        )
        for v in optional(raw, "variants", where, [], list)
    )
    unique_ids([v.id for v in variants], f"variant in {where}")
    return Outcome(
        oid,
        require(raw, "label", where),
        require(raw, "description", where),
        require(raw, "next_steps", where),
        ladder=_ladder_range(raw.get("ladder"), where),
        horizon=optional(raw, "horizon", where, ""),
        support=optional(raw, "support", where, None, int),
        self_reliant=optional(raw, "self_reliant", where, False, bool),
        supplementary=optional(raw, "supplementary", where, ""),
        hand_back=optional(raw, "hand_back", where, False, bool),
        receives_hand_back=optional(raw, "receives_hand_back", where, False, bool),
        variants=variants,
    )


def _scheme(sid: str, raw: dict[str, Any]) -> Scheme:
    outcomes = tuple(_outcome(o, sid) for o in require(raw, "outcomes", f"scheme '{sid}'", list))
    routes = tuple(_route(r, f"scheme '{sid}'") for r in raw.get("routes", []))
    default = _route(require(raw, "default", f"scheme '{sid}'", dict), f"scheme '{sid}'")
    if default.when is not None:
        raise DefinitionError(f"scheme '{sid}': the default route has no 'when'")
    unique_ids([o.id for o in outcomes], f"outcome in scheme '{sid}'")
    unique_ids([r.id for r in (*routes, default)], f"route in scheme '{sid}'")
    return Scheme(sid, require(raw, "label", f"scheme '{sid}'"), outcomes, routes, default)


def _signal(raw: dict[str, Any]) -> Signal:
    where = f"signal '{raw.get('id')}'"
    link = optional(raw, "link", where, "")
    if link and not link.startswith("https://"):
        raise DefinitionError(f"{where}: a link starts with https://")
    return Signal(
        require(raw, "id", "signal"),
        parse_condition(require(raw, "when", where, dict), where),
        require(raw, "text", where),
        help=optional(raw, "help", where, ""),
        contact=optional(raw, "contact", where, ""),
        link=link,
    )


def _factor(raw: dict[str, Any]) -> Factor:
    where = f"factor '{raw.get('id')}'"
    return Factor(
        require(raw, "id", "factor"),
        parse_condition(require(raw, "when", where, dict), where),
        require(raw, "text", where),
        optional(raw, "scale", where, ""),
    )


def _ladder(raw: dict[str, Any]) -> Ladder:
    steps = tuple(
        LadderStep(require(s, "step", "ladder step", int), require(s, "label", "ladder step"))
        for s in require(raw, "steps", "ladder", list)
    )
    rules = tuple(
        LadderRule(
            require(r, "step", "ladder rule", int),
            parse_condition(r["when"], "ladder rule") if "when" in r else None,
            require(r, "text", "ladder rule"),
        )
        for r in require(raw, "rules", "ladder", list)
    )
    return Ladder(steps, rules)


def _correspondence(raw: dict[str, Any]) -> Correspondence:
    cid = require(raw, "id", "correspondence")
    where = f"correspondence '{cid}'"
    outcomes = {}
    for scheme_id, ids in require(raw, "outcomes", where, dict).items():
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise DefinitionError(f"{where}: outcomes of '{scheme_id}' must be a list of ids")
        outcomes[scheme_id] = tuple(ids)
    exceptions = tuple(
        Exemption(
            require(e, "id", f"{where} exception"),
            parse_condition(require(e, "when", f"{where} exception", dict), where),
            require(e, "reason", f"{where} exception"),
        )
        for e in optional(raw, "exceptions", where, [], list)
    )
    return Correspondence(cid, require(raw, "text", where), outcomes, exceptions)


def _register(raw: dict[str, Any]) -> Register:
    risks = tuple(
        (require(r, "risk", "register risk"), require(r, "mitigation", "register risk"))
        for r in require(raw, "risks", "register", list)
    )
    return Register(
        name=require(raw, "name", "register"),
        purpose=require(raw, "purpose", "register"),
        legal_basis=text_list(raw, "legal_basis", "register"),
        risks=risks,
    )


def parse(data: dict[str, Any]) -> Questionnaire:
    """Build and check a questionnaire from parsed TOML."""
    scales = tuple(scale(s) for s in data.get("scales", []))
    unique_ids([s.id for s in scales], "scale")
    scale_ids = {s.id for s in scales}
    steps = []
    for raw_step in require(data, "steps", "questionnaire", list):
        sid = require(raw_step, "id", "step")
        questions = tuple(
            question(q, f"step '{sid}'", scale_ids)
            for q in require(raw_step, "questions", f"step '{sid}'", list)
        )
        steps.append(
            Step(
                sid,
                require(raw_step, "title", f"step '{sid}'"),
                raw_step.get("intro", ""),
                questions,
            )
        )
    schemes = {
        sid: _scheme(sid, raw)
        for sid, raw in require(data, "schemes", "questionnaire", dict).items()
    }
    questionnaire = Questionnaire(
        id=require(data, "id", "questionnaire"),
        version=require(data, "version", "questionnaire", int),
        title=require(data, "title", "questionnaire"),
        intro=data.get("intro", ""),
        minutes=data.get("minutes", 10),
        steps=tuple(steps),
        scales=scales,
        schemes=schemes,
        default_scheme=data.get("default_scheme", next(iter(schemes), "")),
        signals=tuple(_signal(s) for s in data.get("signals", [])),
        factors=tuple(_factor(f) for f in data.get("factors", [])),
        facts=tuple(
            Fact(require(f, "id", "fact"), require(f, "label", "fact"))
            for f in data.get("facts", [])
        ),
        ladder=_ladder(data["ladder"]) if "ladder" in data else None,
        correspondences=tuple(_correspondence(c) for c in data.get("correspondences", [])),
        register=_register(data["register"]) if "register" in data else None,
    )
    check(questionnaire)
    check_semantics(questionnaire)
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
