"""Consultant: the worklist of search periods, invitations and assessments."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal import audit, clock
from portal.auth import token_services as tokens
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services
from portal.searchperiod.checklist_views import ITEMS
from portal.searchperiod.consult_forms import InviteForm, assessment_form
from portal.validation import Form
from portal.web import show_error

bp = Blueprint("searchperiod_consult", __name__, url_prefix="/consult")


@bp.route("/")
@require(Permission.ASSESS_SEARCH_PERIODS)
def worklist():
    now = utcnow()
    on = clock.today(now)
    days = min(max(request.args.get("days", 7, type=int), 0), 60)
    unassigned = request.args.get("unassigned") == "1"
    page = max(1, request.args.get("page", 1, type=int))
    per_page = current_app.config["PAGE_SIZE"]
    rows, total = consult.worklist(current_user, on, days, unassigned, page, per_page)
    return render_template(
        "searchperiod/worklist.html",
        rows=rows,
        total=total,
        days=days,
        unassigned=unassigned,
        on=on,
        page=page,
        pages=max(1, -(-total // per_page)),
        statuses=consult.statuses_for(rows, on),
    )


def _load(application_id: int):
    application = consult.application_for(current_user, application_id)
    if application is None:
        abort(404)
    return application


def _page(application, invite_form=None, assess_form=None, status=200):
    on = clock.today(utcnow())
    statuses = consult.statuses(application, on)
    labels = {key: ITEMS[key][0] for key in statuses}
    return render_template(
        "searchperiod/consult_detail.html",
        application=application,
        statuses=statuses,
        labels=labels,
        on=on,
        applications=services.applications_in(application),
        invites=consult.invites(application),
        assessments=consult.assessments(application),
        invite_form=invite_form or InviteForm(),
        assess_form=assess_form or assessment_form(list(statuses), labels),
    ), status


@bp.route("/<int:application_id>")
@require(Permission.ASSESS_SEARCH_PERIODS)
def detail(application_id: int):
    application = _load(application_id)
    with unit_of_work():
        audit.record(current_user, "application.view", "application", application.id)
    return _page(application)


@bp.route("/<int:application_id>/invite", methods=["POST"])
@require(Permission.ASSESS_SEARCH_PERIODS)
def invite(application_id: int):
    application = _load(application_id)
    form = InviteForm()
    if form.validate():
        assert (  # noqa: S101 -- required fields of a validated form
            form.day.data is not None and form.time.data is not None and form.place.data is not None
        )
        starts_at = datetime.combine(form.day.data, form.time.data, tzinfo=clock.AMSTERDAM)
        try:
            with unit_of_work():
                consult.invite(
                    current_user, application, starts_at, form.mode.data, form.place.data, utcnow()
                )
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("The invitation has been sent."), "ok")
            return redirect(url_for("searchperiod_consult.detail", application_id=application.id))
    return _page(application, invite_form=form, status=400)


@bp.route("/<int:application_id>/assess", methods=["POST"])
@require(Permission.ASSESS_SEARCH_PERIODS)
def assess(application_id: int):
    application = _load(application_id)
    statuses = consult.statuses(application, clock.today(utcnow()))
    form = assessment_form(list(statuses), {key: ITEMS[key][0] for key in statuses})
    if form.validate():
        items = {}
        for key in statuses:
            met = form[f"{key}_met"].data
            items[key] = {
                "met": None if met not in ("yes", "no") else met == "yes",
                "note": form[f"{key}_note"].data or "",
            }
        try:
            with unit_of_work():
                consult.assess(
                    current_user, application, items, form.conclusion.data or "", utcnow()
                )
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("The assessment is saved."), "ok")
            return redirect(url_for("searchperiod_consult.detail", application_id=application.id))
    return _page(application, assess_form=form, status=400)


@bp.route("/outflow")
@require(Permission.VIEW_OUTFLOW_FIGURES)
def outflow():
    return render_template("searchperiod/outflow.html", figures=consult.outflow())


@bp.route("/<int:application_id>/help-letter", methods=["POST"])
@require(Permission.ASSESS_SEARCH_PERIODS)
def help_letter(application_id: int):
    """A printed code for a STIP volunteer, for people who cannot sign in (60 days)."""
    application = _load(application_id)
    if not Form().validate_on_submit():
        abort(400)
    with unit_of_work():
        code = tokens.help_code(application.applicant, utcnow(), letter=True)
        audit.record(current_user, "stip.help_letter", "user", application.applicant_id)
    with force_locale(application.applicant.locale or "nl"):
        letter = Markup(  # noqa: S704 -- a rendered template, escaped by Jinja
            render_template("stip/_help_letter.html", application=application, code=code)
        )
    return render_template(
        "stip/help_letter.html", letter=letter, lang=application.applicant.locale or "nl"
    )
