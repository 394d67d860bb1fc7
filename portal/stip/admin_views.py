"""The team lead's STIP locations and which volunteers belong to each."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal.acting import Location
from portal.authz import Permission, require
from portal.db import db, unit_of_work
from portal.people import User
from portal.roles import Role
from portal.stip.forms import LocationForm, VolunteerForm
from portal.stip.models import Volunteer
from portal.validation import as_id

bp = Blueprint("stip_admin", __name__, url_prefix="/help-points")


@bp.route("/", methods=["GET", "POST"])
@require(Permission.MANAGE_STIP)
def locations():
    form = LocationForm()
    if form.validate_on_submit():
        assert form.name.data is not None  # noqa: S101 -- a required field of a validated form
        name = form.name.data.strip()
        if db.session.scalar(select(Location.id).where(Location.name == name)):
            form.name.errors = [_("There is already a location with this name.")]
        else:
            with unit_of_work():
                db.session.add(
                    Location(
                        name=name,
                        address=form.address.data or "",
                        opening_hours=form.opening_hours.data or "",
                    )
                )
            flash(_("Saved: the location %(name)s.", name=name), "ok")
            return redirect(url_for("stip_admin.locations"))
    return render_template(
        "stip/locations.html",
        form=form,
        locations=db.session.scalars(select(Location).order_by(Location.name)).all(),
    )


@bp.route("/<int:location_id>", methods=["GET", "POST"])
@require(Permission.MANAGE_STIP)
def location(location_id: int):
    place = db.session.get(Location, location_id)
    if place is None:
        abort(404)
    form = VolunteerForm()
    form.volunteer.choices = [SelectChoice("", _("Choose"))] + [
        SelectChoice(str(u.id), u.name)
        for u in db.session.scalars(select(User).where(User.role == Role.STIP).order_by(User.name))
    ]
    if form.validate_on_submit():
        volunteer_id = as_id(form.volunteer.data)
        user = db.session.get(User, volunteer_id) if volunteer_id else None
        if user is None or user.role != Role.STIP:
            form.volunteer.errors = [_("Choose a volunteer.")]
        else:
            with unit_of_work():
                link = db.session.get(Volunteer, user.id) or Volunteer(user_id=user.id)
                link.location_id = place.id
                db.session.add(link)
            flash(_("Saved: %(name)s helps at this location.", name=user.name), "ok")
            return redirect(url_for("stip_admin.location", location_id=place.id))
    volunteers = db.session.scalars(
        select(User)
        .join(Volunteer, Volunteer.user_id == User.id)
        .where(Volunteer.location_id == place.id)
        .order_by(User.name)
    ).all()
    return render_template("stip/location.html", place=place, form=form, volunteers=volunteers)
