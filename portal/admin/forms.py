"""Forms of the team lead's account management."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, SelectChoice, SelectField, StringField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import DataRequired, Email, Length

from portal.roles import ROLE_LABELS, STAFF_ROLES
from portal.validation import Form


class InviteForm(Form):
    name = StringField(
        _l("Full name"), validators=[DataRequired(_l("Enter the full name.")), Length(max=200)]
    )
    email = EmailField(
        _l("Work email address"),
        validators=[
            DataRequired(_l("Enter the work email address.")),
            Email(_l("Enter an email address like name@example.nl."), check_deliverability=False),
            Length(max=254),
        ],
    )
    role = RadioField(
        _l("Role"),
        choices=[SelectChoice(r.value, ROLE_LABELS[r]) for r in STAFF_ROLES],
        validators=[DataRequired(_l("Choose a role."))],
    )
    team = SelectField(
        _l("Team"),
        validate_choice=False,
        description=_l("Consultants see the applications of their own team."),
    )


class TeamForm(Form):
    name = StringField(
        _l("Name of the team"),
        validators=[DataRequired(_l("Enter the name of the team.")), Length(max=100)],
    )


class ConfirmForm(Form):
    """An empty form: a button and the CSRF token."""
