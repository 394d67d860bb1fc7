"""My account: details and changing the password."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import digid_services as digid
from portal.auth import services
from portal.auth import session_services as sessions
from portal.auth.forms import ChangePasswordForm
from portal.auth.session_views import current_session
from portal.authz import Permission, require
from portal.db import utcnow
from portal.web import handle

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/")
@require(Permission.OWN_ACCOUNT)
def index():
    return render_template(
        "account/index.html",
        digid_bsn=digid.masked(digid.identity_of(current_user)),
        sessions_open=sessions.open_count(current_user.id),
    )


@bp.route("/password", methods=["GET", "POST"])
@require(Permission.OWN_ACCOUNT)
def password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()

    def change_password() -> None:
        assert form.current_password.data is not None and form.password.data is not None  # noqa: S101 -- required fields of a validated form
        services.change_password(
            user, form.current_password.data, form.password.data, utcnow(), keep=current_session()
        )

    return handle(
        form,
        change_password,
        success=url_for("account.index"),
        flash_message=_(
            "Your new password is saved. You stay signed in here; other devices are signed out."
        ),
    ) or render_template("account/password.html", form=form)
