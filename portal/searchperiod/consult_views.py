"""Consultant: the worklist of search periods, invitations and assessments."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal import audit, clock, scope
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services
from portal.searchperiod.checklist_views import ITEMS
from portal.searchperiod.consult_forms import InviteForm, assessment_form
from portal.searchperiod.models import Application
from portal.validation import Form
from portal.web import get_or_404, handle, requested_page

bp = Blueprint("searchperiod_consult", __name__, url_prefix="/consult")


@bp.route("/")
@require(Permission.ASSESS_SEARCH_PERIODS)
def worklist():
    now = utcnow()
    on = clock.today(now)
    days = min(max(request.args.get("days", 7, type=int), 0), 60)
    unassigned = request.args.get("unassigned") == "1"
    found = consult.worklist(current_user, on, days, unassigned, *requested_page())
    return render_template(
        "searchperiod/worklist.html",
        **found.context("rows"),
        days=days,
        unassigned=unassigned,
        on=on,
        statuses=consult.statuses_for(found.items, on),
    )


def _load(application_id: int) -> Application:
    """An application in the consultant's team (or without a team); others are a 404."""
    return get_or_404(
        Application, application_id, scope.team_clause(current_user, Application.team_id)
    )


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

    def send_invitation() -> None:
        assert (  # noqa: S101 -- required fields of a validated form
            form.day.data is not None and form.time.data is not None and form.place.data is not None
        )
        consult.invite(
            current_user,
            application,
            datetime.combine(form.day.data, form.time.data, tzinfo=clock.AMSTERDAM),
            form.mode.data,
            form.place.data,
            utcnow(),
        )

    return handle(
        form,
        send_invitation,
        success=url_for("searchperiod_consult.detail", application_id=application.id),
        flash_message=_("The invitation has been sent."),
    ) or _page(application, invite_form=form, status=400)


@bp.route("/<int:application_id>/assess", methods=["POST"])
@require(Permission.ASSESS_SEARCH_PERIODS)
def assess(application_id: int):
    application = _load(application_id)
    statuses = consult.statuses(application, clock.today(utcnow()))
    form = assessment_form(list(statuses), {key: ITEMS[key][0] for key in statuses})

    def assess():
        items = {}
        for key in statuses:
            met = form[f"{key}_met"].data
            items[key] = {
                "met": None if met not in ("yes", "no") else met == "yes",
                "note": form[f"{key}_note"].data or "",
            }
        return consult.assess(
            current_user, application, items, form.conclusion.data or "", utcnow()
        )

    return handle(
        form,
        assess,
        success=url_for("searchperiod_consult.detail", application_id=application.id),
        flash_message=_("The assessment is saved."),
    ) or _page(application, assess_form=form, status=400)


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
        code = consult.help_letter(current_user, application, utcnow())
    with force_locale(application.applicant.locale or "nl"):
        letter = Markup(  # noqa: S704 -- a rendered template, escaped by Jinja
            render_template("stip/_help_letter.html", application=application, code=code)
        )
    return render_template(
        "stip/help_letter.html", letter=letter, lang=application.applicant.locale or "nl"
    )
