"""Sign-in and password forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from portal.validation import Form

REQUIRED_EMAIL = _l("Enter your email address.")
VALID_EMAIL = _l("Enter an email address like name@example.nl.")


class LoginForm(Form):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(REQUIRED_EMAIL), Email(VALID_EMAIL, check_deliverability=False)],
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    next = HiddenField()


class ClientNumberLoginForm(Form):
    """For people without email, who activated with a letter: their client number."""

    number = StringField(
        _l("Client number"),
        description=_l("Eight digits, for example 1234 5678."),
        validators=[DataRequired(_l("Enter your client number.")), Length(max=20)],
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    next = HiddenField()


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(REQUIRED_EMAIL), Email(VALID_EMAIL, check_deliverability=False)],
    )


class _PasswordPair(Form):
    password = PasswordField(
        _l("New password"),
        description=_l("At least 10 characters. A short sentence is easy to remember."),
        validators=[DataRequired(_l("Enter a new password.")), Length(max=256)],
    )
    confirm = PasswordField(
        _l("Type the new password again"),
        validators=[
            DataRequired(_l("Type the new password again.")),
            EqualTo("password", _l("The two passwords are not the same.")),
        ],
    )


class NewPasswordForm(_PasswordPair):
    token = HiddenField()


class ChangePasswordForm(_PasswordPair):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )
