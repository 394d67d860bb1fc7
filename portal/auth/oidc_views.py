"""Signing in through OpenID Connect: citizens with DigiD (through the broker), staff through
the municipality's own provider; one callback for both; linking a first DigiD login to the
account the person already has."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from portal import security
from portal.auth import digid_services as citizens
from portal.auth import oidc_services as oidc
from portal.auth import services
from portal.auth.mfa_forms import LinkForm
from portal.auth.session_views import sign_in
from portal.authz import ACR_LEVELS, ASSURANCE_LEVELS
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.roles import STAFF_ROLES
from portal.urls import external_url, is_safe_next
from portal.web import client_ip, show_error

bp = Blueprint("auth_oidc", __name__)

PENDING_KEY = "oidc"  # state, nonce and PKCE verifier between the redirect and the callback
LINK_KEY = "digid_link"  # a DigiD login waiting to be linked: the BSN encrypted, the level
LEVEL_ACR = {level: acr for acr, level in ACR_LEVELS.items()}


def _callback_url() -> str:
    return external_url("auth_oidc.callback")


def _start(name: str, acr: str | None = None):
    prov = oidc.provider(name)
    if prov is None:
        abort(404)
    try:
        url, pending = oidc.begin(prov, _callback_url(), acr=acr)
    except oidc.OidcError as error:
        security.event("login.failure", result="error", detail=f"{name}:{error.reason}")
        flash(_("Signing in is not possible right now. Try again later."), "error")
        return redirect(url_for("auth.login"))
    nxt = request.args.get("next")
    session[PENDING_KEY] = {**pending, "next": nxt if is_safe_next(nxt) else None}
    return redirect(url)


@bp.route("/login/digid")
def digid():
    level = request.args.get("level")
    wanted = level if level in ASSURANCE_LEVELS else current_app.config["PORTAL_DIGID_MIN_LEVEL"]
    return _start("digid", acr=LEVEL_ACR.get(wanted))


@bp.route("/login/staff")
def staff():
    return _start("staff")


@bp.route("/oidc/callback")
def callback():
    pending = session.pop(PENDING_KEY, None) or {}
    prov = oidc.provider(str(pending.get("provider", "")))
    if prov is None:
        security.event("login.failure", result="refused", detail="oidc:no_login_started")
        flash(_("Signing in did not work. Please start again."), "error")
        return redirect(url_for("auth.login"))
    try:
        claims = oidc.finish(prov, pending, dict(request.args), _callback_url(), utcnow())
    except oidc.OidcError as error:
        security.event("login.failure", result="refused", detail=f"{prov.name}:{error.reason}")
        if error.reason == "cancelled":
            flash(_("You stopped signing in with DigiD."), "info")
        else:
            flash(_("Signing in did not work. Please start again."), "error")
        return redirect(url_for("auth.login"))
    if prov.name == "staff":
        return _staff_login(claims, pending.get("next"))
    return _citizen_login(claims, pending.get("next"))


def _citizen_login(claims: dict, next_url: str | None):
    bsn, acr = citizens.bsn_from(claims), claims.get("acr")
    if bsn is None:
        security.event("login.failure", result="refused", detail="digid:no_bsn")
        flash(_("Signing in did not work. Please start again."), "error")
        return redirect(url_for("auth.login"))
    if not citizens.level_ok(acr):
        security.event("login.failure", result="refused", detail="digid:level")
        flash(_("Sign in with the DigiD app or an ID check for this portal."), "error")
        return redirect(url_for("auth.login"))
    user = citizens.find_citizen(bsn)
    if user is None:
        session[LINK_KEY] = {"bsn": citizens.seal_pending(bsn), "acr": acr, "next": next_url}
        return redirect(url_for("auth_oidc.link"))
    if not user.active:
        security.event("login.failure", result="refused", actor=user.id, detail="digid:inactive")
        flash(_("This account is closed. Contact the municipality."), "error")
        return redirect(url_for("auth.login"))
    with unit_of_work():
        citizens.note_login(user, acr)
    return redirect(sign_in(user, "digid", next_url, acr=acr))


def _staff_login(claims: dict, next_url: str | None):
    email = str(claims.get(current_app.config["PORTAL_STAFF_OIDC_EMAIL_CLAIM"]) or "")
    unverified = claims.get("email_verified") is False  # a provider that says so is believed
    user = services.find_by_email(email) if email and not unverified else None
    if user is None or not user.active or user.role not in STAFF_ROLES:
        security.event("login.failure", result="refused", detail="staff_oidc:unknown")
        flash(_("There is no active staff account for this sign-in."), "error")
        return redirect(url_for("auth.login"))
    return redirect(sign_in(user, "staff_oidc", next_url))


@bp.route("/login/digid/link", methods=["GET", "POST"])
def link():
    pending = session.get(LINK_KEY) or {}
    bsn = citizens.open_pending(pending.get("bsn"))
    if bsn is None:
        return redirect(url_for("auth.login"))
    form = LinkForm()
    if form.validate_on_submit():
        assert form.email.data is not None and form.password.data is not None  # noqa: S101 -- required fields of a validated form
        now = utcnow()
        with unit_of_work():
            result = services.authenticate(form.email.data, form.password.data, client_ip(), now)
        try:
            if isinstance(result, DomainError):
                raise result
            with unit_of_work():
                citizens.link(result, bsn, pending.get("acr"), now)
        except DomainError as error:
            show_error(form, error)
        else:
            session.pop(LINK_KEY, None)
            target = sign_in(result, "digid", pending.get("next"), acr=pending.get("acr"))
            flash(_("Your DigiD is linked to your account. Next time, DigiD is enough."), "ok")
            return redirect(target)
    return render_template("auth/digid_link.html", form=form)
