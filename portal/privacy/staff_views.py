"""The staff's privacy pages: applicants' correction requests and their answers, erasure of a
person on request, and the records of processing (AVG art. 30) for the privacy officer."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import audit
from portal.authz import Permission, require
from portal.db import db, unit_of_work, utcnow
from portal.people import User
from portal.privacy import display, retention_services, rules, services
from portal.privacy.models import OPEN, CorrectionRequest
from portal.privacy.staff_forms import AnswerForm, EraseForm
from portal.roles import Role
from portal.web import get_or_404, handle

bp = Blueprint("privacy_staff", __name__, url_prefix="/privacy")


@bp.route("/corrections")
@require(Permission.HANDLE_CORRECTIONS)
def corrections():
    requests = db.session.scalars(
        select(CorrectionRequest).order_by(
            (CorrectionRequest.status == OPEN).desc(), CorrectionRequest.id.desc()
        )
    ).all()
    return render_template("privacy/staff_corrections.html", requests=requests)


@bp.route("/corrections/<int:request_id>", methods=["GET", "POST"])
@require(Permission.HANDLE_CORRECTIONS)
def correction(request_id: int):
    found = get_or_404(CorrectionRequest, request_id)
    form = AnswerForm()
    done = handle(
        form,
        lambda: services.answer_correction(
            current_user, found, form.outcome.data == "corrected", form.answer.data or "", utcnow()
        ),
        success=url_for("privacy_staff.corrections"),
        flash_message=_("The answer is recorded and the applicant has been told."),
    )
    status = 400 if form.is_submitted() else 200
    return done or (
        render_template("privacy/staff_correction.html", request=found, form=form),
        status,
    )


@bp.route("/people/<int:person_id>/erase", methods=["GET", "POST"])
@require(Permission.ERASE_PEOPLE)
def erase(person_id: int):
    person = get_or_404(User, person_id, User.role == Role.APPLICANT)
    form = EraseForm()
    done = handle(
        form,
        lambda: retention_services.erase(current_user, person, form.reason.data or "", utcnow()),
        success=lambda removed: render_template(
            "privacy/staff_erased.html", person=person, removed=removed, display=display
        ),
    )
    if done:
        return done
    if not form.is_submitted():  # a look at the person's name: the person sees it
        with unit_of_work():
            audit.record(current_user, "privacy.erase_form", "user", person.id)
    status = 400 if form.is_submitted() else 200
    return render_template("privacy/staff_erase.html", person=person, form=form), status


def _records() -> list[dict]:
    return [
        {
            "category": category.id,
            "name": str(display.TEXTS[category.id].label),
            "data": str(display.TEXTS[category.id].what),
            "purpose": str(display.TEXTS[category.id].why),
            "legal_basis": str(display.TEXTS[category.id].basis),
            "recipients": str(display.TEXTS[category.id].recipients),
            "retention": display.period(category),
            "retention_setting": category.setting,
            "retention_days": display.days(category),
            "erasable_on_request": category.erasable,
            "with_benefit": category.with_benefit or None,
            "tables": list(category.tables),
        }
        for category in rules.SCHEDULE
    ]


@bp.route("/records")
@require(Permission.VIEW_PROCESSING_RECORDS)
def records():
    return render_template("privacy/staff_records.html", records=_records())


@bp.route("/records.json")
@require(Permission.VIEW_PROCESSING_RECORDS)
def records_json():
    return jsonify(
        {"controller": current_app.config["PORTAL_MUNICIPALITY_NAME"], "records": _records()}
    )
