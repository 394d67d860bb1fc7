"""Wiring for create_app: extensions, events between features, errors, headers (the blueprints: portal.blueprints)."""

from __future__ import annotations

import logging
import re
from contextlib import suppress

from flask import Flask, current_app, g, make_response, render_template, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import ServiceUnavailable
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import (
    acting,
    assets,
    authz,
    events,
    fragments,
    i18n,
    navigation,
    scope,
    security,
    texts,
    validation,
    web,
)
from portal.auth import session_views
from portal.coaching import services as coaching
from portal.coaching import signal_services as signals
from portal.db import DATABASE_DOWN
from portal.extensions import babel, csrf, db, login_manager
from portal.figures import count_services as counts
from portal.figures import facts_services as figures
from portal.labour import export_services as labour_export
from portal.look import logo_url, municipality, theme_url
from portal.meetings import services as meetings
from portal.messages.display import linkify
from portal.metrics import observe_requests
from portal.plan import display as plan_display
from portal.plan import export_services as plan_export
from portal.requestlog import request_id
from portal.roles import Role
from portal.searchperiod import services as searchperiod

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)


def init_extensions(app: Flask) -> None:
    init_logging()
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.install_template_gettext(app.jinja_env)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(session_views.load_user)  # server-side sessions


def connect_features() -> None:
    """The rules and receivers that let lower layers rely on higher features without
    importing them (see portal.scope and portal.events). Safe to call more than once."""
    scope.register(Role.CONSULTANT, searchperiod.visible_to_consultant)
    scope.register(Role.ECOACH, coaching.visible_to_coach)
    events.cv_completed.connect(_cv_completed)
    events.first_coach_assigned.connect(_first_coach_assigned)
    events.usual_log_period.connect(_usual_log_period)
    events.application_registered.connect(_application_registered)
    events.search_period_ended.connect(_search_period_ended)
    events.search_period_assessed.connect(_search_period_assessed)
    events.conversation_invited.connect(_conversation_invited)
    events.questionnaire_submitted.connect(_questionnaire_submitted)
    events.routing_decided.connect(_routing_decided)
    events.coaching_reviewed.connect(_coaching_reviewed)
    events.messages_read.connect(_messages_read)
    events.questionnaire_sent.connect(_questionnaire_sent)
    events.applicant_facts.connect(_applicant_facts)
    events.take_along_parts.connect(_take_along_parts)
    events.take_along_import.connect(_take_along_import)


def _cv_completed(_sender, owner_id: int, now) -> None:
    searchperiod.note_cv_done(owner_id, now)


def _first_coach_assigned(_sender, applicant_id: int, now) -> None:
    meetings.invite_to_next(applicant_id, now)  # every new Zelfdoener is invited


def _messages_read(_sender, person_id: int) -> None:
    signals.mark(db.session, [person_id])  # the caseload's unread signal


def _usual_log_period(_sender, person, on):
    return searchperiod.log_period(person, on)


# The management figures count what happens (portal.figures.count_services) and keep a row
# per person in the file (facts_services).
def _application_registered(_sender, application) -> None:
    counts.on_registered(application)


def _search_period_ended(_sender, application) -> None:
    counts.on_ended(application)


def _search_period_assessed(_sender, application, assessment) -> None:
    counts.on_assessed(application, assessment)


def _conversation_invited(_sender, application, invite) -> None:
    counts.on_invited(application, invite)


def _questionnaire_submitted(_sender, response) -> None:
    counts.on_submitted(response)


def _routing_decided(_sender, applicant_id: int, response, decision, now) -> None:
    counts.on_decided(response, decision)
    figures.refresh(applicant_id, now)


def _coaching_reviewed(_sender, person_id: int, review, now) -> None:
    counts.on_reviewed(review)
    if review.outcome == "ended":
        figures.refresh(person_id, now)


def _questionnaire_sent(_sender, applicant_id: int, now) -> None:
    searchperiod.note_questionnaire_sent(applicant_id, now)


def _applicant_facts(_sender, person_id: int):
    return searchperiod.applicant_facts(person_id)


def _take_along_parts(_sender, owner_id: int):
    return {"plan": plan_export.export(owner_id), "scan": labour_export.portable(owner_id)}


def _take_along_import(_sender, owner, document: dict, now) -> None:
    plan_export.import_into(owner, document.get("plan"), now)


def _who() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def refused(_error):
    security.event("access.denied", result="refused", actor=_who())
    return render_template("errors/403.html"), 403


def not_found(_error):
    """A signed-in user asking for an object that is not theirs (or not there) is logged: a
    row of them is someone trying ids. Other missing pages are not."""
    ids = {k: v for k, v in (request.view_args or {}).items() if isinstance(v, int)}
    if ids and current_user.is_authenticated:
        detail = " ".join(f"{k}={v}" for k, v in sorted(ids.items()))
        security.event("access.not_found", result="refused", actor=_who(), detail=detail)
    return render_template("errors/404.html"), 404


def csrf_failed(error):
    security.event("csrf.failure", result="refused", actor=_who(), detail=error.description)
    return render_template("errors/400.html"), 400


class DatabaseUnavailable(ServiceUnavailable):
    """The database cannot be reached: every page says to try again later (503)."""


def register_errors(app: Flask) -> None:
    def handler(status: int):
        def render(_error):
            return render_template(f"errors/{status}.html"), status

        return render

    for status in (400, 405, 413, 500):
        app.register_error_handler(status, handler(status))
    app.register_error_handler(403, refused)
    app.register_error_handler(404, not_found)
    app.register_error_handler(CSRFError, csrf_failed)
    for kind in (503, *DATABASE_DOWN):
        app.register_error_handler(kind, unavailable)


def unavailable(error):
    """The branded "try again later" page, made without the database: for this response the
    visitor is anonymous (no menu, unread count or assisted session to look up); their session
    cookie is left alone, so they are still signed in when the database is back."""
    current_app.logger.warning("database unavailable: %s", type(error).__name__)
    with suppress(*DATABASE_DOWN):
        db.session.rollback()
    g._login_user = login_manager.anonymous_user()  # Flask-Login's per-request user
    response = make_response(render_template("errors/503.html"), 503)
    response.headers["Retry-After"] = "60"
    response.headers["Cache-Control"] = "no-store"
    return response


class RedactTokens(logging.Filter):
    """Keeps one-time tokens out of request logs (the development server logs query strings)."""

    pattern = re.compile(r"token=[^&\s\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.pattern.sub("token=[redacted]", record.getMessage())
        record.args = ()
        return True


def init_logging() -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactTokens) for f in logger.filters):
        logger.addFilter(RedactTokens())
    app_logger = logging.getLogger("portal")  # Flask's app.logger: unhandled errors
    if not any(isinstance(f, security.ScrubDatabaseErrors) for f in app_logger.filters):
        app_logger.addFilter(security.ScrubDatabaseErrors())


observe = observe_requests  # create_app's first step: request ids, the log line, metrics


def guard_input(app: Flask) -> None:
    """Before routes and extensions: `<int:...>` matches only ids the database can hold, and
    the request guard runs first (before CSRFProtect parses the form)."""
    app.url_map.converters["int"] = validation.BoundedIntConverter
    app.before_request(validation.check_request)


# Pages that never need to know who is signed in (and so work while the database is down).
NO_USER_NEEDED = frozenset({"static", "home.healthz", "home.theme", "operations.scrape"})


def register_request_hooks(app: Flask) -> None:
    @app.before_request
    def signed_in_user():
        """Load the signed-in account first: with the database down, a signed-in user gets the
        503 page at once instead of a login page or a half-built one."""
        if request.endpoint not in NO_USER_NEEDED and "_user_id" in session:
            current_user.is_authenticated  # noqa: B018 -- loads the account
            if g.get("database_down"):
                raise DatabaseUnavailable()

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if request.endpoint in NO_USER_NEEDED or response.cache_control.public:
            pass  # no account lookup for files and the health check; public stays public
        elif current_user.is_authenticated or request.endpoint in (
            "auth.reset_password",
            "auth.activate",
            "searchperiod.confirm",
        ):
            response.headers["Cache-Control"] = "no-store"
        if app.config["PRODUCTION"]:
            # Every subdomain too; no `preload`: that binds the whole registrable domain
            # (gemeente.nl), which one application cannot promise (README, production).
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response


def serve_static(app: Flask) -> None:
    """Fingerprinted, compressed static files in front of the app (portal.assets)."""
    assets.init_app(app)


def trust_proxies(app: Flask) -> None:
    """Take the client address and scheme from the configured number of trusted proxies."""
    hops = int(app.config["PORTAL_TRUSTED_PROXIES"])
    if hops > 0:
        # Flask's documented way to wrap the WSGI app; Flask types wsgi_app as a method.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def register_template_globals(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=authz.template_can,
        menu_for=navigation.menu_for,
        start_endpoint=navigation.start_endpoint,
        locales=i18n.LOCALES,
        current_locale=i18n.current_locale,
        navigation=navigation.navigation,
        title_section=navigation.section,
        offered_locales=lambda: i18n.offered(current_user),
        direction=i18n.direction,
        is_staff=i18n.is_staff,
        helping=acting.helping,
        unread_count=navigation.unread,
        badged=navigation.BADGED,
        static_url=assets.static_url,
        municipality=municipality,
        logo_url=logo_url,
        theme_url=theme_url,
        request_id=request_id,
        plan_summary=plan_display.summary,
        url_pattern=web.UrlPattern,
        fixed_url=web.fixed_url,
        fragment=fragments.fragment,
        slot=fragments.slot,
        text_version=texts.version,
    )
    app.jinja_env.filters["linkify"] = linkify
    app.jinja_env.filters["ltr"] = i18n.isolate_ltr
    app.jinja_env.filters["ltr_runs"] = i18n.isolate_ltr_runs
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
