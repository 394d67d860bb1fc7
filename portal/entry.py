"""Entry points: the `portal` console script (Flask's CLI around create_app, plus the portal's
commands) and the WSGI application for gunicorn."""

from __future__ import annotations

import os

from flask import Flask
from flask.cli import FlaskGroup

from portal import create_app

main = FlaskGroup(create_app=create_app, help="Work & Income portal.")


def wsgi_app() -> Flask:
    """The app for a WSGI server. A server must never fall into development mode by a missing
    setting, so PORTAL_ENV must be set, to production or (on your own machine) development."""
    if os.environ.get("PORTAL_ENV") not in ("production", "development"):
        raise RuntimeError(
            "Set PORTAL_ENV=production to serve the portal (see the README's production "
            "checklist), or PORTAL_ENV=development to serve it on your own machine."
        )
    return create_app()
