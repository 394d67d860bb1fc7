"""The coach's forms on a person's plan: a proposed goal or action (staff only)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.formkeys import KeyedForm


class ProposeActionForm(KeyedForm):
    what = StringField(
        _l("What will you do?"),
        validators=[DataRequired(_l("Write what you will do.")), Length(max=300)],
    )
    due_on = DateField(_l("When is it done?"), validators=[Optional()])
    helper = StringField(_l("Who helps?"), validators=[Length(max=200)])
    service = SelectField(_l("Help from the municipality"), choices=[], validators=[Optional()])
    comment = TextAreaField(_l("Why you propose this"), validators=[Length(max=2000)])


class ProposeGoalForm(KeyedForm):
    title = StringField(
        _l("Goal"), validators=[DataRequired(_l("Write your goal.")), Length(max=200)]
    )
    target_on = DateField(_l("Reach it by"), validators=[Optional()])
    comment = TextAreaField(_l("Why you propose this"), validators=[Length(max=2000)])
