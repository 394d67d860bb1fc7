"""Forms of the privacy pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal.formkeys import KeyedForm


class CorrectionForm(KeyedForm):
    what = TextAreaField(
        _l("What is wrong?"),
        description=_l("For example: my phone number, or an answer I gave."),
        validators=[DataRequired(_l("Write what is wrong.")), Length(max=2000)],
    )
    should_be = TextAreaField(
        _l("What should it be? (you may leave this out)"), validators=[Length(max=2000)]
    )
