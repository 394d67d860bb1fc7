"""Forms of the second factor and of linking a DigiD login to an existing account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length

from portal.auth.forms import REQUIRED_EMAIL, VALID_EMAIL
from portal.validation import Form


class SetupForm(Form):
    code = StringField(
        _l("The 6-digit code from the app"),
        validators=[DataRequired(_l("Type the code that the app shows.")), Length(max=20)],
    )
    next = HiddenField()


class VerifyForm(Form):
    code = StringField(
        _l("Code"),
        description=_l("The 6 digits from your authenticator app, or one of your recovery codes."),
        validators=[DataRequired(_l("Type the code that the app shows.")), Length(max=40)],
    )
    next = HiddenField()


class LinkForm(Form):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(REQUIRED_EMAIL), Email(VALID_EMAIL, check_deliverability=False)],
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
