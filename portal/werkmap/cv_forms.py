"""Forms for the CV (personal details, one form per kind of item), the upload and the profile."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.date_fields import DatePartsField
from portal.files import MAX_MB
from portal.formkeys import KeyedForm
from portal.validation import Form
from portal.werkmap.cv_models import CEFR, LICENCES

LEVEL_LABELS = {
    "primary": _l("Primary school"),
    "vmbo": _l("VMBO"),
    "mbo1": _l("MBO level 1"),
    "mbo2": _l("MBO level 2"),
    "mbo3": _l("MBO level 3"),
    "mbo4": _l("MBO level 4"),
    "havo": _l("HAVO"),
    "vwo": _l("VWO"),
    "hbo": _l("HBO"),
    "wo": _l("University (WO)"),
    "foreign": _l("A diploma from another country"),
    "other": _l("Something else"),
}
CEFR_LABELS = {level: level for level in CEFR if level != "native"} | {
    "native": _l("Mother tongue")
}
SECTION_TITLES = {
    "experience": _l("Work experience"),
    "education": _l("Education"),
    "skill": _l("Skills"),
    "language": _l("Languages"),
    "certificate": _l("Certificates"),
    "reference": _l("References"),
}
PART_LABELS = {
    "personal": _l("your name and a phone number or email address"),
    "profile_text": _l("a few sentences about yourself"),
    "experience": _l("work experience"),
    "education": _l("education"),
    "language": _l("languages"),
    "jobs": _l("the work you are looking for"),
    "hours_per_week": _l("hours per week"),
    "region": _l("where you want to work"),
    "available_from": _l("from when you can start"),
}
DATE_HELP = _l("For example 1 9 2020. A rough date is fine.")


class PersonalForm(Form):
    full_name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter your name.")), Length(max=200)]
    )
    phone = StringField(_l("Phone number"), validators=[Length(max=40)])
    email = StringField(
        _l("Email address"),
        validators=[
            Optional(),
            Email(_l("Enter an email address like name@example.nl.")),
            Length(max=254),
        ],
    )
    city = StringField(_l("Place where you live"), validators=[Length(max=100)])
    born_on = DatePartsField(_l("Date of birth (you may leave this out)"), validators=[Optional()])
    profile_text = TextAreaField(
        _l("About me"),
        description=_l(
            "A few sentences: who you are, what you are good at and what work you want."
        ),
        validators=[Length(max=2000)],
    )
    driving_licences = SelectMultipleField(
        _l("Driving licences"),
        choices=[SelectChoice(code, code) for code in LICENCES],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    no_experience = BooleanField(_l("I have not had a paid job yet"))


def _dates(form_class):
    form_class.started = DatePartsField(_l("From"), example=DATE_HELP, validators=[Optional()])
    form_class.ended = DatePartsField(
        _l("Until (leave empty if you still do this)"), example=DATE_HELP, validators=[Optional()]
    )
    return form_class


@_dates
class ExperienceForm(KeyedForm):
    title = StringField(_l("Job"), validators=[DataRequired(_l("Fill this in.")), Length(max=200)])
    organisation = StringField(_l("Employer"), validators=[Length(max=200)])
    place = StringField(_l("Place"), validators=[Length(max=100)])
    detail = TextAreaField(_l("What did you do?"), validators=[Length(max=2000)])


@_dates
class EducationForm(KeyedForm):
    title = StringField(
        _l("Course or school subject"),
        validators=[DataRequired(_l("Fill this in.")), Length(max=200)],
    )
    organisation = StringField(_l("School"), validators=[Length(max=200)])
    level = SelectField(
        _l("Level"),
        choices=[SelectChoice("", _l("Choose"))]
        + [SelectChoice(k, v) for k, v in LEVEL_LABELS.items()],
        validators=[Optional()],
    )
    diploma = BooleanField(_l("I have the diploma"))


class SkillForm(KeyedForm):
    title = StringField(
        _l("Skill"),
        description=_l("For example: forklift driving, Excel, cooking for groups."),
        validators=[DataRequired(_l("Fill this in.")), Length(max=200)],
    )


class LanguageForm(KeyedForm):
    title = StringField(
        _l("Language"), validators=[DataRequired(_l("Fill this in.")), Length(max=200)]
    )
    level = SelectField(
        _l("Level"),
        description=_l("A1 is a beginner, C2 speaks it almost like a mother tongue."),
        choices=[SelectChoice("", _l("Choose"))]
        + [SelectChoice(k, v) for k, v in CEFR_LABELS.items()],
        validators=[Optional()],
    )


class CertificateForm(KeyedForm):
    title = StringField(
        _l("Certificate"),
        description=_l("For example: VCA, HACCP, BHV."),
        validators=[DataRequired(_l("Fill this in.")), Length(max=200)],
    )
    organisation = StringField(_l("Issued by"), validators=[Length(max=200)])
    started = DateField(_l("Date"), validators=[Optional()])


class ReferenceForm(KeyedForm):
    title = StringField(_l("Name"), validators=[DataRequired(_l("Fill this in.")), Length(max=200)])
    organisation = StringField(_l("Company and job"), validators=[Length(max=200)])
    detail = TextAreaField(_l("Phone number or email address"), validators=[Length(max=500)])


ITEM_FORMS: dict[str, type[Form]] = {
    "experience": ExperienceForm,
    "education": EducationForm,
    "skill": SkillForm,
    "language": LanguageForm,
    "certificate": CertificateForm,
    "reference": ReferenceForm,
}


class UploadForm(Form):
    file = FileField(
        _l("Your CV"),
        description=_l("A PDF, Word (DOCX) or ODT file of at most %(mb)s MB.", mb=MAX_MB),
    )


class ProfileForm(Form):
    jobs = TextAreaField(
        _l("Which work are you looking for?"),
        description=_l("For example: order picker, shop assistant, cleaner."),
        validators=[Length(max=1000)],
    )
    sectors = TextAreaField(
        _l("In which sectors?"),
        description=_l("For example: logistics, retail, care."),
        validators=[Length(max=1000)],
    )
    hours_per_week = IntegerField(
        _l("How many hours a week can you work?"), validators=[Optional()]
    )
    region = StringField(
        _l("Where do you want to work?"),
        description=_l("A town or region."),
        validators=[Length(max=100)],
    )
    max_travel_minutes = IntegerField(
        _l("How many minutes can you travel, one way?"), validators=[Optional()]
    )
    available_from = DateField(_l("From when can you start?"), validators=[Optional()])
    limits = TextAreaField(
        _l("Is there something an employer should know?"),
        description=_l(
            "For example: I cannot lift heavy things, or I can only work in the mornings. You "
            "decide whether to write this down."
        ),
        validators=[Length(max=2000)],
    )
    share_limits = BooleanField(_l("An employer may see this"))
