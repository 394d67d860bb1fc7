"""Security keys and passkeys: staff add them on their account page and may use one instead
of the app's code. WebAuthn needs JavaScript (static/js/passkey.js); without it the
authenticator app keeps working, and the pages say so."""

from __future__ import annotations

import json

from flask import Blueprint, abort, g, jsonify, render_template, request, session
from flask_login import current_user

from portal.auth import mfa_services as mfa
from portal.auth import passkey_services as passkeys
from portal.auth import session_services as sessions
from portal.auth.session_views import after_sign_in, current_session
from portal.authz import Permission, require, signed_in
from portal.db import db, unit_of_work, utcnow

bp = Blueprint("auth_passkey", __name__)

ADD_KEY = "passkey_add"  # the challenge of a registration under way
USE_KEY = "passkey_use"  # the challenge of a sign-in under way


def _staff():
    if not mfa.needed(current_user):
        abort(404)
    return current_user._get_current_object()


def _body() -> tuple[str, str, str | None]:
    """The browser's answer (JSON of the credential), a name for a new key, `next`."""
    if request.content_length and request.content_length > passkeys.MAX_BODY:
        abort(413)
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("credential"), dict):
        abort(400)
    name, next_url = data.get("name") or "", data.get("next")
    return (
        json.dumps(data["credential"]),
        name if isinstance(name, str) else "",
        next_url if isinstance(next_url, str) else None,
    )


@bp.route("/account/passkeys")
@require(Permission.OWN_ACCOUNT)
def index():
    return render_template("auth/passkeys.html", passkeys=passkeys.of(_staff()))


@bp.route("/account/passkeys/options", methods=["POST"])
@require(Permission.OWN_ACCOUNT)
def add_options():
    options, challenge = passkeys.registration_options(_staff())
    session[ADD_KEY] = challenge
    return options, 200, {"Content-Type": "application/json", "Cache-Control": "no-store"}


@bp.route("/account/passkeys", methods=["POST"])
@require(Permission.OWN_ACCOUNT)
def add():
    user = _staff()
    credential, name, _next = _body()
    with unit_of_work():
        ok = passkeys.register(user, credential, session.pop(ADD_KEY, ""), name, utcnow())
    return jsonify(ok=ok), 200 if ok else 400


@bp.route("/second-factor/passkey/options", methods=["POST"])
@signed_in
def use_options():
    if not g.get("second_factor_pending"):
        abort(409)
    options, challenge = passkeys.authentication_options(current_user)
    session[USE_KEY] = challenge
    return options, 200, {"Content-Type": "application/json", "Cache-Control": "no-store"}


@bp.route("/second-factor/passkey", methods=["POST"])
@signed_in
def use():
    if not g.get("second_factor_pending"):
        abort(409)
    credential, _name, next_url = _body()
    user = current_user._get_current_object()
    now = utcnow()
    with unit_of_work():
        ok = passkeys.verify(user, credential, session.pop(USE_KEY, ""), now)
        row = current_session()
        if ok and row is not None:
            sessions.passed_second_factor(db.session.merge(row), now)
    if not ok:
        return jsonify(ok=False), 400
    g.second_factor_pending = False
    return jsonify(ok=True, go=after_sign_in(user, next_url))
