"""Forms of the functional administrator's screens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from portal.beheer.text_services import MAX_IMPORT
from portal.formkeys import KeyedForm
from portal.intake.version_services import MAX_SOURCE_BYTES
from portal.roles import ROLE_LABELS, STAFF_ROLES
from portal.texts import MAX_LENGTH
from portal.validation import Form, QueryForm

__all__ = ["MAX_IMPORT"]


class TextForm(Form):
    text = TextAreaField(
        _l("Your text"),
        validators=[
            DataRequired(_l("Write the text, or go back to the shipped text.")),
            Length(max=MAX_LENGTH),
        ],
        description=_l("Keep the parts like %(name)s: the portal fills in the right value there."),
    )


class ConfirmForm(Form):
    """An empty form: a button and the CSRF token."""


class ImportTextsForm(Form):
    file = FileField(_l("File with texts (JSON, exported from the portal)"))


class DefinitionForm(KeyedForm):
    file = FileField(_l("Definition file (TOML)"))
    source = TextAreaField(
        _l("Or the definition itself"),
        validators=[Optional(), Length(max=MAX_SOURCE_BYTES)],
        description=_l(
            "Change texts and weights in this copy, and give it a higher version number."
        ),
    )


class StaffForm(Form):
    role = RadioField(
        _l("Role"),
        choices=[SelectChoice(r.value, ROLE_LABELS[r]) for r in STAFF_ROLES],
        validators=[DataRequired(_l("Choose a role."))],
    )
    team = SelectField(_l("Team"), validate_choice=False)


class SearchForm(QueryForm):
    q = StringField(_l("Name or email address"), validators=[Optional(), Length(max=100)])


class MergeForm(Form):
    reason = TextAreaField(
        _l("Why are these the same person?"),
        validators=[DataRequired(_l("Write why these are the same person.")), Length(max=500)],
        description=_l("For example: same name, date of birth and address; registered twice."),
    )
