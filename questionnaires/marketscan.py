"""The labour-market value scan (arbeidsmarktwaardescan) as versioned data: the levels in which
competences are rated, who may be asked to rate them (the 360° part), and the questions about
wishes and experience. The competences themselves are the municipality's list, kept in the
portal; this module knows nothing of them.

`load_scan(id, version)` reads `scans/<id>.v<version>.toml`; every mistake is refused at load
time, precisely, as for the other questionnaires. Pure Python: nothing of Flask, SQLAlchemy or
the portal.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from questionnaires.checks import DefinitionError, unique_ids
from questionnaires.model import Question, Step
from questionnaires.parsing import optional, question, require

SCANS = Path(__file__).resolve().parent / "scans"
CURRENT = ("arbeidsmarktwaardescan", 1)

__all__ = ["CURRENT", "SCANS", "Level", "Relation", "ScanDefinition", "load_scan", "parse_scan"]


@dataclass(frozen=True)
class Level:
    value: int
    label: str


@dataclass(frozen=True)
class Relation:
    value: str
    label: str


@dataclass(frozen=True)
class ScanDefinition:
    id: str
    version: int
    title: str
    intro: str
    minutes: int
    competences_title: str
    competences_intro: str
    levels: tuple[Level, ...]
    counts_from: int  # a competence rated at this level or higher counts as one the person has
    relations: tuple[Relation, ...]
    steps: tuple[Step, ...]
    sectors_question: str
    hours_question: str

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def level(self, value: int) -> Level | None:
        return next((lv for lv in self.levels if lv.value == value), None)

    def relation(self, value: str) -> Relation | None:
        return next((r for r in self.relations if r.value == value), None)

    @property
    def sectors(self) -> tuple[tuple[str, str], ...]:
        """(value, label) of every sector the matching knows (the sectors question's options)."""
        return tuple((o.value, o.label) for o in self.question(self.sectors_question).options)


def _levels(raw: dict[str, Any]) -> tuple[tuple[Level, ...], int]:
    where = "competences"
    levels = tuple(
        Level(require(lv, "value", f"{where} level", int), require(lv, "label", f"{where} level"))
        for lv in require(raw, "levels", where, list)
    )
    if len(levels) < 2:
        raise DefinitionError(f"{where}: at least two levels")
    values = [lv.value for lv in levels]
    if values != sorted(values) or values[0] < 1 or len(set(values)) != len(values):
        raise DefinitionError(f"{where}: levels are whole numbers from 1 up, lowest first")
    counts_from = require(raw, "counts_from", where, int)
    if counts_from not in values:
        raise DefinitionError(f"{where}: counts_from must be one of the levels")
    return levels, counts_from


def parse_scan(data: dict[str, Any]) -> ScanDefinition:
    """Build and check a scan definition from parsed TOML."""
    competences = require(data, "competences", "scan", dict)
    levels, counts_from = _levels(competences)
    relations = tuple(
        Relation(require(r, "value", "relation"), require(r, "label", "relation"))
        for r in require(data, "relations", "scan", list)
    )
    unique_ids([r.value for r in relations], "relation")
    if not relations:
        raise DefinitionError("scan: at least one relation for the 360° part")
    steps = []
    for raw_step in require(data, "steps", "scan", list):
        sid = require(raw_step, "id", "step")
        questions = tuple(
            question(q, f"step '{sid}'", set())
            for q in require(raw_step, "questions", f"step '{sid}'", list)
        )
        for q in questions:
            if q.show_if is not None or q.weights or any(o.weights for o in q.options):
                raise DefinitionError(f"question '{q.id}': a scan has no conditions or weights")
        steps.append(
            Step(
                sid,
                require(raw_step, "title", f"step '{sid}'"),
                raw_step.get("intro", ""),
                questions,
            )
        )
    unique_ids([s.id for s in steps], "step")
    if "competences" in {s.id for s in steps}:
        raise DefinitionError("step 'competences' is the municipality's list: choose another id")
    unique_ids([q.id for s in steps for q in s.questions], "question")
    matching = require(data, "matching", "scan", dict)
    found = {q.id: q for s in steps for q in s.questions}
    sectors = require(matching, "sectors", "matching")
    hours = require(matching, "hours", "matching")
    if found.get(sectors) is None or found[sectors].type != "multiple":
        raise DefinitionError(
            f"matching: sectors must name a multiple-choice question, not '{sectors}'"
        )
    if found.get(hours) is None or found[hours].type != "number":
        raise DefinitionError(f"matching: hours must name a number question, not '{hours}'")
    return ScanDefinition(
        id=require(data, "id", "scan"),
        version=require(data, "version", "scan", int),
        title=require(data, "title", "scan"),
        intro=optional(data, "intro", "scan", ""),
        minutes=optional(data, "minutes", "scan", 15, int),
        competences_title=require(competences, "title", "competences"),
        competences_intro=optional(competences, "intro", "competences", ""),
        levels=levels,
        counts_from=counts_from,
        relations=relations,
        steps=tuple(steps),
        sectors_question=sectors,
        hours_question=hours,
    )


def load_file(path: Path) -> ScanDefinition:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{path.name}: not valid TOML: {exc}") from exc
    try:
        return parse_scan(data)
    except DefinitionError as exc:
        raise DefinitionError(f"{path.name}: {exc}") from None


@cache
def load_scan(scan_id: str = CURRENT[0], version: int = CURRENT[1]) -> ScanDefinition:
    """A shipped scan definition (old versions stay loadable for stored answers)."""
    return load_file(SCANS / f"{scan_id}.v{version}.toml")
