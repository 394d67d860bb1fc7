"""Registering an application, and activating with a letter code."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from portal.date_fields import DatePartsField
from portal.formkeys import KeyedForm
from portal.i18n import DEFAULT_LOCALE, LOCALES
from portal.validation import Form, MayBeEmpty


class RegistrationForm(KeyedForm):
    name = StringField(
        _l("Full name"), validators=[DataRequired(_l("Enter the full name.")), Length(max=200)]
    )
    born_on = DatePartsField(
        _l("Date of birth"), validators=[DataRequired(_l("Enter the date of birth."))]
    )
    email = EmailField(
        _l("Email address"),
        validators=[
            Optional(),
            Email(_l("Enter an email address like name@example.nl."), check_deliverability=False),
            Length(max=254),
        ],
    )
    phone = TelField(_l("Phone number"), validators=[MayBeEmpty(), Length(max=40)])
    applied_on = DateField(
        _l("Date of the application"),
        validators=[DataRequired(_l("Enter the date of the application."))],
    )
    language = SelectField(
        # staff only
        _l("Language for mails and letters"),
        # staff only
        description=_l("The applicant can change it later in the portal."),
        choices=[SelectChoice(code, name) for code, name in LOCALES.items()],
        default=DEFAULT_LOCALE,
    )
    uwv_registered_on = DatePartsField(
        _l("Date of registration at UWV as a job seeker"),
        description=_l("Only for people younger than 27. Look it up on werk.nl."),
        validators=[MayBeEmpty()],
    )


class SelfRegistrationForm(RegistrationForm):
    email = EmailField(
        _l("Email address"),
        description=_l("We send you an email with what to do and a link to your account."),
        validators=[
            DataRequired(_l("Enter your email address.")),
            Email(_l("Enter an email address like name@example.nl."), check_deliverability=False),
            Length(max=254),
        ],
    )
    # Applying yourself: the application date is today, the language is the page's. None
    # removes an inherited field (WTForms), which the stubs, typing it as a field, do not model.
    applied_on = None  # type: ignore[assignment]
    language = None  # type: ignore[assignment]


class LetterActivationForm(Form):
    code = StringField(
        _l("Code from the letter"),
        description=_l("For example K7M4-Q9TX."),
        validators=[DataRequired(_l("Enter the code from the letter.")), Length(max=20)],
    )
    born_on = DatePartsField(
        _l("Date of birth"), validators=[DataRequired(_l("Enter your date of birth."))]
    )
    email = EmailField(
        _l("Email address"),
        description=_l(
            "If you have one, you sign in with it. Without an email address you get a client "
            "number to sign in with."
        ),
        validators=[
            MayBeEmpty(),
            Email(_l("Enter an email address like name@example.nl."), check_deliverability=False),
            Length(max=254),
        ],
    )
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


class UWVForm(Form):
    registered_on = DatePartsField(
        _l("On which date did you register at UWV?"),
        validators=[DataRequired(_l("Enter the date of your registration."))],
    )


class SchoolForm(Form):
    has_startkwalificatie = RadioField(
        _l("Do you have a diploma of HAVO, VWO, or MBO level 2 or higher?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[DataRequired(_l("Choose an answer."))],
    )
    looked_into = BooleanField(_l("I looked into going back to school"))
    not_feasible = TextAreaField(
        _l("Is going back to school not possible for you now? Explain why."),
        validators=[Length(max=2000)],
    )


class EndForm(Form):
    reason = RadioField(
        _l("Why do you want to stop?"),
        choices=[
            SelectChoice("found_work", _l("I found work")),
            SelectChoice("started_study", _l("I start a study")),
            SelectChoice("withdrawn", _l("I withdraw my application")),
        ],
        validators=[DataRequired(_l("Choose a reason."))],
    )
