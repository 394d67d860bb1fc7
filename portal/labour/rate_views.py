"""The 360° ratings form, opened by a one-time link without an account. The link opens this
form only; it shows the competence list and the person's first name, nothing else. Requests
are counted per client address (PORTAL_SCAN_RATE_LIMIT per 15 minutes)."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, render_template, request

from portal import limits
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.labour import invite_services as invites
from portal.labour import services
from portal.labour.forms import ratings_form, read_levels
from portal.web import client_ip, show_error

bp = Blueprint("labour_rate", __name__, url_prefix="/rate")
WINDOW = timedelta(minutes=15)


@bp.route("/", methods=["GET", "POST"])
def rate():
    # The token travels in the query string, which the access log leaves out (portal.accesslog).
    token = request.args.get("token", "")
    now = utcnow()
    with unit_of_work():
        counted = limits.hit(
            limits.key("scan-rate:client", client_ip()),
            current_app.config["PORTAL_SCAN_RATE_LIMIT"],
            WINDOW,
            now,
        )
    if not counted.allowed:
        return render_template("labour/rate_gone.html", too_many=True), 429
    invitation = invites.find(token, now)
    if invitation is None:
        return render_template("labour/rate_gone.html", too_many=False), 404
    scan = invitation.scan
    definition = services.definition_of(scan)
    items = services.competences()
    form = ratings_form(definition, items, {})
    if form.validate_on_submit():
        try:
            with unit_of_work():
                invites.submit(invitation, read_levels(form, items), now)
        except DomainError as error:
            show_error(form, error)
        else:
            return render_template("labour/rate_done.html")
    return render_template(
        "labour/rate.html",
        form=form,
        groups=services.grouped(items),
        first_name=services.first_name(scan.owner_id),
        definition=definition,
        field_name=lambda c: f"c{c.id}",
    )
