"""Registering an application (yourself, by a consultant or at a STIP), letter activation,
and the information package."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal import clock, formkeys
from portal.auth.views import signed_in
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.i18n import DEFAULT_LOCALE
from portal.people import User
from portal.roles import Role
from portal.searchperiod import apply_services, letter_services, services
from portal.searchperiod.forms import LetterActivationForm, RegistrationForm, SelfRegistrationForm
from portal.validation import Form
from portal.web import client_ip, handle, show_error

bp = Blueprint("searchperiod", __name__)


def _registration(form, applied_on) -> services.Registration:
    return services.Registration(
        name=form.name.data,
        born_on=form.born_on.data,
        applied_on=applied_on,
        email=form.email.data or None,
        phone=form.phone.data or None,
        uwv_registered_on=form.uwv_registered_on.data,
    )


@bp.route("/apply", methods=["GET", "POST"])
def apply():
    """Anyone may apply; the answer is the same for every input (see apply_services)."""
    if current_user.is_authenticated:
        return redirect(url_for("home.start"))
    form = SelfRegistrationForm()
    if form.validate_on_submit():
        now = utcnow()
        try:
            with formkeys.once(form) as claim:
                apply_services.submit(
                    _registration(form, clock.today(now)), client_ip(), now, str(get_locale())
                )
                claim.done("sent")
        except formkeys.Repeated:
            pass  # a double click: the first one sent the mail; the same page again
        except apply_services.TooMany as error:
            show_error(form, error)
            return render_template("searchperiod/apply.html", form=form), 429
        except DomainError as error:
            show_error(form, error)
            return render_template("searchperiod/apply.html", form=form)
        hours = current_app.config["PORTAL_APPLY_CONFIRM_TTL_SECONDS"] // 3600
        return render_template("searchperiod/apply_sent.html", email=form.email.data, hours=hours)
    return render_template("searchperiod/apply.html", form=form)


@bp.route("/apply/confirm", methods=["GET", "POST"])
def confirm():
    """The link from the confirmation mail: a page with a button (a GET changes nothing), then
    the application is made. The token moves from the query string into the form body."""
    token = request.form.get("token") or request.args.get("token", "")
    form = Form()
    if form.validate_on_submit():
        with unit_of_work():
            found = apply_services.confirm(token, utcnow())
    else:
        found = apply_services.pending(token, utcnow())
    if found is None:
        return render_template("searchperiod/apply_link_invalid.html")
    if found.outcome is None:
        return render_template(
            "searchperiod/apply_confirm.html", form=form, registration=found, token=token
        )
    application = apply_services.application_of(found)
    return render_template(
        "searchperiod/apply_confirmed.html",
        outcome=found.outcome,
        activated=application is not None and application.applicant.is_activated,
    )


@bp.route("/search-period/register", methods=["GET", "POST"])
@require(Permission.REGISTER_APPLICATIONS)
def register():
    now = utcnow()
    form = RegistrationForm()
    if not form.is_submitted():
        form.applied_on.data = clock.today(now)
    return handle(
        form,
        lambda: services.register(
            _registration(form, form.applied_on.data),
            "stip" if current_user.role is Role.STIP else "consultant",
            current_user,
            now,
            form.language.data or DEFAULT_LOCALE,
        ),
        success=_registered,
        remember=lambda done: f"application:{done.application.id}",
        repeated=lambda result: _registered_before(result, now),
    ) or render_template("searchperiod/register.html", form=form)


def _registered(done: services.Registered):
    """The letter to print now, in the applicant's language, or back to the form with what
    was mailed."""
    if done.letter_code:
        return _letter_page(done.application, done.letter_code)
    flash(
        _(
            "The application of %(name)s is registered. The email with what to do "
            "has been sent to %(email)s.",
            name=done.application.name,
            email=done.application.email,
        ),
        "ok",
    )
    return redirect(url_for("searchperiod.register"))


def _letter_page(application, code: str):
    """The page with the letter to print, the letter in the applicant's language."""
    lang = application.applicant.locale or DEFAULT_LOCALE
    with force_locale(lang):
        letter = Markup(  # noqa: S704 -- a rendered template, escaped by Jinja
            render_template("searchperiod/_letter.html", application=application, code=code)
        )
    return render_template(
        "searchperiod/letter.html", application=application, letter=letter, lang=lang
    )


def _registered_before(result: str, now):
    """The registration form sent twice: the letter again (a new code; the first one, never
    seen, stops working), or the register page with a word that it was saved once."""
    application_id = result.removeprefix("application:")
    if application_id.isdigit():
        with unit_of_work():
            letter = letter_services.letter_again(current_user, int(application_id), now)
        if letter is not None:
            return _letter_page(*letter)
    return formkeys.follow(formkeys.Repeated(result), url_for("searchperiod.register"))


@bp.route("/activate-code", methods=["GET", "POST"])
def activate_code():
    form = LetterActivationForm()

    def activate() -> User:
        assert (  # noqa: S101 -- required fields of a validated form
            form.code.data is not None
            and form.born_on.data is not None
            and form.password.data is not None
        )
        return letter_services.activate_with_letter(
            form.code.data, form.born_on.data, form.email.data or "", form.password.data, utcnow()
        )

    return handle(
        form,
        activate,
        success=signed_in,
        flash_message=_activated,
    ) or render_template("searchperiod/activate_code.html", form=form)


def _activated(user: User) -> str:
    if user.email is None:
        return _(
            "Your account is ready. Your client number is %(number)s. You sign in with it and "
            "your password. Write it down.",
            number=user.client_number_shown,
        )
    return _("Your account is ready. You are signed in.")


@bp.route("/info")
def info():
    return render_template("searchperiod/info.html")


@bp.route("/info/rights-and-duties")
def info_rights():
    return render_template("searchperiod/info_rights.html")


@bp.route("/info/finding-work")
def info_tips():
    return render_template("searchperiod/info_tips.html")
