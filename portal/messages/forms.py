"""Forms of the message pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.files import MAX_MB
from portal.formkeys import KeyedForm
from portal.validation import Form


class MessageForm(KeyedForm):
    body = TextAreaField(
        _l("Your message"), validators=[DataRequired(_l("Write a message.")), Length(max=5000)]
    )
    file = FileField(
        _l("Attachment (you may leave this out)"),
        description=_l("A PDF, JPG or PNG file of at most %(mb)s MB.", mb=MAX_MB),
    )


class TemplateForm(Form):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)]
    )
    body = TextAreaField(
        _l("Text"),
        description=_l(
            "You can use {first_name} (the person's first name) and {coach_name} (the coach's "
            "first name)."
        ),
        validators=[DataRequired(_l("Write the text.")), Length(max=5000)],
    )
