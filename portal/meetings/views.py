"""Planning information meetings (team lead, e-coaches), invitations and attendance; the
applicant's page about their coaching (coach, meeting invitations, review outcome)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, IntegerField, StringField, TimeField
from wtforms.validators import DataRequired, Length, Optional

from portal.authz import Permission, require
from portal.caseload import services as caseload
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.formkeys import KeyedForm
from portal.meetings import services
from portal.meetings.models import Invitation, Meeting
from portal.validation import Form, ids
from portal.web import get_or_404, handle

bp = Blueprint("meetings", __name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class MeetingForm(KeyedForm):
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
    starts = TimeField(_l("Time"), validators=[DataRequired(_l("Enter the time."))])
    place = StringField(_l("Place"), validators=[Length(max=300)])
    online_link = StringField(_l("Link for joining online"), validators=[Length(max=500)])
    capacity = IntegerField(_l("Number of places"), validators=[Optional()])


@bp.route("/meetings/", methods=["GET", "POST"])
@require(Permission.PLAN_MEETINGS)
def index():
    form = MeetingForm()

    def plan() -> None:
        assert form.day.data is not None  # noqa: S101 -- a required field of a validated form
        services.plan(
            datetime.combine(form.day.data, form.starts.data or time(10), tzinfo=AMSTERDAM),
            form.place.data or "",
            form.online_link.data or "",
            form.capacity.data or 0,
            utcnow(),
        )

    return handle(
        form,
        plan,
        success=url_for("meetings.index"),
        flash_message=_("The meeting is planned."),
    ) or render_template("meetings/index.html", form=form, meetings=services.all_meetings())


@bp.route("/meetings/<int:meeting_id>", methods=["GET", "POST"])
@require(Permission.PLAN_MEETINGS)
def meeting(meeting_id: int):
    found = get_or_404(Meeting, meeting_id)
    if Form().validate_on_submit():
        with unit_of_work():
            if request.form.get("action") == "invite":
                people = [p.id for p in caseload.people_of(current_user.id)]
                count = services.invite(found, people, utcnow())
                flash(_("%(count)s people were invited.", count=count), "ok")
            else:
                services.attendance(found, set(ids(request.form.getlist("present"))), current_user)
                flash(_("Attendance is saved."), "ok")
        return redirect(url_for("meetings.meeting", meeting_id=found.id))
    return render_template(
        "meetings/meeting.html",
        meeting=found,
        invitations=services.invitations_at(found, current_user),
        taken=services.taken(found),
    )


@bp.route("/my-coach/invitations/<int:invitation_id>", methods=["POST"])
@require(Permission.OWN_COACHING)
def answer(invitation_id: int):
    invitation = get_or_404(Invitation, invitation_id, Invitation.person_id == current_user.id)
    if not Form().validate_on_submit():
        abort(400)
    accept = request.form.get("answer") == "yes"
    try:
        with unit_of_work():
            services.answer(invitation, accept, utcnow())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(
            _("Thank you. We expect you.") if accept else _("Thank you for letting us know."), "ok"
        )
    return redirect(url_for("coaching_applicant.mine"))
