"""The questionnaire model: frozen dataclasses, built by the loader from definition files.

All user-facing text is an English msgid; the portal translates it when it renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

QUESTION_TYPES = ("single", "multiple", "yes_no", "scale", "number", "date", "text", "long_text")
CHOICE_TYPES = ("single", "multiple", "yes_no")
NUMERIC_TYPES = ("scale", "number")


@dataclass(frozen=True)
class Condition:
    """all / any / not over comparisons; `ref` is ('question'|'scale'|'band'|'fact', id)."""

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
    # Which answers are "better" (for the monotonicity property): option tiers from best to
    # worst (options left out are not ordered), or 'higher' / 'lower' for a number.
    best_to_worst: tuple[tuple[str, ...], ...] = ()
    better: str = ""

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
    reason: str = ""  # what this band says about the person, for the reasons of a route


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

    def band(self, band_id: str) -> Band:
        return next(b for b in self.bands if b.id == band_id)


@dataclass(frozen=True)
class Variant:
    """Next steps of an outcome that fit the person better when `when` holds (hours, care)."""

    id: str
    when: Condition
    next_steps: str


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str
    description: str
    next_steps: str
    ladder: tuple[int, int] | None = None  # the participation-ladder steps usual for it
    horizon: str = ""  # when paid work is expected, in words for the applicant
    support: int | None = None  # 1 = the least support; orders the outcomes of a scheme
    self_reliant: bool = False  # served at a distance (e-coach): Zelfdoeners, profile 1
    supplementary: str = ""  # the questionnaire asked once this outcome is confirmed
    hand_back: bool = False  # of a supplementary questionnaire: back towards work after all
    receives_hand_back: bool = False  # of a main scheme: where such a hand back lands
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Route:
    id: str
    outcome: str
    when: Condition | None  # None: always
    reasons: tuple[str, ...]
    explain: tuple[str, ...] = ()  # scales whose band reason and factors are named
    factors: tuple[str, ...] = ()  # further factors named when they hold


@dataclass(frozen=True)
class Scheme:
    id: str
    label: str
    outcomes: tuple[Outcome, ...]
    routes: tuple[Route, ...]
    default: Route

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)

    def route(self, route_id: str) -> Route | None:
        return next((r for r in (*self.routes, self.default) if r.id == route_id), None)

    @property
    def all_routes(self) -> tuple[Route, ...]:
        return (*self.routes, self.default)


@dataclass(frozen=True)
class Signal:
    id: str
    when: Condition
    text: str  # for staff
    help: str = ""  # for the applicant: what help there is; without it staff only
    contact: str = ""  # where to get that help
    link: str = ""  # an https address with more about it


@dataclass(frozen=True)
class Factor:
    """A concrete thing in the person's situation that a route's reasons name when it holds."""

    id: str
    when: Condition
    text: str
    scale: str = ""  # the scale it explains, if any


@dataclass(frozen=True)
class Fact:
    """A fact from outside the questionnaire (age on the application date); signals only."""

    id: str
    label: str


@dataclass(frozen=True)
class LadderStep:
    step: int
    label: str


@dataclass(frozen=True)
class LadderRule:
    step: int
    when: Condition | None  # None: the last rule, always
    text: str


@dataclass(frozen=True)
class Ladder:
    """The participation ladder: a step from factual answers, first rule that holds."""

    steps: tuple[LadderStep, ...]
    rules: tuple[LadderRule, ...]

    def label(self, step: int) -> str:
        return next(s.label for s in self.steps if s.step == step)


@dataclass(frozen=True)
class Exemption:
    """Answers for which a correspondence between schemes does not hold, and why."""

    id: str
    when: Condition
    reason: str


@dataclass(frozen=True)
class Correspondence:
    """The same answers give one of these outcomes in every listed scheme, or none of them."""

    id: str
    text: str
    outcomes: dict[str, tuple[str, ...]]  # scheme id → outcome ids
    exceptions: tuple[Exemption, ...] = ()


@dataclass(frozen=True)
class Register:
    """The fixed texts of the public algorithm description (Algoritmeregister)."""

    name: str
    purpose: str
    legal_basis: tuple[str, ...]
    risks: tuple[tuple[str, str], ...]  # (risk, mitigation)


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
    factors: tuple[Factor, ...] = ()
    facts: tuple[Fact, ...] = ()
    ladder: Ladder | None = None
    correspondences: tuple[Correspondence, ...] = ()
    register: Register | None = None

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def scale(self, scale_id: str) -> Scale:
        return next(s for s in self.scales if s.id == scale_id)

    def factor(self, factor_id: str) -> Factor:
        return next(f for f in self.factors if f.id == factor_id)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def scheme(self, scheme_id: str | None = None) -> Scheme:
        return self.schemes[scheme_id or self.default_scheme]
