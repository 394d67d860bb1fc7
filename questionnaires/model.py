"""The questionnaire model: frozen dataclasses, built by the loader from definition files.

All user-facing text is an English msgid; the portal translates it when it renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

QUESTION_TYPES = ("single", "multiple", "yes_no", "scale", "number", "date", "text", "long_text")
CHOICE_TYPES = ("single", "multiple", "yes_no")
NUMERIC_TYPES = ("scale", "number")


@dataclass(frozen=True)
class Condition:
    """all / any / not over comparisons; `ref` is ('question'|'scale'|'band', id)."""

    kind: str  # all | any | not | compare
    children: tuple[Condition, ...] = ()
    ref: tuple[str, str] | None = None
    op: str = ""
    value: Any = None

    def refs(self) -> list[tuple[str, str]]:
        """Every (kind, id) this condition reads."""
        if self.kind == "compare":
            assert self.ref is not None  # noqa: S101 -- the loader sets it on every comparison
            return [self.ref]
        return [ref for child in self.children for ref in child.refs()]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    weights: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    help: str = ""
    required: bool = True
    options: tuple[Option, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    min_label: str = ""
    max_label: str = ""
    max_length: int = 500
    weights: dict[str, float] = field(default_factory=dict)  # numeric answer × weight
    show_if: Condition | None = None
    protected: bool = False  # nationality, origin, religion, gender, age: never scored/routed
    sensitive: bool = False  # health, addiction, debts: need-to-know only
    topic: str = ""  # for charts and reports, e.g. 'positive_health'

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    minimum: float  # inclusive
    maximum: float  # exclusive, except for the last band


@dataclass(frozen=True)
class Scale:
    id: str
    label: str
    bands: tuple[Band, ...]

    def band_for(self, score: float) -> Band:
        for band in self.bands:
            if band.minimum <= score < band.maximum:
                return band
        return self.bands[-1] if score >= self.bands[-1].minimum else self.bands[0]


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str
    description: str
    next_steps: str
    ladder: str = ""  # participation ladder estimate, where the scheme has one


@dataclass(frozen=True)
class Route:
    id: str
    outcome: str
    when: Condition | None  # None: always
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Scheme:
    id: str
    label: str
    outcomes: tuple[Outcome, ...]
    routes: tuple[Route, ...]
    default: Route

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)


@dataclass(frozen=True)
class Signal:
    id: str
    when: Condition
    text: str


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: str
    intro: str
    minutes: int
    steps: tuple[Step, ...]
    scales: tuple[Scale, ...]
    schemes: dict[str, Scheme]
    default_scheme: str
    signals: tuple[Signal, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def scale(self, scale_id: str) -> Scale:
        return next(s for s in self.scales if s.id == scale_id)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def scheme(self, scheme_id: str | None = None) -> Scheme:
        return self.schemes[scheme_id or self.default_scheme]
