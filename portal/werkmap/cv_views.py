"""The applicant's CV (details, items, an uploaded file, preview, PDF) and work profile."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import acting, files
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.files import StoredFile
from portal.web import get_or_404, handle
from portal.werkmap import cv_services as services
from portal.werkmap import pdf_display as pdf
from portal.werkmap.cv_display import cv_document
from portal.werkmap.cv_forms import (
    CEFR_LABELS,
    ITEM_FORMS,
    LEVEL_LABELS,
    PART_LABELS,
    SECTION_TITLES,
    PersonalForm,
    ProfileForm,
    UploadForm,
)
from portal.werkmap.cv_models import SECTIONS, Cv, CvItem

bp = Blueprint("werkmap_cv", __name__, url_prefix="/werkmap")
LABELS = {
    "sections": SECTION_TITLES,
    "levels": LEVEL_LABELS,
    "cefr": CEFR_LABELS,
    "parts": PART_LABELS,
}


def parts_text(parts: list[str]) -> str:
    """ "work experience, languages": what is missing, in words."""
    return ", ".join(str(PART_LABELS[part]) for part in parts)


def cv_context(owner_id: int) -> dict:
    """What the CV pages show, for the owner and for staff."""
    cv = services.cv_of(owner_id)
    profile = services.profile_of(owner_id)
    missing = services.missing(cv)
    return {
        "cv": cv,
        "document": cv_document(cv, profile, LABELS) if cv is not None else None,
        "profile": profile,
        "missing": missing,
        "missing_text": parts_text(missing),
        "startkwalificatie": services.has_startkwalificatie(cv),
        "sections": SECTIONS,
        "helped": acting.helped_with(owner_id, "cv"),
        "labels": LABELS,
    }


def pdf_response(cv, profile) -> Response:
    body = pdf.cv_pdf(cv_document(cv, profile, LABELS))
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": "attachment; filename=cv.pdf"},
    )


@bp.route("/cv/")
@require(Permission.OWN_WERKMAP, assisted=True)
def index():
    acting.audit_read("cv")
    return render_template("werkmap/cv.html", **cv_context(acting.required_subject().id))


@bp.route("/cv/preview")
@require(Permission.OWN_WERKMAP, assisted=True)
def preview():
    context = cv_context(acting.required_subject().id)
    if context["cv"] is None:
        return redirect(url_for("werkmap_cv.index"))
    acting.audit_read("cv_preview")
    return render_template("werkmap/cv_preview.html", **context)


@bp.route("/cv/cv.pdf")
@require(Permission.OWN_WERKMAP)
def download_pdf():
    cv = services.cv_of(acting.required_subject().id)
    if cv is None:
        abort(404)
    return pdf_response(cv, services.profile_of(acting.required_subject().id))


@bp.route("/cv/details", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def details():
    cv = services.cv_of(acting.required_subject().id)
    form = PersonalForm(
        obj=cv,
        data=None
        if cv
        else {
            "full_name": acting.required_subject().name,
            "email": acting.required_subject().email or "",
        },
    )
    if not form.is_submitted() and cv is not None:
        form.driving_licences.data = cv.licences

    def save() -> None:
        now = utcnow()
        services.save_personal(
            services.cv_for(acting.required_subject(), now), _personal(form), now
        )
        acting.note("cv", "details")

    return handle(
        form, save, success=url_for("werkmap_cv.index"), flash_message=_("Saved.")
    ) or render_template("werkmap/cv_details.html", form=form)


def _personal(form) -> services.Personal:
    fields: dict[str, Any] = {
        name: form[name].data or default
        for name, default in (
            ("full_name", ""),
            ("email", ""),
            ("phone", ""),
            ("city", ""),
            ("born_on", None),
            ("profile_text", ""),
            ("driving_licences", ()),
            ("no_experience", False),
        )
    }
    return services.Personal(**fields)


def _item_data(form) -> services.Item:
    fields: dict[str, Any] = {
        name: (form[name].data if name in form else None) or default
        for name, default in (
            ("title", ""),
            ("organisation", ""),
            ("place", ""),
            ("started", None),
            ("ended", None),
            ("level", ""),
            ("diploma", False),
            ("detail", ""),
        )
    }
    return services.Item(**fields)


@bp.route("/cv/<section>/new", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def new_item(section: str):
    if section not in ITEM_FORMS:
        abort(404)
    form = ITEM_FORMS[section]()

    def save() -> None:
        now = utcnow()
        services.add_item(
            services.cv_for(acting.required_subject(), now), section, _item_data(form), now
        )
        acting.note("cv", section)

    return handle(
        form, save, success=url_for("werkmap_cv.index"), flash_message=_("Saved: it is in your CV.")
    ) or render_template(
        "werkmap/cv_item.html", form=form, section=section, item=None, labels=LABELS
    )


@bp.route("/cv/items/<int:item_id>", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def edit_item(item_id: int):
    item = get_or_404(CvItem, item_id, CvItem.cv.has(Cv.owner_id == acting.required_subject().id))
    form = ITEM_FORMS[item.section](obj=item)

    def save() -> None:
        services.change_item(item, _item_data(form), utcnow())
        acting.note("cv", item.section)

    return handle(
        form, save, success=url_for("werkmap_cv.index"), flash_message=_("Saved: it is in your CV.")
    ) or render_template(
        "werkmap/cv_item.html", form=form, section=item.section, item=item, labels=LABELS
    )


@bp.route("/cv/items/<int:item_id>/delete", methods=["POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def delete_item(item_id: int):
    item = get_or_404(CvItem, item_id, CvItem.cv.has(Cv.owner_id == acting.required_subject().id))
    with unit_of_work():
        services.remove_item(item, utcnow())
        acting.note("cv", item.section)
    flash(_("Removed from your CV."), "ok")
    return redirect(url_for("werkmap_cv.index"))


@bp.route("/cv/upload", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def upload():
    form = UploadForm()

    def save() -> None:
        sent, now = request.files.get("file"), utcnow()
        services.upload(
            services.cv_for(acting.required_subject(), now),
            (sent.filename or "") if sent else "",
            sent.read() if sent else b"",
            now,
        )
        acting.note("cv", "file")

    return handle(
        form,
        save,
        success=url_for("werkmap_cv.index"),
        flash_message=_("Saved: your CV is uploaded."),
    ) or render_template(
        "werkmap/cv_upload.html", form=form, cv=services.cv_of(acting.required_subject().id)
    )


@bp.route("/cv/file")
@require(Permission.OWN_WERKMAP)
def uploaded_file():
    owner_id = acting.required_subject().id
    cv = services.cv_of(owner_id)
    stored = get_or_404(
        StoredFile, cv.uploaded_file_id if cv else None, StoredFile.owner_id == owner_id
    )
    return files.download(stored, _("cv"))


@bp.route("/profile", methods=["GET", "POST"])
@require(Permission.OWN_WERKMAP, assisted=True)
def profile():
    form = ProfileForm(obj=services.profile_of(acting.required_subject().id))

    def save() -> None:
        services.save_profile(acting.required_subject().id, _profile(form), utcnow())
        acting.note("cv", "profile")

    done = handle(
        form,
        save,
        success=url_for("werkmap_cv.index"),
        flash_message=_("Saved: your work profile."),
    )
    if done:
        return done
    missing = services.profile_missing(services.profile_of(acting.required_subject().id))
    return render_template(
        "werkmap/profile.html", form=form, missing=missing, missing_text=parts_text(missing)
    )


def _profile(form) -> services.Profile:
    texts: dict[str, Any] = {
        name: form[name].data or "" for name in ("jobs", "sectors", "region", "limits")
    }
    return services.Profile(
        **{
            name: form[name].data
            for name in ("hours_per_week", "max_travel_minutes", "available_from", "share_limits")
        },
        **texts,
    )
