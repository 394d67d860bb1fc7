"""The team lead's stand-ins: requests to approve or refuse, stand-ins to set or end."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import formkeys
from portal.authz import Permission, require
from portal.clock import today
from portal.coaching import standin_services as standins
from portal.coaching.forms import LeadStandInForm, coach_choices
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.validation import Form, as_id
from portal.web import show_error

bp = Blueprint("coaching_standin", __name__, url_prefix="/stand-ins")
DONE = {
    "approve": _l("The stand-in is approved. The colleague gets an email about it."),
    "refuse": _l("The request is refused."),
    "end": _l("The stand-in has ended."),
}


def _page(form: LeadStandInForm, status: int = 200):
    return render_template(
        "coaching/stand_ins.html",
        form=form,
        rows=standins.overview(today(utcnow())),
    ), status


@bp.route("/", methods=["GET", "POST"])
@require(Permission.MANAGE_STAND_INS)
def index():
    form = LeadStandInForm()
    form.coach.choices = form.colleague.choices = coach_choices(standins.active_coaches())
    now = utcnow()
    if not form.is_submitted():
        form.starts_on.data = today(now)
    if form.validate_on_submit():
        assert form.starts_on.data is not None and form.until.data is not None  # noqa: S101 -- required fields of a validated form
        try:
            with formkeys.once(form) as claim:
                standins.set_by_lead(
                    current_user,
                    as_id(form.coach.data) or -1,
                    as_id(form.colleague.data) or -1,
                    form.starts_on.data,
                    form.until.data,
                    form.reason.data or "",
                    today(now),
                    now,
                )
                claim.done(url_for("coaching_standin.index"))
        except formkeys.Repeated as repeated:
            return formkeys.follow(repeated, url_for("coaching_standin.index"))
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("The stand-in is saved. The colleague gets an email about it."), "ok")
            return redirect(url_for("coaching_standin.index"))
    return _page(form, 400 if form.is_submitted() else 200)


@bp.route("/<int:stand_in_id>", methods=["POST"])
@require(Permission.MANAGE_STAND_INS)
def decide(stand_in_id: int):
    record = standins.stand_in_or_none(stand_in_id)
    if record is None:
        abort(404)
    if not Form().validate_on_submit():
        abort(400)
    decision = request.form.get("action", "")
    now = utcnow()
    try:
        with unit_of_work():
            standins.decide(current_user, record, decision, today(now), now)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(str(DONE[decision]), "ok")
    return redirect(url_for("coaching_standin.index"))
