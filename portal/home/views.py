"""Home page, each role's start page, language choice, health check and theme colours."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal import catalogues, i18n, look
from portal.auth import services as accounts
from portal.authz import Permission, require, signed_in
from portal.db import db, unit_of_work, utcnow
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from portal.meetings import services as meetings
from portal.meetings.models import INVITED
from portal.navigation import start_endpoint, unread
from portal.operations import services as operations
from portal.plan import figure_services as plan_figures
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services as periods
from portal.urls import is_safe_next

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    demo = DEMO_ACCOUNTS if current_app.config["PORTAL_DEMO"] else None
    return render_template(
        "home/index.html",
        demo_accounts=demo,
        demo_password=DEMO_PASSWORD,
        signed_out=request.args.get("signed_out") == "1",
    )


@bp.route("/start")
@signed_in
def start():
    return redirect(url_for(start_endpoint(current_user)))


def _role_page(permission: Permission, template: str):
    @require(permission)
    def page():
        return render_template(template)

    return page


@bp.route("/applicant")
@require(Permission.APPLICANT_HOME)
def applicant():
    """The applicant's start page, with what is new: it tells what others also learn by mail
    (an invitation, a new message), so that a person without email misses nothing."""
    now = utcnow()
    application = periods.open_application(current_user)
    return render_template(
        "home/applicant.html",
        conversations=[
            i for i in (consult.invites(application) if application else []) if i.starts_at > now
        ],
        meetings=[
            i
            for i in meetings.invitations_of(current_user.id)
            if i.status == INVITED and i.meeting.starts_at > now
        ],
        unread=unread(current_user),
    )


bp.add_url_rule("/ecoach", "ecoach", _role_page(Permission.ECOACH_HOME, "home/ecoach.html"))
bp.add_url_rule("/stip", "stip", _role_page(Permission.STIP_HOME, "home/stip.html"))
bp.add_url_rule(
    "/consultant", "consultant", _role_page(Permission.CONSULTANT_HOME, "home/consultant.html")
)


@bp.route("/team-lead")
@require(Permission.TEAM_LEAD_HOME)
def team_lead():
    """The team lead's start page, with the seed 002 indicator: a plan within 3 weeks."""
    return render_template(
        "home/team_lead.html",
        plan_months=plan_figures.plan_within_three_weeks(utcnow()),
        plan_days=plan_figures.DAYS,
    )


bp.add_url_rule(
    "/management", "management", _role_page(Permission.MANAGEMENT_HOME, "home/management.html")
)


bp.add_url_rule(
    "/beheer",
    "functional_admin",
    _role_page(Permission.FUNCTIONAL_ADMIN_HOME, "home/functional_admin.html"),
)


@bp.route("/team-lead/translations")
@require(Permission.VIEW_TRANSLATIONS)
def translations():
    """How complete each language is for applicants, and whether a native speaker checked it."""
    return render_template(
        "home/translations.html", rows=catalogues.completion(), names=i18n.LOCALES
    )


@bp.route("/language", methods=["POST"])
def language():
    locale = request.form.get("locale", "")
    if locale not in i18n.offered(current_user):
        abort(400)
    session["locale"] = locale
    if current_user.is_authenticated:
        with unit_of_work():
            accounts.set_locale(current_user, locale)
    target = request.form.get("next", "")
    response = redirect(target if is_safe_next(target) else url_for("home.index"))
    response.set_cookie(
        i18n.COOKIE,
        locale,
        max_age=i18n.COOKIE_MAX_AGE,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


@bp.route("/healthz")
def healthz():
    """200 `ok`; 200 `degraded` with what needs looking at (a stuck outbox, a scheduled job
    that stopped running); 503 when the database cannot be reached."""
    try:
        db.session.execute(text("SELECT 1"))
        problems = operations.health(current_app.config, utcnow())
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unavailable"), 503
    if problems:
        return jsonify(status="degraded", database="ok", degraded=problems)
    return jsonify(status="ok", database="ok")


@bp.route("/theme.css")
def theme():
    """The colours that hold: chosen on the screen Look, else the configured ones."""
    response = Response(look.stylesheet(), mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.route("/logo/<digest>")
def logo(digest: str):
    """An uploaded logo (checked PNG or JPEG), under the hash of its bytes: cached for a year."""
    found = look.logo(digest) if len(digest) == 64 else None
    if found is None:
        abort(404)
    response = Response(found.data, mimetype=found.content_type)
    response.cache_control.public = True
    response.cache_control.max_age = 365 * 24 * 3600
    response.cache_control.immutable = True
    return response
