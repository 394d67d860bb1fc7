"""Sign in, sign out, forgotten password, reset and activation links."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import security
from portal.auth import oidc_services as oidc
from portal.auth import services
from portal.auth import token_services as tokens
from portal.auth.forms import (
    ClientNumberLoginForm,
    ForgotPasswordForm,
    LoginForm,
    NewPasswordForm,
)
from portal.auth.session_views import ENDED_KEY, KEPT_KEY, sign_in, sign_out
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import User
from portal.roles import Role
from portal.urls import external_url
from portal.web import client_ip, handle, show_error

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.start"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        assert form.email.data is not None and form.password.data is not None  # noqa: S101 -- required fields of a validated form
        with unit_of_work():
            result = services.authenticate(
                form.email.data, form.password.data, client_ip(), utcnow()
            )
        if isinstance(result, DomainError):
            show_error(form, result)
        elif result.role is Role.APPLICANT and not _citizen_passwords():
            show_error(form, DomainError(_("Sign in with DigiD.")))
        else:
            return redirect(sign_in(result, "password", form.next.data))
    return render_template(
        "auth/login.html",
        form=form,
        digid=oidc.provider("digid") is not None,
        staff_oidc=oidc.provider("staff") is not None,
        passwords=_citizen_passwords(),
        ended=session.get(ENDED_KEY),
        kept=KEPT_KEY in session,
    )


@bp.route("/login/client-number", methods=["GET", "POST"])
def login_number():
    """Sign in with the client number and password of an account without email."""
    if current_user.is_authenticated:
        return redirect(url_for("home.start"))
    form = ClientNumberLoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        assert form.number.data is not None and form.password.data is not None  # noqa: S101 -- required fields of a validated form
        with unit_of_work():
            result = services.authenticate(
                form.number.data, form.password.data, client_ip(), utcnow(), by_number=True
            )
        if isinstance(result, DomainError):
            show_error(form, result)
        elif not _citizen_passwords():
            show_error(form, DomainError(_("Sign in with DigiD.")))
        else:
            return redirect(sign_in(result, "password", form.next.data))
    return render_template("auth/login_number.html", form=form)


def _citizen_passwords() -> bool:
    """Citizens may use a password unless the municipality chose DigiD only."""
    return current_app.config["PORTAL_CITIZEN_LOGIN"] != "digid" or oidc.provider("digid") is None


@bp.route("/logout", methods=["POST"])
def logout():
    """End the session here, and for DigiD or staff OIDC logins at the provider too. The
    browser forgets what it kept of the session: pages in its cache, cookies (also the one with
    a flashed message and the language), storage. So the home page is told in its address that
    the user signed out, and in which language (not after the provider's logout: it returns to
    the address registered there, without a query)."""
    locale = str(get_locale())
    if current_user.is_authenticated:
        security.event("logout", actor=current_user.id)
    ended = sign_out()
    name = {"digid": "digid", "staff_oidc": "staff"}.get(ended.method if ended else "")
    prov = oidc.provider(name) if name else None
    url = oidc.logout_url(prov, external_url("home.index")) if prov else None
    response = redirect(url or url_for("home.index", signed_out=1, lang=locale))
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        assert form.email.data is not None  # noqa: S101 -- a required field of a validated form
        with unit_of_work():
            services.request_password_reset(form.email.data, utcnow(), str(get_locale()))
        return render_template("auth/forgot_password_sent.html")
    return render_template("auth/forgot_password.html", form=form)


def _token_page(purpose: str, template: str, done_message: str):
    """Shared flow of the activation and reset links: show form, set password, sign in.

    The token travels in the query string of the mailed link and then in the form body, so
    an access log that leaves out query strings never holds it.
    """
    token = request.form.get("token") or request.args.get("token", "")
    now = utcnow()
    token_row = tokens.find_valid(token, purpose, now)
    if token_row is None:
        return render_template("auth/link_invalid.html", purpose=purpose)
    form = NewPasswordForm(token=token)

    def set_password() -> User:
        assert form.password.data is not None  # noqa: S101 -- a required field of a validated form
        return services.complete_with_token(token_row, form.password.data, now)

    return handle(
        form, set_password, success=signed_in, flash_message=done_message
    ) or render_template(template, form=form, user=token_row.user)


def signed_in(user: User) -> ResponseReturnValue:
    """A fresh session for the user (after the password is saved), and their start page or
    the second factor; the flash comes after, so the fresh session keeps it."""
    return redirect(sign_in(user, "password"))


@bp.route("/reset-password", methods=["GET", "POST"])
def reset_password():
    return _token_page(
        tokens.RESET,
        "auth/reset_password.html",
        _("Your new password is saved. You are signed in."),
    )


@bp.route("/activate", methods=["GET", "POST"])
def activate():
    return _token_page(
        tokens.ACTIVATE, "auth/activate.html", _("Your account is ready. You are signed in.")
    )
