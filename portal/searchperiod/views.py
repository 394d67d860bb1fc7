"""Registering an application (yourself, by a consultant or at a STIP), letter activation,
and the information package."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.auth.views import signed_in
from portal.authz import Permission, require
from portal.db import utcnow
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services
from portal.searchperiod.forms import LetterActivationForm, RegistrationForm, SelfRegistrationForm
from portal.web import handle

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
    if current_user.is_authenticated:
        return redirect(url_for("home.start"))
    form = SelfRegistrationForm()
    now = utcnow()
    return handle(
        form,
        lambda: services.register(
            _registration(form, clock.today(now)), "self", None, now, str(get_locale())
        ),
        success=lambda _done: render_template(
            "searchperiod/apply_sent.html", email=form.email.data
        ),
    ) or render_template("searchperiod/apply.html", form=form)


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
            str(get_locale()),
        ),
        success=_registered,
    ) or render_template("searchperiod/register.html", form=form)


def _registered(done: services.Registered):
    """The letter to print now, or back to the form with what was mailed."""
    if done.letter_code:
        return render_template(
            "searchperiod/letter.html", application=done.application, code=done.letter_code
        )
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


@bp.route("/activate-code", methods=["GET", "POST"])
def activate_code():
    form = LetterActivationForm()

    def activate() -> User:
        assert (  # noqa: S101 -- required fields of a validated form
            form.code.data is not None
            and form.born_on.data is not None
            and form.email.data is not None
            and form.password.data is not None
        )
        return services.activate_with_letter(
            form.code.data, form.born_on.data, form.email.data, form.password.data, utcnow()
        )

    return handle(
        form,
        activate,
        success=signed_in,
        flash_message=_("Your account is ready. You are signed in."),
    ) or render_template("searchperiod/activate_code.html", form=form)


@bp.route("/info")
def info():
    return render_template("searchperiod/info.html")


@bp.route("/info/rights-and-duties")
def info_rights():
    return render_template("searchperiod/info_rights.html")


@bp.route("/info/finding-work")
def info_tips():
    return render_template("searchperiod/info_tips.html")
