"""Forms of the consultant: the invitation and the assessment (built per application)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectChoice, StringField, TextAreaField, TimeField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import DataRequired, Length

from portal.formkeys import KeyedForm

MODE_CHOICES = [
    SelectChoice("in_person", _l("At the office")),
    SelectChoice("phone", _l("By phone")),
    SelectChoice("video", _l("By video call")),
]


class InviteForm(KeyedForm):
    day = DateField(_l("Day"), validators=[DataRequired(_l("Enter the day."))])
    time = TimeField(_l("Time"), validators=[DataRequired(_l("Enter the time."))])
    mode = RadioField(
        _l("How"),
        choices=MODE_CHOICES,
        validators=[DataRequired(_l("Choose how the conversation takes place."))],
    )
    place = StringField(
        _l("Place, phone number or video link"),
        validators=[
            DataRequired(_l("Enter the place, the phone number or the video link.")),
            Length(max=300),
        ],
    )


def assessment_form(keys: list[str], labels: dict):
    """One met / not met question and a note per obligation, and the conclusion."""

    class AssessmentForm(KeyedForm):
        conclusion = TextAreaField(_l("Conclusion"), validators=[Length(max=4000)])

    for key in keys:
        setattr(
            AssessmentForm,
            f"{key}_met",
            RadioField(
                labels[key],
                choices=[SelectChoice("yes", _l("Met")), SelectChoice("no", _l("Not met"))],
                validate_choice=False,
            ),
        )
        setattr(
            AssessmentForm,
            f"{key}_note",
            TextAreaField(
                _("Note about: %(item)s", item=labels[key]), validators=[Length(max=2000)]
            ),
        )
    return AssessmentForm()
