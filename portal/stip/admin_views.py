"""The team lead's STIP locations and which volunteers belong to each."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal.acting import Location
from portal.authz import Permission, require
from portal.stip import admin_services as services
from portal.stip.forms import LocationForm, VolunteerForm
from portal.validation import as_id
from portal.web import get_or_404, handle

bp = Blueprint("stip_admin", __name__, url_prefix="/help-points")


@bp.route("/", methods=["GET", "POST"])
@require(Permission.MANAGE_STIP)
def locations():
    form = LocationForm()

    def add_location() -> Location:
        assert form.name.data is not None  # noqa: S101 -- a required field of a validated form
        return services.add_location(
            current_user, form.name.data, form.address.data or "", form.opening_hours.data or ""
        )

    return handle(
        form,
        add_location,
        success=url_for("stip_admin.locations"),
        flash_message=lambda place: _("Saved: the location %(name)s.", name=place.name),
    ) or render_template("stip/locations.html", form=form, locations=services.locations())


@bp.route("/<int:location_id>", methods=["GET", "POST"])
@require(Permission.MANAGE_STIP)
def location(location_id: int):
    place = get_or_404(Location, location_id)
    form = VolunteerForm()
    form.volunteer.choices = [SelectChoice("", _("Choose"))] + [
        SelectChoice(str(u.id), u.name) for u in services.volunteers()
    ]
    return handle(
        form,
        lambda: services.link_volunteer(
            current_user,
            place,
            as_id(form.volunteer.data),
        ),
        success=url_for("stip_admin.location", location_id=place.id),
        flash_message=lambda user: _("Saved: %(name)s helps at this location.", name=user.name),
    ) or render_template(
        "stip/location.html", place=place, form=form, volunteers=services.volunteers_at(place)
    )
