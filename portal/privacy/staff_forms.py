"""Forms of the staff's privacy pages (Dutch and English only)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import DataRequired, InputRequired, Length

from portal.validation import Form


class AnswerForm(Form):
    outcome = RadioField(
        _l("Outcome"),
        choices=[
            SelectChoice("corrected", _l("Corrected as asked")),
            SelectChoice("refused", _l("Not corrected (give the reason)")),
        ],
        validators=[InputRequired(_l("Choose an outcome."))],
    )
    answer = TextAreaField(
        _l("Answer to the applicant"),
        validators=[DataRequired(_l("Write the answer to the applicant.")), Length(max=2000)],
    )


class EraseForm(Form):
    reason = TextAreaField(
        _l("Reason for the erasure"),
        description=_l("For example: the person asked on 3 March 2026 (AVG art. 17)."),
        validators=[DataRequired(_l("Write the reason.")), Length(max=180)],
    )
