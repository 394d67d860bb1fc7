"""My data ("Mijn gegevens"): who looked at or changed my file, what is kept and for how long,
a download of everything, and a request to correct something."""

from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _
from flask_login import current_user

from portal.authz import Permission, require, require_assurance
from portal.db import unit_of_work, utcnow
from portal.pages import paginate
from portal.privacy import display, export_display, export_services, services
from portal.privacy.forms import CorrectionForm
from portal.web import handle, requested_page

bp = Blueprint("privacy", __name__, url_prefix="/my-data")


@bp.route("/")
@require(Permission.OWN_DATA)
def index():
    return _page(CorrectionForm())


@bp.route("/corrections", methods=["POST"])
@require(Permission.OWN_DATA)
def correct():
    form = CorrectionForm()
    done = handle(
        form,
        lambda: services.request_correction(
            current_user, form.what.data or "", form.should_be.data or "", utcnow()
        ),
        success="/my-data/#corrections",
        flash_message=_("We have your request. We will answer you within a month."),
    )
    return done or (_page(form), 400)


@bp.route("/download.zip")
@require(Permission.OWN_DATA)
@require_assurance("PORTAL_DIGID_LEVEL_TAKE_ALONG")
def download():
    now = utcnow()
    with unit_of_work():
        found = export_services.export_for(current_user, current_user)
    body = export_display.archive(current_user, found, now)
    return Response(
        body,
        mimetype="application/zip",
        headers={
            "Content-Disposition": f"attachment; filename=mijn-gegevens-{now.date().isoformat()}.zip",
            "Cache-Control": "no-store",
        },
    )


def _page(form: CorrectionForm):
    page, per_page = requested_page()
    return render_template(
        "privacy/index.html",
        accesses=paginate(services.accesses(current_user.id), page, per_page),
        categories=display.APPLICANT_CATEGORIES,
        display=display,
        corrections=services.corrections_of(current_user.id),
        form=form,
    )
