"""Staff forms: the competence list and the import of occupations and vacancies."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    BooleanField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from portal.formkeys import KeyedForm
from portal.labour.import_services import KINDS
from portal.validation import Form, MayBeEmpty


class CompetenceForm(Form):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=60)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    group = StringField(_l("Group"), validators=[DataRequired(), Length(max=80)])
    how_to_learn = TextAreaField(
        _l("Where to learn it"),
        description=_l("Shown when an occupation asks for it and the person does not have it yet."),
        validators=[MayBeEmpty(), Length(max=1000)],
    )
    active = BooleanField(_l("In use"), default=True)


class ImportForm(KeyedForm):
    kind = RadioField(
        _l("What does the file hold?"),
        choices=[
            SelectChoice(KINDS[0], _l("Occupations in demand")),
            SelectChoice(KINDS[1], _l("Vacancies")),
        ],
    )
    file = FileField(_l("CSV or JSON file"))
