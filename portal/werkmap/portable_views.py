"""Take the Werkmap along: download it as JSON, or bring one into a new account."""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request, send_file
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField

from portal import audit
from portal.authz import Permission, require, require_assurance
from portal.db import unit_of_work, utcnow
from portal.files import MB, max_mb
from portal.validation import Form
from portal.web import handle
from portal.werkmap import portable_services as portable

bp = Blueprint("werkmap_portable", __name__, url_prefix="/werkmap/take-along")


class ImportForm(Form):
    file = FileField(
        _l("Your Werkmap file (.json)"),
        description=_l("The file you downloaded from this portal in your old account."),
    )


@bp.route("/")
@require(Permission.OWN_WERKMAP)
def index():
    return _page(ImportForm(), None)


@bp.route("/werkmap.json")
@require(Permission.OWN_WERKMAP)
@require_assurance("PORTAL_DIGID_LEVEL_TAKE_ALONG")
def export():
    now = utcnow()
    body = json.dumps(portable.export(current_user.id, now), ensure_ascii=False, indent=2)
    with unit_of_work():
        audit.record(current_user, "werkmap.export", "user", current_user.id)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f"attachment; filename=werkmap-{now.date().isoformat()}.json"
        },
    )


@bp.route("/schema.json")
@require(Permission.OWN_WERKMAP)
def schema():
    return send_file(portable.SCHEMA_PATH, mimetype="application/schema+json", max_age=0)


@bp.route("/import", methods=["POST"])
@require(Permission.OWN_WERKMAP)
def import_():
    form = ImportForm()

    def bring_in() -> dict:
        sent = request.files.get("file")
        raw = sent.read(max_mb() * MB + 1) if sent else b""
        return portable.import_into(current_user, portable.parse(raw, current_user.id), utcnow())

    return handle(form, bring_in, success=lambda result: _page(form, result)) or _page(form, None)


def _page(form: ImportForm, result: dict | None) -> str:
    return render_template(
        "werkmap/portable.html", form=form, result=result, empty=portable.is_empty(current_user.id)
    )
