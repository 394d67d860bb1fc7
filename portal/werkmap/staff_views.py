"""A person's Werkmap as their e-coach or consultant sees it: read-only, every look logged,
and the norm of applications per week, which staff may set."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import IntegerField
from wtforms.validators import Optional

from portal import acting, audit, files, scope
from portal.authz import Permission, require
from portal.clock import today
from portal.db import unit_of_work, utcnow
from portal.files import StoredFile
from portal.validation import Form
from portal.web import get_or_404, handle, requested_page
from portal.werkmap import cv_services, services
from portal.werkmap import overview_services as overview
from portal.werkmap import period_display as period
from portal.werkmap.cv_views import cv_context, pdf_response
from portal.werkmap.forms import LABELS
from portal.werkmap.models import LogEntry

bp = Blueprint("werkmap_staff", __name__, url_prefix="/people/<int:person_id>/werkmap")


class NormForm(Form):
    weekly = IntegerField(
        _l("Applications per week for this person"),
        description=_l("Leave empty to use the municipality's norm."),
        validators=[Optional()],
    )


@bp.url_value_preprocessor
def _load_person(endpoint, values):
    """Every page here is about one person, who must be in the staff member's scope."""
    g.person_id = values.pop("person_id")


@bp.url_defaults
def _keep_person(endpoint, values):
    if "person_id" not in values and "person_id" in g:
        values["person_id"] = g.person_id


def _person(what: str):
    person = scope.person_or_404(current_user, g.person_id)
    with unit_of_work():
        audit.record(current_user, f"werkmap.read.{what}", "user", person.id)
    return person


def _norms(person) -> tuple[int, int]:
    default = current_app.config["PORTAL_WEEKLY_NORM"]
    return services.weekly_norm(person.id, default), default


@bp.route("/", methods=["GET", "POST"])
@require(Permission.READ_WERKMAPS)
def log():
    person = _person("log")
    norm, default = _norms(person)
    form = NormForm(data={"weekly": norm if norm != default else None})
    done = handle(
        form,
        lambda: services.set_norm(person.id, form.weekly.data, current_user, utcnow()),
        success=url_for("werkmap_staff.log"),
        flash_message=_("Saved: the norm of %(name)s.", name=person.name),
    )
    if done:
        return done
    data = overview.weeks_of(person, today(utcnow()))
    chart, norm_y = overview.bars(data, norm)
    found = services.entries(person.id, *requested_page())
    return render_template(
        "werkmap/staff_log.html",
        person=person,
        form=form,
        **found.context("entries"),
        weeks=data,
        chart=chart,
        norm=norm,
        norm_y=norm_y,
        default=default,
        helpers=acting.location_names(
            {e.assisted_session_id for e in found.items if e.assisted_session_id}
        ),
        **LABELS,
    )


@bp.route("/entries/<int:entry_id>/proof")
@require(Permission.READ_WERKMAPS)
def proof(entry_id: int):
    person = _person("proof")
    entry = get_or_404(LogEntry, entry_id, LogEntry.owner_id == person.id)
    stored = get_or_404(StoredFile, entry.proof_file_id, StoredFile.owner_id == person.id)
    return files.download(stored, _("proof"))


@bp.route("/cv")
@require(Permission.READ_WERKMAPS)
def cv():
    person = _person("cv")
    return render_template("werkmap/staff_cv.html", person=person, **cv_context(person.id))


@bp.route("/cv.pdf")
@require(Permission.READ_WERKMAPS)
def cv_pdf():
    person = _person("cv")
    cv = cv_services.cv_of(person.id)
    if cv is None:
        abort(404)
    return pdf_response(cv, cv_services.profile_of(person.id))


@bp.route("/cv/file")
@require(Permission.READ_WERKMAPS)
def cv_file():
    person = _person("cv_file")
    cv = cv_services.cv_of(person.id)
    stored = get_or_404(
        StoredFile, cv.uploaded_file_id if cv else None, StoredFile.owner_id == person.id
    )
    return files.download(stored, _("cv"))


@bp.route("/period")
@require(Permission.READ_WERKMAPS)
def period_page():
    person = _person("period")
    return period.page(person, "werkmap_staff.period_page", url_for("werkmap_staff.period_pdf"))


@bp.route("/period.pdf")
@require(Permission.READ_WERKMAPS)
def period_pdf():
    return period.pdf_download(_person("period"))
