"""My account: details and changing the password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal.auth import services
from portal.auth.forms import ChangePasswordForm
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.web import show_error

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/")
@require(Permission.OWN_ACCOUNT)
def index():
    return render_template("account/index.html")


@bp.route("/password", methods=["GET", "POST"])
@require(Permission.OWN_ACCOUNT)
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        assert form.current_password.data is not None and form.password.data is not None  # noqa: S101 -- required fields of a validated form
        try:
            with unit_of_work():
                services.change_password(
                    user, form.current_password.data, form.password.data, utcnow()
                )
        except DomainError as error:
            show_error(form, error)
        else:
            login_user(user)  # the session id carries the new session version
            flash(
                _(
                    "Your new password is saved. You stay signed in here; other devices are "
                    "signed out."
                ),
                "ok",
            )
            return redirect(url_for("account.index"))
    return render_template("account/password.html", form=form)
