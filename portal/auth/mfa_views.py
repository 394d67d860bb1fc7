"""The second factor: set up an authenticator app (QR code drawn on the server, the key as
text for those who cannot scan), then a code at every sign-in; recovery codes shown once."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal.auth import mfa_services as mfa
from portal.auth import passkey_services as passkeys
from portal.auth import session_services as sessions
from portal.auth.mfa_forms import SetupForm, VerifyForm
from portal.auth.session_models import LoginSession
from portal.auth.session_views import after_sign_in, current_session
from portal.authz import signed_in
from portal.db import db, unit_of_work, utcnow

bp = Blueprint("auth_mfa", __name__)


def _next() -> str | None:
    return request.values.get("next") or None


def _done():
    """Already passed (or not needed): go on."""
    return redirect(after_sign_in(current_user, _next()))


def _row() -> LoginSession:
    row = current_session()
    assert row is not None  # noqa: S101 -- signed_in: a session is open
    return row


def _pending() -> bool:
    return bool(g.get("second_factor_pending"))


@bp.route("/second-factor/setup", methods=["GET", "POST"])
@signed_in
def setup():
    user = current_user._get_current_object()
    if not _pending():
        return _done()
    if mfa.enrolled(user):
        return redirect(url_for("auth_mfa.verify", next=_next()))
    form = SetupForm(next=_next())
    secret = mfa.pending_secret(user)
    if form.validate_on_submit() and secret:
        assert form.code.data is not None  # noqa: S101 -- a required field of a validated form
        now = utcnow()
        with unit_of_work():
            codes = mfa.confirm(user, form.code.data, now)
            if codes:
                sessions.passed_second_factor(db.session.merge(_row()), now)
        if codes:
            g.second_factor_pending = False
            return render_template(
                "auth/recovery_codes.html", codes=codes, target=after_sign_in(user, form.next.data)
            )
        form.code.errors = [
            *form.code.errors,
            _(
                "This code is not right. Type the code the app shows now; it changes every 30 seconds."
            ),
        ]
    if secret is None:
        with unit_of_work():
            secret = mfa.begin(user, utcnow())
    uri = mfa.provisioning_uri(user, secret)
    return render_template(
        "auth/mfa_setup.html",
        form=form,
        qr=Markup(mfa.qr_svg(uri)),  # noqa: S704 -- SVG made by segno from our own URI
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


@bp.route("/second-factor", methods=["GET", "POST"])
@signed_in
def verify():
    user = current_user._get_current_object()
    if not _pending():
        return _done()
    if not mfa.enrolled(user):
        return redirect(url_for("auth_mfa.setup", next=_next()))
    form = VerifyForm(next=_next())
    if form.validate_on_submit():
        assert form.code.data is not None  # noqa: S101 -- a required field of a validated form
        now = utcnow()
        with unit_of_work():
            ok = mfa.verify(user, form.code.data, now)
            if ok:
                sessions.passed_second_factor(db.session.merge(_row()), now)
        if ok:
            g.second_factor_pending = False
            return redirect(after_sign_in(user, form.next.data))
        form.code.errors = [
            *form.code.errors,
            _("This code is not right, or was used before. Wait for the next code and try again."),
        ]
    return render_template(
        "auth/mfa_verify.html",
        form=form,
        left=mfa.recovery_codes_left(user),
        has_passkey=bool(passkeys.of(user)),
    )
