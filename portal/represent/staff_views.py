"""The consultant's side: who acts for a person in their scope, registering a court decision with
its document, ending a mandate, and what representatives did."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import audit, files, mandates, scope
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.files import StoredFile
from portal.represent import services
from portal.represent.display import ACTION_LABELS
from portal.represent.forms import CourtForm
from portal.validation import Form
from portal.web import get_or_404, handle

bp = Blueprint("represent_staff", __name__, url_prefix="/people/<int:person_id>/representatives")


def _mandate(person_id: int, mandate_id: int) -> mandates.Mandate:
    person = scope.person_or_404(current_user, person_id)
    return get_or_404(mandates.Mandate, mandate_id, mandates.Mandate.person_id == person.id)


@bp.route("/", methods=["GET", "POST"])
@require(Permission.REGISTER_REPRESENTATION)
def index(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    form = CourtForm()

    def register() -> mandates.Mandate:
        sent = request.files.get("file")
        assert form.decided_on.data is not None  # noqa: S101 -- a required field of a validated form
        return services.register_court(
            current_user,
            person,
            form.kind.data or "",
            form.name.data or "",
            form.email.data or "",
            form.reference.data or "",
            form.decided_on.data,
            form.ends_on.data,
            ((sent.filename or "") if sent else "", sent.read() if sent else b""),
            utcnow(),
        )

    done = handle(
        form,
        register,
        success=url_for("represent_staff.index", person_id=person.id),
        flash_message=_("The court decision is registered. The representative can act now."),
    )
    if done:
        return done
    if request.method == "GET":
        with unit_of_work():
            audit.record(current_user, "representation.view", "user", person.id)
    return render_template(
        "represent/staff.html",
        person=person,
        mandates=mandates.of_person(person.id),
        form=form,
        now=utcnow(),
        action_labels=ACTION_LABELS,
    ), 400 if form.errors else 200


@bp.route("/<int:mandate_id>/end", methods=["POST"])
@require(Permission.REGISTER_REPRESENTATION)
def end(person_id: int, mandate_id: int):
    mandate = _mandate(person_id, mandate_id)
    if not Form().validate_on_submit():
        abort(400)
    with unit_of_work():
        services.end(current_user, mandate, utcnow())
    flash(_("The representation has ended. The representative has no access any more."), "ok")
    return redirect(url_for("represent_staff.index", person_id=person_id))


@bp.route("/<int:mandate_id>/document")
@require(Permission.REGISTER_REPRESENTATION)
def document(person_id: int, mandate_id: int):
    mandate = _mandate(person_id, mandate_id)
    stored = get_or_404(
        StoredFile, mandate.document_file_id, StoredFile.owner_id == mandate.person_id
    )
    with unit_of_work():
        audit.record(current_user, "representation.document", "mandate", mandate.id)
    return files.download(stored, _("court-decision"))
