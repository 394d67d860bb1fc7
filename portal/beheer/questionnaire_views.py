"""Questionnaires: upload a new version or change a copy, see the checks and the re-scoring of
stored answers, publish it for new responses."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

import questionnaires
from portal import files
from portal.authz import Permission, require
from portal.beheer.forms import ConfirmForm, DefinitionForm
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.intake import oversight_services as oversight
from portal.intake import version_services as versions
from portal.people import User
from portal.web import handle

bp = Blueprint("beheer_questionnaire", __name__, url_prefix="/beheer/questionnaires")
VERSION_LINE = re.compile(r"^version\s*=\s*\d+\s*$", re.MULTILINE)


def _ids() -> list[str]:
    return sorted({q for q, _v in questionnaires.available()})


def _known(questionnaire_id: str, version: int | None = None) -> None:
    if questionnaire_id not in _ids():
        abort(404)
    if version is not None and version not in versions.versions(questionnaire_id):
        abort(404)


@bp.route("/")
@require(Permission.MANAGE_QUESTIONNAIRES)
def index():
    rows = [
        {
            "id": qid,
            "title": versions.load(qid, versions.current_version(qid) or 1).title,
            "current": versions.current_version(qid),
            "versions": versions.versions(qid),
            "uploaded": {
                v for v in versions.versions(qid) if v not in versions.shipped_versions(qid)
            },
            "history": versions.history(qid),
        }
        for qid in _ids()
    ]
    publishers = {p.published_by_id for qid in _ids() for p in versions.history(qid)}
    rows_of_names = db.session.execute(select(User.id, User.name).where(User.id.in_(publishers)))
    names = dict(rows_of_names.all())
    return render_template("beheer/questionnaires.html", rows=rows, names=names)


@bp.route("/<questionnaire_id>/new", methods=["GET", "POST"])
@require(Permission.MANAGE_QUESTIONNAIRES)
def new(questionnaire_id: str):
    _known(questionnaire_id)
    form = DefinitionForm()
    if request.method == "GET":
        current = versions.current_version(questionnaire_id) or 1
        following = max(versions.versions(questionnaire_id)) + 1
        form.source.data = VERSION_LINE.sub(
            f"version = {following}", versions.source_of(questionnaire_id, current), count=1
        )

    def upload():
        sent = request.files.get("file")
        data = sent.read(versions.MAX_SOURCE_BYTES + 1) if sent and sent.filename else b""
        if data:
            files.screen(current_user.id, data)
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError:
                raise DomainError(_("The file is not a text file (UTF-8)."), field="file") from None
        else:
            source = (form.source.data or "").replace("\r\n", "\n")
        if not source.strip():
            raise DomainError(_("Choose a file, or write the definition."), field="file")
        try:
            return versions.upload(current_user, source, utcnow())
        except DomainError as error:
            raise DomainError(error.message, field="file" if data else "source") from None

    return handle(
        form,
        upload,
        success=lambda row: redirect(
            url_for(
                "beheer_questionnaire.version",
                questionnaire_id=row.questionnaire_id,
                version=row.version,
            )
        ),
        flash_message=lambda row: _(
            "Version %(version)s is checked and saved. It is not in use yet.", version=row.version
        ),
    ) or render_template(
        "beheer/questionnaire_new.html",
        form=form,
        questionnaire_id=questionnaire_id,
        definition=versions.load(questionnaire_id, versions.current_version(questionnaire_id) or 1),
    )


@bp.route("/<questionnaire_id>/<int:version>")
@require(Permission.MANAGE_QUESTIONNAIRES)
def version(questionnaire_id: str, version: int):
    _known(questionnaire_id, version)
    definition = versions.load(questionnaire_id, version)
    current_number = versions.current_version(questionnaire_id)
    report = current = None
    if current_number is not None and current_number != version:
        current = versions.load(questionnaire_id, current_number)
        with unit_of_work():
            report = oversight.compare_for(current_user, current, definition)
    return render_template(
        "beheer/questionnaire_version.html",
        definition=definition,
        current=current,
        current_number=current_number,
        report=report,
        other=definition,
        form=ConfirmForm(),
    )


@bp.route("/<questionnaire_id>/<int:version>/publish", methods=["POST"])
@require(Permission.MANAGE_QUESTIONNAIRES)
def publish(questionnaire_id: str, version: int):
    _known(questionnaire_id, version)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            versions.publish(current_user, questionnaire_id, version, utcnow())
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(
            _(
                "Version %(version)s is now used for new answers. Earlier answers keep their version.",
                version=version,
            ),
            "ok",
        )
    return redirect(url_for("beheer_questionnaire.index"))
