"""The login session of a browser: loading it on each request (time-outs, the second-factor
gate, keeping a form posted after a time-out), signing in and out, and its own pages: the
status the time-out warning asks for, "stay signed in", kept forms, "sign out everywhere".
"""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal import security
from portal.auth import mfa_services as mfa
from portal.auth import session_services as sessions
from portal.auth.session_models import LoginSession
from portal.authz import signed_in
from portal.db import DATABASE_DOWN, db, unit_of_work, utcnow
from portal.people import User
from portal.urls import is_safe_next

bp = Blueprint("auth_session", __name__)

SESSION_KEY = "sid"  # the Flask session (a signed cookie) holds only this random id
KEPT_KEY = "kept"
ENDED_KEY = "ended"
LOGIN_KEYS = (SESSION_KEY, "_user_id", "_fresh", "_id")
# What a staff member may reach before passing the second factor.
BEFORE_SECOND_FACTOR = frozenset(
    {
        "auth_mfa.setup",
        "auth_mfa.verify",
        "auth_passkey.use_options",
        "auth_passkey.use",
        "auth.logout",
        "static",
        "home.language",
        "home.theme",
        "auth_session.status",
        "auth_session.extend",
    }
)
# Files, the health check and the metrics: no session is read or touched (they work with the
# database down; a scrape is not a visitor).
NO_SESSION_NEEDED = frozenset({"static", "home.healthz", "home.theme", "operations.scrape"})
# Posts that are not kept after a time-out (signing in and out, the session's own).
NOT_KEPT = frozenset({"auth.login", "auth.logout", "home.language", "auth_mfa.verify"})


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the account of a valid, open login session (see the module).
    When the database is down the visitor is anonymous for this request and `g.database_down`
    is set (see `signed_in_user`), so that no page, menu or error page asks the database again.

    A session ended or touched here is committed at once; a look that wrote nothing leaves
    the request's transaction open for the page (a commit of nothing cost 90 µs a request)."""
    now = utcnow()
    try:
        found = sessions.find(session.get(SESSION_KEY), now)
        if found.changed:
            db.session.commit()
        row = found.row
        if row is None or found.ended:
            return None
        user = found.user
        if user is None or not user.active or user_id.partition(":")[0] != str(user.id):
            return None
        if request.endpoint != "auth_session.status" and sessions.touch(row, now):
            db.session.commit()
    except DATABASE_DOWN:
        db.session.rollback()
        g.database_down = True
        return None
    except BaseException:
        db.session.rollback()
        raise
    g.login_session, g.login_acr = row, row.acr
    return user


def current_session() -> LoginSession | None:
    return g.get("login_session") if current_user.is_authenticated else None


@bp.before_app_request
def check_session():
    if request.endpoint in NO_SESSION_NEEDED:
        return None
    user = current_user._get_current_object()  # loads (and checks) the session
    if g.get("database_down"):  # the 503 page follows (portal.setup); ask nothing more
        return None
    if not user.is_authenticated:
        _after_an_end()
        return None
    row = g.get("login_session")
    if row is not None and row.second_factor_at is None:
        g.second_factor_pending = True
        if request.endpoint not in BEFORE_SECOND_FACTOR:
            return redirect(second_factor_url(user, request.full_path.rstrip("?")))
    return None


def _after_an_end() -> None:
    """Not signed in (any more). A session that timed out keeps its id in the cookie, so that
    a form posted later (from another tab, after the warning's script noticed the end) is
    still kept for its person; any other end forgets it."""
    for key in LOGIN_KEYS[1:]:
        session.pop(key, None)
    token = session.get(SESSION_KEY)
    if not token:
        return
    with unit_of_work():
        found = sessions.find(token, utcnow())
    if found.row is not None and found.ended in sessions.TIMED_OUT:
        session[ENDED_KEY] = found.ended
        _keep_posted_form(found.row.user_id)
    else:
        session.pop(SESSION_KEY, None)


@bp.app_context_processor
def session_details() -> dict:
    """For the page: seconds until the time-out (None when not signed in), and whether the
    second factor is still to come (the menu stays hidden until then)."""
    if not has_request_context() or not getattr(current_user, "is_authenticated", False):
        return {"session_left": None, "second_factor_pending": False}
    row = g.get("login_session")
    return {
        "session_left": sessions.seconds_left(row, utcnow()) if row is not None else None,
        "second_factor_pending": bool(g.get("second_factor_pending")),
    }


def _keep_posted_form(user_id: int) -> None:
    if request.method != "POST" or request.endpoint in NOT_KEPT:
        return
    if (request.endpoint or "").startswith("auth_session."):
        return
    pairs = [(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"]
    if not pairs:
        return
    with unit_of_work():
        token = sessions.keep_form(user_id, request.full_path.rstrip("?"), pairs, utcnow())
    if token:
        session[KEPT_KEY] = token


def second_factor_url(user: User, next_url: str | None) -> str:
    endpoint = "auth_mfa.verify" if mfa.enrolled(user) else "auth_mfa.setup"
    return url_for(endpoint, next=next_url if is_safe_next(next_url) else None)


def sign_in(user: User, method: str, next_url: str | None = None, acr: str | None = None) -> str:
    """Start a fresh session (the chosen language and a kept form survive) and say where to
    go: the second factor first, a kept form, the `next` page, or the start page."""
    now = utcnow()
    carried = {key: session[key] for key in ("locale", KEPT_KEY) if key in session}
    passed = (
        not mfa.needed(user)
        or mfa.demo_skip(user)
        or (method == "staff_oidc" and bool(current_app.config["PORTAL_STAFF_OIDC_TRUST_MFA"]))
    )
    with unit_of_work():
        earlier = g.pop("login_session", None)  # signing in again (DigiD at a higher level)
        if earlier is not None:
            sessions.end(db.session.merge(earlier), "replaced", now)
        token = sessions.start(user, method, now, acr=acr, second_factor=passed)
    session.clear()
    session.update(carried)
    session[SESSION_KEY] = token
    login_user(user)
    security.event("login.success", actor=user.id, detail=method)
    if not passed:
        return second_factor_url(user, next_url)
    return after_sign_in(user, next_url)


def after_sign_in(user: User, next_url: str | None) -> str:
    """A form kept from before the time-out first, else `next`, else the start page."""
    if sessions.kept_form(session.get(KEPT_KEY), user.id, utcnow()) is not None:
        return url_for("auth_session.kept")
    session.pop(KEPT_KEY, None)
    return next_url if is_safe_next(next_url) else url_for("home.start")


def sign_out(reason: str = "logout") -> LoginSession | None:
    """End this browser's session (in the database too); returns the session that ended."""
    row = g.get("login_session")
    if row is not None:
        with unit_of_work():
            sessions.end(db.session.merge(row), reason, utcnow())
    locale = session.get("locale")
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale
    return row


@bp.route("/session/status")
@signed_in
def status():
    """For the time-out warning's script: seconds left; does not count as activity."""
    row = current_session()
    left = sessions.seconds_left(row, utcnow()) if row else 0
    return jsonify(seconds_left=left), 200, {"Cache-Control": "no-store"}


@bp.route("/session/extend", methods=["POST"])
@signed_in
def extend():
    """'Stay signed in': the request itself was activity (the loader touched the session)."""
    row = current_session()
    left = 0
    if row is not None:
        with unit_of_work():
            left = sessions.extend(db.session.merge(row), utcnow())
    if request.accept_mimetypes.best == "application/json":
        return jsonify(seconds_left=left)
    flash(_("You stay signed in."), "ok")
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("home.start"))


@bp.route("/session/kept")
@signed_in
def kept():
    found = sessions.kept_form(session.get(KEPT_KEY), current_user.id, utcnow())
    if found is None:
        return redirect(url_for("home.start"))
    return render_template(
        "auth/kept.html", kept=found, pairs=sessions.kept_pairs(found), count=_visible(found)
    )


def _visible(found) -> int:
    return sum(1 for name, value in json.loads(found.fields) if value and name != "next")


@bp.route("/session/kept/resume", methods=["POST"])
@signed_in
def resume():
    """Send what was typed to the page it was meant for: 307 keeps the method and the body
    (with this form's fresh CSRF token), so the page checks and saves it as usual."""
    found = sessions.kept_form(session.get(KEPT_KEY), current_user.id, utcnow())
    session.pop(KEPT_KEY, None)
    if found is None:
        return redirect(url_for("home.start"))
    path = found.path
    with unit_of_work():
        sessions.drop_kept(found)
    return redirect(path if is_safe_next(path) else url_for("home.start"), code=307)


@bp.route("/session/kept/discard", methods=["POST"])
@signed_in
def discard():
    found = sessions.kept_form(session.pop(KEPT_KEY, None), current_user.id, utcnow())
    if found is not None:
        with unit_of_work():
            sessions.drop_kept(found)
    flash(_("What you typed before is thrown away."), "info")
    return redirect(url_for("home.start"))


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@signed_in
def everywhere():
    """End every session of the account, this one too."""
    with unit_of_work():
        count = sessions.end_all(current_user.id, "everywhere", utcnow())
    sign_out("everywhere")
    flash(
        _("You are signed out on every device (%(count)s sessions).", count=count),
        "info",
    )
    return redirect(url_for("auth.login"))
