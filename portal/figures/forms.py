"""The period and team of the figures (a GET form), and the team lead's goals."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectChoice, SelectField, StringField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.figures.file_display import COMPARISONS, MEASURES
from portal.formkeys import KeyedForm
from portal.validation import QueryForm

PART_LABELS = {
    "year": _l("Whole year"),
    "q1": _l("1st quarter"),
    "q2": _l("2nd quarter"),
    "q3": _l("3rd quarter"),
    "q4": _l("4th quarter"),
    "m01": _l("January"),
    "m02": _l("February"),
    "m03": _l("March"),
    "m04": _l("April"),
    "m05": _l("May"),
    "m06": _l("June"),
    "m07": _l("July"),
    "m08": _l("August"),
    "m09": _l("September"),
    "m10": _l("October"),
    "m11": _l("November"),
    "m12": _l("December"),
}
ALL_TEAMS, NO_TEAM = "", "none"


class PeriodForm(QueryForm):
    """Read from the query string (nothing changes)."""

    # Always one chosen (a list without an empty first option may not be `required` in HTML).
    year = SelectField(
        _l("Year"),
        validators=[DataRequired(_l("Choose a year."))],
        render_kw={"required": False},
    )
    part = SelectField(
        _l("Period"),
        choices=[SelectChoice(k, v) for k, v in PART_LABELS.items()],
        validators=[DataRequired(_l("Choose a period."))],
        render_kw={"required": False},
    )
    team = SelectField(_l("Team"), validators=[Optional()])


class GoalForm(KeyedForm):
    name = StringField(
        _l("Name of the goal"),
        description=_l("For example: Goal 1 of the council letter, young people under 27."),
        validators=[DataRequired(_l("Give the goal a name.")), Length(max=120)],
    )
    measure = SelectField(
        _l("Who is counted"),
        choices=[SelectChoice(k, v) for k, v in MEASURES.items()],
        validators=[DataRequired(_l("Choose who is counted."))],
        render_kw={"required": False},  # one is always chosen
    )
    comparison = SelectField(
        _l("The number is"),
        choices=[SelectChoice(k, v) for k, v in COMPARISONS.items()],
        validators=[DataRequired(_l("Choose no more than or at least."))],
        render_kw={"required": False},  # one is always chosen
    )
    target = IntegerField(
        _l("Target (number of people)"),
        validators=[
            InputRequired(_l("Enter the number of people.")),
            NumberRange(min=0, max=1_000_000, message=_l("Enter a number from 0 to 1,000,000.")),
        ],
    )
    due_on = DateField(
        _l("On"), validators=[DataRequired(_l("Enter the date, for example 1-1-2027."))]
    )
    team = SelectField(_l("Team"), validators=[Optional()])


class AuditFilterForm(QueryForm):
    """Read from the query string (the look is recorded, nothing else changes)."""

    actor = StringField(
        _l("Who (part of a name or email address)"), validators=[Optional(), Length(max=100)]
    )
    person = StringField(
        _l("Whose file (part of a name or email address)"), validators=[Optional(), Length(max=100)]
    )
    kind = SelectField(
        _l("What"),
        choices=[
            SelectChoice("all", _l("Everything")),
            SelectChoice("reads", _l("Only looking")),
            SelectChoice("changes", _l("Only changes")),
        ],
        validators=[Optional()],
    )
    first = DateField(_l("From"), validators=[Optional()])
    last = DateField(_l("Up to and including"), validators=[Optional()])

    def validate_last(self, field) -> None:
        if field.data and self.first.data and field.data < self.first.data:
            raise ValidationError(_l("This date is before the first date."))
