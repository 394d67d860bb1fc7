"""The log entry form: the fields used most first, so it is quick on a phone."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    BooleanField,
    DateField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from portal.files import MAX_MB
from portal.formkeys import KeyedForm

KIND_LABELS = {
    "application": _l("Applied for a job"),
    "open_application": _l("Open application"),
    "network_contact": _l("Talked to someone in my network"),
    "job_fair": _l("Job fair"),
    "temp_agency": _l("Registered with a temp agency"),
    "interview": _l("Job interview"),
    "training": _l("Workshop or training"),
    "other": _l("Something else"),
}
CHANNEL_LABELS = {
    "online_form": _l("Online form"),
    "email": _l("Email"),
    "letter": _l("Letter"),
    "phone": _l("Phone"),
    "in_person": _l("In person"),
    "temp_agency": _l("Via a temp agency"),
}
STATUS_LABELS = {
    "sent": _l("Sent"),
    "invited": _l("Invited for an interview"),
    "rejected": _l("Rejected"),
    "offered": _l("Offered a job"),
    "hired": _l("Hired"),
    "no_answer": _l("No answer yet"),
}


# The log's choices in words, for pages and exports.
LABELS = {"kinds": KIND_LABELS, "channels": CHANNEL_LABELS, "statuses": STATUS_LABELS}


def _choices(labels: dict, empty=None) -> list[SelectChoice]:
    first = [SelectChoice("", empty)] if empty else []
    return first + [SelectChoice(k, v) for k, v in labels.items()]


class EntryForm(KeyedForm):
    # Required lists start with an empty "Choose" (HTML: a required select needs one); a new
    # entry has "Applied for a job" and "Sent" chosen already.
    kind = SelectField(
        _l("What did you do?"),
        choices=_choices(KIND_LABELS, _l("Choose")),
        validators=[DataRequired(_l("Choose what you did."))],
    )
    organisation = StringField(
        _l("Company or organisation"),
        validators=[DataRequired(_l("Enter the name of the company.")), Length(max=200)],
    )
    job_title = StringField(_l("Job"), validators=[Length(max=200)])
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
    channel = SelectField(
        _l("How?"), choices=_choices(CHANNEL_LABELS, _l("Choose")), validators=[Optional()]
    )
    status = SelectField(
        _l("Status"),
        choices=_choices(STATUS_LABELS, _l("Choose")),
        validators=[DataRequired(_l("Choose a status."))],
    )
    follow_up_on = DateField(
        _l("Follow up on"),
        description=_l("For example: the day you call to ask how it is going."),
        validators=[Optional()],
    )
    vacancy = StringField(_l("Link to the vacancy or its number"), validators=[Length(max=500)])
    contact = StringField(_l("Contact person"), validators=[Length(max=200)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=4000)])
    file = FileField(
        _l("Proof (you may leave this out)"),
        description=_l(
            "For example a photo or PDF of your letter or of the email you sent. A PDF, JPG or "
            "PNG file of at most %(mb)s MB.",
            mb=MAX_MB,
        ),
    )
    remove_proof = BooleanField(_l("Remove the proof"))
    version = HiddenField()
    allow_duplicate = BooleanField(_l("Yes, this is another one: add it anyway"))
