"""The team lead's oversight of the advice: fairness per group, and a new questionnaire
version compared with the active one on everyone's stored answers."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from portal.authz import Permission, require
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import unit_of_work
from portal.intake import line_services as lines
from portal.intake import oversight_services as oversight
from portal.intake import services, version_services

bp = Blueprint("intake_oversight", __name__, url_prefix="/advice")


@bp.route("/fairness")
@require(Permission.MONITOR_FAIRNESS)
def fairness():
    config = current_app.config
    definition = services.current_definition(MAIN_QUESTIONNAIRE[0])
    with unit_of_work():
        tables = oversight.fairness(
            current_user,
            definition,
            config["PORTAL_FAIRNESS_MIN_GROUP"],
            config["PORTAL_FAIRNESS_RATIO"],
        )
    return render_template(
        "intake/fairness.html",
        definition=definition,
        tables=tables,
        min_group=config["PORTAL_FAIRNESS_MIN_GROUP"],
        ratio=config["PORTAL_FAIRNESS_RATIO"],
    )


@bp.route("/versions")
@require(Permission.COMPARE_QUESTIONNAIRES)
def versions():
    main_id = MAIN_QUESTIONNAIRE[0]
    active = lines.current_version(main_id) or MAIN_QUESTIONNAIRE[1]
    others = [v for v in lines.versions(main_id) if v != active]
    chosen = request.args.get("version", type=int)
    if chosen is not None and chosen not in others:
        abort(404)
    current = version_services.load(main_id, active)
    report = other = None
    if chosen is not None:
        other = version_services.load(main_id, chosen)
        with unit_of_work():
            report = oversight.compare_for(current_user, current, other)
    return render_template(
        "intake/versions.html",
        current=current,
        other=other,
        others=others,
        report=report,
    )
