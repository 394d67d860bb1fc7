"""The person's side: a code for the help point, who acted for me, stop a session, and the
printable list of what still has to be done (also printed by the volunteer)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from portal import acting, clock
from portal.acting import AssistedSession
from portal.auth import token_services as tokens
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.searchperiod import consult_services as consult
from portal.searchperiod import rules
from portal.searchperiod import services as periods
from portal.searchperiod.checklist_views import ITEMS
from portal.stip import services
from portal.validation import Form
from portal.web import get_or_404

bp = Blueprint("stip_person", __name__, url_prefix="/my-help")
ACTION_LABELS = {
    "questionnaire": _l("Answered questions about you and work"),
    "checklist": _l("Filled in something for your first four weeks"),
    "werkmap": _l("Added to your job-search log"),
    "cv": _l("Changed your CV or work profile"),
    "print": _l("Printed what you still have to do"),
    "scan": _l("Filled in your scan of what you can do and want"),
}


@bp.route("/")
@require(Permission.OWN_HELP)
def index():
    return render_template(
        "stip/my_help.html",
        sessions=services.sessions_of(current_user.id),
        now=utcnow(),
        code=None,
        action_labels=ACTION_LABELS,
    )


@bp.route("/code", methods=["POST"])
@require(Permission.OWN_HELP)
def code():
    if not Form().validate_on_submit():
        abort(400)
    with unit_of_work():
        new = tokens.help_code(current_user, utcnow())
    return render_template(
        "stip/my_help.html",
        sessions=services.sessions_of(current_user.id),
        now=utcnow(),
        code=new,
        action_labels=ACTION_LABELS,
        minutes=int(tokens.HELP_ON_SCREEN.total_seconds() // 60),
    )


@bp.route("/<int:session_id>/stop", methods=["POST"])
@require(Permission.OWN_HELP)
def revoke(session_id: int):
    if not Form().validate_on_submit():
        abort(400)
    assisted = get_or_404(AssistedSession, session_id, AssistedSession.person_id == current_user.id)
    with unit_of_work():
        services.revoke(current_user, assisted, utcnow())
    flash(_("The help has stopped. The volunteer cannot do anything for you any more."), "ok")
    return redirect(url_for("stip_person.index"))


@bp.route("/print")
@require(Permission.OWN_SEARCH_PERIOD, assisted=True)
def print_steps():
    """What the person still has to do and by when, on paper, in the person's language."""
    person = acting.required_subject()
    application = periods.open_application(person)
    steps = []
    if application is not None:
        statuses = consult.statuses(application, clock.today(utcnow()))
        steps = [key for key, status in statuses.items() if status != rules.DONE]
    with force_locale(person.locale or "nl"):
        sheet = Markup(  # noqa: S704 -- a rendered template, escaped by Jinja
            render_template(
                "stip/_steps.html", person=person, application=application, steps=steps, items=ITEMS
            )
        )
    if acting.helping():
        with unit_of_work():
            acting.note("print")
    return render_template("stip/print.html", sheet=sheet, lang=person.locale or "nl")
