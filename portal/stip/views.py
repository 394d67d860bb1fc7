"""The volunteer's side: start a session with a code, the person's consent, the session, end."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal import acting
from portal.authz import Permission, require
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import User
from portal.stip import services
from portal.stip.forms import MailCodeForm, StartForm
from portal.validation import Form
from portal.web import show_error

bp = Blueprint("stip", __name__, url_prefix="/help-point")


@bp.route("/", methods=["GET", "POST"])
@require(Permission.ASSIST_PEOPLE)
def start():
    if acting.helping():
        return redirect(url_for("stip.current"))
    form, mail_form = StartForm(), MailCodeForm(formdata=None)
    if form.validate_on_submit():
        now = utcnow()
        assert form.born_on.data is not None and form.code.data is not None  # noqa: S101 -- required fields of a validated form
        try:
            with unit_of_work():
                assisted = services.start(current_user, form.born_on.data, form.code.data, now)
        except DomainError as error:
            if error.field == "code":
                with unit_of_work():
                    services.wrong_code(current_user, now)
            show_error(form, error)
        else:
            session[acting.KEY] = assisted.id
            return redirect(url_for("stip.consent"))
    return render_template(
        "stip/start.html",
        form=form,
        mail_form=mail_form,
        location=services.location_of(current_user),
    )


@bp.route("/send-code", methods=["POST"])
@require(Permission.ASSIST_PEOPLE)
def send_code():
    form, mail_form = StartForm(formdata=None), MailCodeForm()
    status = 200
    if mail_form.validate_on_submit():
        assert mail_form.email.data is not None  # noqa: S101 -- a required field of a validated form
        try:
            with unit_of_work():
                services.mail_code(current_user, mail_form.email.data, utcnow())
        except services.TooManyCodes as error:
            show_error(mail_form, error)
            status = 429
        else:
            flash(
                _(
                    "If this address belongs to someone with an account, a code is on its way. "
                    "It works for 30 minutes."
                ),
                "ok",
            )
            return redirect(url_for("stip.start"))
    return render_template(
        "stip/start.html",
        form=form,
        mail_form=mail_form,
        location=services.location_of(current_user),
    ), status


@bp.route("/consent", methods=["GET", "POST"])
@require(Permission.ASSIST_PEOPLE)
def consent():
    now = utcnow()
    assisted = services.pending(current_user, session.get(acting.KEY), now)
    if assisted is None:
        return redirect(url_for("stip.start"))
    form = Form()
    if form.validate_on_submit():
        with unit_of_work():
            if request.form.get("answer") == "yes":
                services.consent(assisted, now)
            else:
                services.end(assisted, "refused", now)
                session.pop(acting.KEY, None)
                flash(_("The person did not agree. Nothing was done."), "info")
                return redirect(url_for("stip.start"))
        return redirect(url_for("stip.current"))
    person = db.session.get_one(User, assisted.person_id)
    with force_locale(person.locale or "nl"):
        text = Markup(  # noqa: S704 -- a rendered template, escaped by Jinja
            render_template(
                "stip/_consent_text.html",
                location=assisted.location,
                volunteer=current_user,
                person=person,
                hours=int(services.SESSION.total_seconds() // 3600),
            )
        )
        yes_label, no_label = _("Yes, I agree"), _("No, I do not want this")
    return render_template(
        "stip/consent.html",
        form=form,
        text=text,
        yes_label=yes_label,
        no_label=no_label,
        lang=person.locale or "nl",
    )


@bp.route("/session")
@require(Permission.ASSIST_PEOPLE)
def current():
    assisted = acting.assisted_session()
    if assisted is None:
        session.pop(acting.KEY, None)
        return redirect(url_for("stip.start"))
    return render_template("stip/session.html", assisted=assisted, person=acting.subject())


@bp.route("/end", methods=["POST"])
@require(Permission.ASSIST_PEOPLE)
def end():
    assisted = acting.assisted_session()
    if Form().validate_on_submit() and assisted is not None:
        with unit_of_work():
            services.end(assisted, "volunteer", utcnow())
        flash(_("The session has ended. The person can see in their portal what was done."), "ok")
    session.pop(acting.KEY, None)
    return redirect(url_for("stip.start"))


@bp.app_context_processor
def _assisting():
    """Every page of a volunteer in a session shows for whom and until when."""
    assisted = acting.assisted_session()
    if assisted is None:
        return {"assisting": None}
    person = db.session.get(User, assisted.person_id)
    return {
        "assisting": {
            "person": person,
            "until": assisted.expires_at,
            "location": assisted.location.name,
        }
    }
