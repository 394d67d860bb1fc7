"""Forms of representation: the person authorises someone, the representative uses the code, a
consultant registers a court decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import EmailField, RadioField, SelectChoice, SelectField, StringField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import DataRequired, Email, Length, Optional

from portal.date_fields import DatePartsField
from portal.files import MAX_MB
from portal.formkeys import KeyedForm
from portal.mandates import COURT_KINDS
from portal.validation import Form

_EMAIL = [
    DataRequired(_l("Enter the email address.")),
    Email(_l("Enter an email address like name@example.nl."), check_deliverability=False),
    Length(max=254),
]

# How long the person's authorisation holds, in months.
PERIODS = {
    "3": _l("3 months"),
    "12": _l("1 year"),
    "36": _l("3 years"),
}


class InviteForm(KeyedForm):
    """The person authorises someone they trust (a family member, a friend)."""

    name = StringField(
        _l("Name of the person who helps you"),
        validators=[DataRequired(_l("Enter the name.")), Length(max=200)],
    )
    email = EmailField(_l("Their email address"), validators=_EMAIL)
    months = RadioField(
        _l("For how long?"),
        choices=[SelectChoice(key, label) for key, label in PERIODS.items()],
        default="12",
        validators=[DataRequired(_l("Choose how long."))],
    )


class CodeForm(Form):
    """The representative types the code the person gave them."""

    code = StringField(
        _l("The code you got from the person"),
        description=_l("For example KX7P-M2QD."),
        validators=[DataRequired(_l("Enter the code.")), Length(max=20)],
    )


class CourtForm(KeyedForm):
    """A consultant registers a court decision with its document."""

    # staff only
    kind = SelectField(
        # staff only
        _l("Kind of decision"),
        choices=[SelectChoice(kind.value, kind.label) for kind in COURT_KINDS],
        # staff only
        validators=[DataRequired(_l("Choose the kind."))],
    )
    # staff only
    name = StringField(
        # staff only
        _l("Name of the representative"),
        validators=[DataRequired(_l("Enter the name.")), Length(max=200)],
    )
    # staff only
    email = EmailField(_l("Email address of the representative"), validators=_EMAIL)
    # staff only
    reference = StringField(
        # staff only
        _l("Reference number of the decision"),
        # staff only
        validators=[DataRequired(_l("Enter the reference number.")), Length(max=60)],
    )
    # staff only
    decided_on = DatePartsField(
        # staff only
        _l("Date of the decision"),
        validators=[DataRequired(_l("Enter the date."))],
    )
    # staff only
    ends_on = DatePartsField(
        # staff only
        _l("End date (if the decision has one)"),
        validators=[Optional()],
    )
    # staff only
    file = FileField(
        # staff only
        _l("The decision (a scan or PDF)"),
        # staff only
        description=_l("A PDF, JPEG or PNG file of at most %(mb)s MB.", mb=MAX_MB),
    )
