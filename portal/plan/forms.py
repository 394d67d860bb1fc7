"""The plan's forms: a goal, an action (with its progress), a comment, a proposal, the
agreement; and the labels of statuses and history lines."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from portal.catalogue.models import Service
from portal.formkeys import KeyedForm
from portal.validation import Form

STATUS_LABELS = {
    "not_started": _l("Not started"),
    "busy": _l("Busy with it"),
    "done": _l("Done"),
}
STATE_LABELS = {
    "none": _l("You have no goals yet"),
    "draft": _l("Not agreed yet"),
    "waiting": _l("Your coach agreed: please confirm"),
    "agreed": _l("Agreed"),
    "changed": _l("Changed since it was agreed"),
}
CHANGE_LABELS = {
    "goal_added": _l("Goal added"),
    "goal_changed": _l("Goal changed"),
    "goal_removed": _l("Goal removed"),
    "action_added": _l("Step added"),
    "action_changed": _l("Step changed"),
    "action_removed": _l("Step removed"),
    "progress": _l("Progress changed"),
    "comment": _l("Comment"),
    "proposed": _l("Change proposed"),
    "declined": _l("Proposal not accepted"),
    "agreed": _l("Coach marked the plan as agreed"),
    "confirmed": _l("Agreement confirmed"),
    "imported": _l("Brought in from a take-along file"),
}
FIELD_LABELS = {
    "title": _l("Goal"),
    "target_on": _l("Reach it by"),
    "what": _l("What will you do?"),
    "due_on": _l("When is it done?"),
    "helper": _l("Who helps?"),
    "service_id": _l("Help from the municipality"),
    "status": _l("How far are you?"),
    "note": _l("Note"),
}
LABELS = {
    "statuses": STATUS_LABELS,
    "states": STATE_LABELS,
    "changes": CHANGE_LABELS,
    "fields": FIELD_LABELS,
}


def service_choices(services: list[Service], current: Service | None = None) -> list[SelectChoice]:
    """The active services, and the one a step already has even if it is no longer offered."""
    shown = services + ([current] if current is not None and current not in services else [])
    return [SelectChoice("", _l("No service"))] + [SelectChoice(str(s.id), s.name) for s in shown]


class GoalForm(KeyedForm):
    title = StringField(
        _l("Goal"),
        description=_l("What do you want to reach? For example: a job in a warehouse."),
        validators=[DataRequired(_l("Write your goal.")), Length(max=200)],
    )
    target_on = DateField(_l("Reach it by"), validators=[Optional()])


class ActionForm(KeyedForm):
    what = StringField(
        _l("What will you do?"),
        description=_l("A small step. For example: ask for a forklift course."),
        validators=[DataRequired(_l("Write what you will do.")), Length(max=300)],
    )
    due_on = DateField(_l("When is it done?"), validators=[Optional()])
    helper = StringField(
        _l("Who helps?"),
        description=_l("For example: your e-coach, a friend or a volunteer."),
        validators=[Length(max=200)],
    )
    service = SelectField(_l("Help from the municipality"), choices=[], validators=[Optional()])
    status = RadioField(
        _l("How far are you?"),
        choices=[SelectChoice(k, v) for k, v in STATUS_LABELS.items()],
        default="not_started",
        validators=[DataRequired(_l("Choose how far you are."))],
    )
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])


class CommentForm(KeyedForm):
    text = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(_l("Write your comment.")), Length(max=2000)],
    )


class VersionForm(Form):
    """Agree or confirm: the version looked at, so a change in between is noticed."""

    version = HiddenField()


class OccupationForm(Form):
    """The button on the scan's result page: 'Make this a goal in my plan'."""

    occupation = StringField(
        _l("Occupation"), validators=[DataRequired(_l("Fill this in.")), Length(max=200)]
    )
