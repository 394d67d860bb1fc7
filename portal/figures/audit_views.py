"""The audit log for the team lead: filter, page, export; each look is recorded."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.figures import audit_services as log
from portal.figures.forms import AuditFilterForm
from portal.roles import ROLE_LABELS

bp = Blueprint("figures_audit", __name__, url_prefix="/figures/audit")


def _filter(form: AuditFilterForm) -> log.Filter:
    return log.Filter(
        actor=(form.actor.data or "").strip(),
        person=(form.person.data or "").strip(),
        kind=form.kind.data if form.kind.data in log.KINDS else "all",
        first=form.first.data,
        last=form.last.data,
    )


@bp.route("/")
@require(Permission.READ_AUDIT_LOG)
def index():
    form = AuditFilterForm(request.args)
    if request.args and not form.validate():
        return render_template("figures/audit.html", form=form, rows=[], more=None, has_errors=True)
    before = request.args.get("before", type=int)
    with unit_of_work():
        rows, more = log.events(
            current_user, _filter(form), before, current_app.config["PAGE_SIZE"] * 2, utcnow()
        )
    args = {k: v for k, v in request.args.items() if k != "before"}
    return render_template(
        "figures/audit.html",
        form=form,
        rows=rows,
        more=more,
        args=args,
        role_labels={role.value: label for role, label in ROLE_LABELS.items()},
    )


@bp.route("/export.csv")
@require(Permission.READ_AUDIT_LOG)
def export():
    form = AuditFilterForm(request.args)
    if not form.validate():
        return render_template(
            "figures/audit.html", form=form, rows=[], more=None, has_errors=True
        ), 400
    with unit_of_work():
        rows, _more = log.events(
            current_user, _filter(form), None, log.EXPORT_ROWS, utcnow(), export=True
        )
    head = [
        _("When"),
        _("Who"),
        _("Role"),
        _("Action"),
        _("Kind of record"),
        _("Number of the record"),
        _("Whose file"),
        _("Detail"),
    ]
    body = log.csv_document(rows, head, lambda at: format_datetime(at, "yyyy-MM-dd HH:mm:ss"))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=auditlog.csv"},
    )
