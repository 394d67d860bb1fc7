"""Forms of the STIP pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from portal.date_fields import DatePartsField
from portal.validation import Form


class StartForm(Form):
    born_on = DatePartsField(
        _l("Date of birth of the person"), validators=[DataRequired(_l("Enter the date of birth."))]
    )
    code = StringField(
        _l("The code the person has"),
        description=_l(
            "For example KX7P-M2QD. The person sees it on their screen, got it by mail, or has it "
            "on a letter."
        ),
        validators=[DataRequired(_l("Enter the code.")), Length(max=20)],
    )


class MailCodeForm(Form):
    email = EmailField(
        _l("Email address of the person"),
        validators=[
            DataRequired(_l("Enter the email address.")),
            Email(_l("Enter an email address like name@example.nl."), check_deliverability=False),
        ],
    )


class LocationForm(Form):
    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter the name.")), Length(max=200)]
    )
    address = StringField(_l("Address"), validators=[Length(max=300)])
    opening_hours = TextAreaField(_l("Opening hours"), validators=[Length(max=1000)])


class VolunteerForm(Form):
    volunteer = SelectField(
        _l("Volunteer"), validate_choice=False, validators=[DataRequired(_l("Choose a volunteer."))]
    )
