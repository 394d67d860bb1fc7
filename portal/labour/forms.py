"""Forms of the scan: ratings (built from the competence list and the definition's levels),
inviting a rater, showing the profile to job hunters."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import DataRequired, Length

from portal.formkeys import KeyedForm
from portal.labour.models import Competence
from portal.validation import Form
from questionnaires.marketscan import ScanDefinition

NOT_RATED = "0"


def field_name(competence: Competence) -> str:
    return f"c{competence.id}"


def ratings_form(
    definition: ScanDefinition, items: list[Competence], stored: dict[int, int]
) -> Form:
    """One group of radio buttons per competence: not (yet), then the definition's levels."""

    class RatingsForm(Form):
        pass

    choices = [SelectChoice(NOT_RATED, _("I cannot do this (yet), or I do not know"))] + [
        SelectChoice(str(level.value), _(level.label)) for level in definition.levels
    ]
    for item in items:
        setattr(
            RatingsForm, field_name(item), RadioField(item.name, choices=choices, default=NOT_RATED)
        )
    return RatingsForm(data={field_name(c): str(stored.get(c.id, NOT_RATED)) for c in items})


def read_levels(form: Form, items: list[Competence]) -> dict[int, int]:
    """{competence id: level} of the rated ones (a radio field refuses unknown values)."""
    levels = {}
    for item in items:
        value = form[field_name(item)].data
        if value and value != NOT_RATED:
            levels[item.id] = int(value)
    return levels


class InviteForm(KeyedForm):
    relation = RadioField(_l("Whom do you want to ask?"), validate_choice=False)
    name = StringField(
        _l("Their name"),
        description=_l("Only for you, so that you know whom you asked. For example: Piet."),
        validators=[
            DataRequired(_l("Fill in a name, so that you know whom you asked.")),
            Length(max=100),
        ],
    )


class VisibleForm(Form):
    visible = HiddenField()
