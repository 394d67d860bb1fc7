"""Forms of the coaching pages."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectChoice, SelectField, TextAreaField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import DataRequired, Length, Optional

from portal.formkeys import KeyedForm

OUTCOME_LABELS = {
    "continue": _l("Continue e-coaching"),
    "workshop": _l("Refer to a workshop"),
    "klantondersteuning": _l("Move to Klantondersteuning"),
    "ended": _l("End the coaching"),
}
END_LABELS = {
    "regular_job": _l("Regular job"),
    "education": _l("Education"),
    "practical_training": _l("Practical training"),
    "follow_up_trajectory": _l("Follow-up trajectory"),
    "sheltered_job": _l("Sheltered job"),
    "afspraakbaan": _l("Afspraakbaan (job for people with a work limitation)"),
    "drop_out": _l("Drop-out"),
    "temporary_drop_out": _l("Temporary drop-out"),
}
REASON_LABELS = {  # why a person needs attention, on the e-coach's caseload
    # staff only
    "unread": _l("Unread message"),
    # staff only
    "review_due": _l("Review due"),
    # staff only
    "below_norm": _l("Fewer applications than the norm"),
    # staff only
    "quiet": _l("Quiet for 14 days"),
    # staff only
    "open_items": _l("Open items in the first four weeks"),
}


class NoteForm(KeyedForm):
    text = TextAreaField(
        _l("New note (only staff can read it)"),
        validators=[DataRequired(_l("Write the note.")), Length(max=4000)],
    )


def coach_choices(coaches, exclude: int | None = None) -> list[SelectChoice]:
    """E-coaches to choose from (the one asking left out), names as plain text."""
    return [SelectChoice("", _("Choose"))] + [
        SelectChoice(str(coach.id), coach.name) for coach in coaches if coach.id != exclude
    ]


class StandInForm(KeyedForm):
    """A coach asks to stand in for a colleague (the team lead approves)."""

    colleague = SelectField(
        _l("Colleague"), validate_choice=False, validators=[DataRequired(_l("Choose a colleague."))]
    )
    starts_on = DateField(_l("From"), validators=[DataRequired(_l("Enter the date."))])
    until = DateField(
        _l("Until"),
        description=_l("At most 30 days, the first and last day included."),
        validators=[DataRequired(_l("Enter the date."))],
    )
    reason = TextAreaField(_l("Why"), validators=[Length(max=200)])


class LeadStandInForm(StandInForm):
    """The team lead lets one coach stand in for another."""

    coach = SelectField(
        _l("E-coach who stands in"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose an e-coach."))],
    )
    colleague = SelectField(
        _l("For the colleague"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a colleague."))],
    )


class ReviewForm(KeyedForm):
    outcome = RadioField(
        _l("Outcome"),
        choices=[SelectChoice(k, v) for k, v in OUTCOME_LABELS.items()],
        validators=[DataRequired(_l("Choose an outcome."))],
    )
    # Ids of their own: the file page has this form and the referral form, both with a service.
    service = SelectField(
        _l("Workshop (when referring)"),
        validate_choice=False,
        validators=[Optional()],
        id="review-service",
    )
    end_status = SelectField(
        _l("How did it end (when ending)"),
        choices=[SelectChoice("", _l("Choose"))]
        + [SelectChoice(k, v) for k, v in END_LABELS.items()],
        validators=[Optional()],
    )
    reason = TextAreaField(
        _l("Explanation (needed when moving to Klantondersteuning)"), validators=[Length(max=2000)]
    )


class ReferralForm(KeyedForm):
    service = SelectField(
        _l("Service"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a service from the catalogue."))],
        id="referral-service",
    )
    referred_on = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
