"""Caseloads: the team lead assigns Zelfdoeners to e-coaches; an e-coach sees their people."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import audit
from portal.authz import Permission, require
from portal.caseload import services
from portal.caseload.forms import AUTOMATIC, AssignForm
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import User
from portal.roles import Role
from portal.validation import Form, as_id
from portal.web import get_or_404, handle

bp = Blueprint("caseload", __name__, url_prefix="/caseload")


@bp.route("/assign")
@require(Permission.ASSIGN_CASELOADS)
def assign():
    coaches = services.coaches()
    return render_template(
        "caseload/assign.html",
        coaches=coaches,
        waiting=services.unassigned(limit=50),
        form=AssignForm().offer(coaches),
    )


def _assign(person_ids: list[int], choice: str) -> None:
    """To the chosen e-coach, or each to the one with the smallest caseload (AUTOMATIC)."""
    now = utcnow()
    if choice == AUTOMATIC:
        services.assign_automatically(person_ids, current_user, now)
    else:
        for person_id in person_ids:
            services.assign(person_id, as_id(choice) or -1, current_user, now)


@bp.route("/assign/all", methods=["POST"])
@require(Permission.ASSIGN_CASELOADS)
def assign_all():
    if Form().validate_on_submit():  # the CSRF token
        waiting = [person.id for person in services.unassigned()]
        try:
            with unit_of_work():
                _assign(waiting, AUTOMATIC)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("%(count)s people were assigned.", count=len(waiting)), "ok")
    return redirect(url_for("caseload.assign"))


@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@require(Permission.ASSIGN_CASELOADS)
def person(person_id: int):
    applicant = get_or_404(User, person_id, User.role == Role.APPLICANT)
    coach = services.coach_of(person_id)
    form = AssignForm().offer(services.coaches())
    done = handle(
        form,
        lambda: _assign([person_id], form.coach.data),
        success=url_for("caseload.assign"),
        flash_message=_("Saved: %(name)s has a new e-coach.", name=applicant.name),
    )
    if done:
        return done
    if coach is not None and not form.is_submitted():
        form.coach.data = str(coach.id)
    with unit_of_work():  # a look at one person's coaching history: the person sees it
        audit.record(current_user, "caseload.view", "user", person_id)
    return render_template(
        "caseload/person.html",
        person=applicant,
        coach=coach,
        form=form,
        history=services.history(person_id),
    )


@bp.route("/coaches/<int:coach_id>")
@require(Permission.ASSIGN_CASELOADS)
def coach(coach_id: int):
    user = get_or_404(User, coach_id, User.role == Role.ECOACH)
    return render_template("caseload/coach.html", coach=user, people=services.people_of(coach_id))
