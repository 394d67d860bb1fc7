"""The public description of the advice (/algoritme), for everyone, without signing in."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, render_template, request
from flask_babel import force_locale, get_locale

from portal import i18n
from portal.config import MAIN_QUESTIONNAIRE
from portal.intake import algorithm_display, services
from portal.intake import oversight_services as oversight

bp = Blueprint("intake_algorithm", __name__)


def _description() -> dict:
    config = current_app.config
    scheme = config["PORTAL_ROUTING_SCHEME"]
    return algorithm_display.describe(
        services.current_definition(MAIN_QUESTIONNAIRE[0]),
        scheme,
        oversight.override_rate(scheme, config["PORTAL_FAIRNESS_MIN_GROUP"]),
        config["PORTAL_MUNICIPALITY_NAME"],
    )


@bp.route("/algoritme")
def page():
    return render_template(
        "intake/algorithm.html", about=_description(), languages=list(i18n.LOCALES)
    )


@bp.route("/algoritme.json")
def download():
    """The same description as a JSON document, in ?lang= (nl or en) or the page's language."""
    wanted = request.args.get("lang")
    locale = wanted if i18n.is_supported(wanted) else str(get_locale())
    with force_locale(locale):
        about = _description()
    document = {"language": locale, **about}
    response = current_app.response_class(
        json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="algoritme-{locale}.json"'
    return response
