"""The answers of a choice question come out as WTForms renders them (portal.intake.forms
.answer_inputs keeps each <input> instead of building a field per answer on every view), and
every view shows its own answer checked."""

from portal.intake.forms import answer_inputs, step_form
from questionnaires.model import Option, Question

CSS = "utrecht-radio-button utrecht-radio-button--html-input"
QUESTIONS = [
    Question(
        id="work_last",
        type="single",
        text="When did you last work?",
        options=(Option("within_year", "This year"), Option("never", 'Never "<b>"')),
    ),
    Question(id="mood", type="scale", text="How do you feel?", minimum=0, maximum=3),
    Question(
        id="help",
        type="multiple",
        text="What helps?",
        options=(Option("coach", "A coach"), Option("course", "A course")),
    ),
]


def _wtforms(field, css: str) -> list[tuple]:
    """What the form macros showed before: WTForms' own option fields."""
    return [(o.id, str(o(**{"class": css})), o.label.text, o.data) for o in field]


def _kept(field, css: str) -> list[tuple]:
    return [(i, str(html), label, value) for i, html, label, value in answer_inputs(field, css)]


def test_the_kept_inputs_are_what_wtforms_renders_for_every_answer_given(app):
    answers = [
        {},
        {"work_last": "never", "mood": 2, "help": ["course"]},
        {"work_last": "within_year", "mood": 0, "help": ["coach", "course"]},
    ]
    with app.test_request_context():
        for given in answers:
            for css in (CSS, CSS + " utrecht-radio-button--invalid"):
                form = step_form(QUESTIONS, given)
                for question in QUESTIONS:
                    field = form[question.id]
                    assert _kept(field, css) == _wtforms(field, css), (given, question.id)


def test_each_view_checks_its_own_answer(app):
    with app.test_request_context():
        first = answer_inputs(step_form(QUESTIONS, {"work_last": "never"})["work_last"], CSS)
        second = answer_inputs(step_form(QUESTIONS, {})["work_last"], CSS)
    assert ["checked" in str(html) for _id, html, _label, _value in first] == [False, True]
    assert not any("checked" in str(html) for _id, html, _label, _value in second)
    assert first[1][2] == 'Never "<b>"'  # text: the template escapes it
