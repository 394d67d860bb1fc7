"""My account: details and changing the password."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal.auth import services
from portal.auth.forms import ChangePasswordForm
from portal.authz import Permission, require
from portal.db import utcnow
from portal.web import handle

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/")
@require(Permission.OWN_ACCOUNT)
def index():
    return render_template("account/index.html")


@bp.route("/password", methods=["GET", "POST"])
@require(Permission.OWN_ACCOUNT)
def password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()

    def change_password() -> None:
        assert form.current_password.data is not None and form.password.data is not None  # noqa: S101 -- required fields of a validated form
        services.change_password(user, form.current_password.data, form.password.data, utcnow())

    def signed_in_again(_result: None) -> ResponseReturnValue:
        login_user(user)  # the session id carries the new session version
        return redirect(url_for("account.index"))

    return handle(
        form,
        change_password,
        success=signed_in_again,
        flash_message=_(
            "Your new password is saved. You stay signed in here; other devices are signed out."
        ),
    ) or render_template("account/password.html", form=form)
