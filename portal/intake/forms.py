"""WTForms for a questionnaire page, built from the definition; the engine checks the answers."""

from __future__ import annotations

from typing import Any, NamedTuple

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal import fragments, i18n, texts
from portal.formkeys import KeyedForm
from portal.validation import Form
from questionnaires import engine
from questionnaires.model import Question


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def error_message(question: Question, code: str) -> str:
    """The engine's error code as a sentence in the user's language."""
    if code == engine.REQUIRED:
        if question.type == "multiple":
            return _("Choose at least one answer.")
        if question.type in ("single", "yes_no", "scale"):
            return _("Choose an answer.")
        return _("Answer this question.")
    if code == engine.NOT_A_NUMBER:
        return _("Fill in a number, for example 12.")
    if code == engine.OUT_OF_RANGE:
        return _(
            "Fill in a whole number from %(min)s to %(max)s.",
            min=_number(question.minimum),
            max=_number(question.maximum),
        )
    if code == engine.INVALID_DATE:
        return _("Fill in a date that exists, for example 15-03-2026.")
    if code == engine.TOO_LONG:
        return _("Use at most %(count)s characters.", count=question.max_length)
    return _("Choose one of the answers.")


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _choices(question: Question) -> list[SelectChoice]:
    if question.type == "scale":
        assert question.minimum is not None and question.maximum is not None  # noqa: S101 -- the loader requires them on a scale
        low, high = int(question.minimum), int(question.maximum)
        ends = {low: question.min_label, high: question.max_label}
        return [
            SelectChoice(
                str(n),
                _("%(number)s: %(meaning)s", number=n, meaning=_(ends[n]))
                if ends.get(n)
                else str(n),
            )
            for n in range(low, high + 1)
        ]
    return [SelectChoice(o.value, _(o.label)) for o in question.options]


def _field(question: Question):
    label = _(question.text)
    description = _(question.help) if question.help else ""
    if question.type == "scale" and question.min_label:
        description = _(
            "%(min)s means: %(min_label)s. %(max)s means: %(max_label)s.",
            min=_number(question.minimum),
            min_label=_(question.min_label),
            max=_number(question.maximum),
            max_label=_(question.max_label),
        )
    if question.type in ("single", "yes_no", "scale"):
        return RadioField(
            label, choices=_choices(question), description=description, validate_choice=False
        )
    if question.type == "multiple":
        return CheckboxesField(
            label, choices=_choices(question), description=description, validate_choice=False
        )
    if question.type == "long_text":
        return TextAreaField(label, description=description)
    return StringField(label, description=description)


class Answer(NamedTuple):
    """One answer of a choice question as the form macros show it."""

    id: str
    input: Markup  # the <input>, checked or not as the view's answer says
    label: str
    value: str


def answer_inputs(field, css: str) -> list[Answer]:
    """The answers of a choice question, for the form macros.
    WTForms builds a field object for every answer of every question on every page view (a
    tenth of a questionnaire page's time); here WTForms makes each answer's <input>, checked
    and not, once per question, language and look, and it is kept (portal.fragments). These
    fields have no validators or render_kw, so nothing else could make two views differ."""
    found = list(field.iter_choices())
    key = (type(field), field.id, field.name, css, tuple((c.value, c.label) for c in found))
    made = fragments.kept("answer_inputs", key, lambda: _inputs_of(field, css))
    return [
        Answer(option_id, checked if choice.selected else unchecked, label, value)
        for (option_id, unchecked, checked, label, value), choice in zip(made, found, strict=True)
    ]


def _inputs_of(field, css: str) -> list[tuple[str, Markup, Markup, str, str]]:
    made = []
    for option in field:
        option.checked = False
        unchecked = option(**{"class": css})
        option.checked = True
        made.append(
            (option.id, unchecked, option(**{"class": css}), option.label.text, option.data)
        )
    return made


def _form_class(questions: tuple[Question, ...]) -> type[Form]:
    class StepForm(Form):
        questions_shown = questions  # keeps the questions (and so their ids) while it is kept

    for question in questions:
        setattr(StepForm, question.id, _field(question))
    return StepForm


def step_form(questions: list[Question], answers: dict[str, Any]) -> Form:
    """A form with one field per visible question, filled with the stored answers. Its class
    is made once per set of questions, language and texts (its labels are translated), and
    kept (portal.fragments)."""
    shown = tuple(questions)
    locale = i18n.current_locale()
    form_class = fragments.kept(
        "step_form",
        (tuple(id(q) for q in shown), locale, texts.version(locale)),
        lambda: _form_class(shown),
    )
    stored = {}
    for question in questions:
        value = answers.get(question.id)
        if value is not None:
            stored[question.id] = value if question.type == "multiple" else str(value)
    return form_class(data=stored)


def read_answers(form: Form, questions: list[Question]) -> tuple[dict[str, Any], bool]:
    """Parse the submitted values; errors go next to their fields. Returns (values, ok)."""
    values, ok = {}, True
    for question in questions:
        field = form[question.id]
        value, error = engine.parse_answer(question, field.data)
        if error:
            field.errors = [error_message(question, error)]
            ok = False
        else:
            values[question.id] = value
    return values, ok


class DecisionForm(Form):
    outcome = RadioField(_l("Decision"), validate_choice=False)
    reason = TextAreaField(
        _l("Reason"),
        description=_l(
            "Required when you choose something else than the advice. The applicant can read it."
        ),
    )
    # staff only
    answer = TextAreaField(
        # staff only
        _l("Your answer to the objection"),
        # staff only
        description=_l("Required. Write in plain words: the applicant reads this answer."),
        validators=[Length(max=2000)],
    )


# The common reasons to disagree with the advice; the applicant may add their own words.
OBJECTION_REASONS = {
    "health": _l("My health is not as the advice says."),
    "capacity": _l("I can do more than the advice says."),
    "help": _l("I need more help than the advice says."),
    "changed": _l("My situation has changed since I answered."),
    "mistake": _l("I made a mistake in my answers."),
}


class ObjectionForm(KeyedForm):
    reasons = CheckboxesField(
        _l("Why do you not agree?"),
        description=_l("Choose what fits. You can choose more than one."),
        choices=[SelectChoice(key, label) for key, label in OBJECTION_REASONS.items()],
    )
    text = TextAreaField(
        _l("Tell us in your own words"),
        description=_l("You may leave this empty if a reason above says it all."),
        validators=[Length(max=2000)],
    )
