"""Texts: override a message of the information package, a mail, the letter or question help,
per language, with a preview, a diff against the shipped text, export and import."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import files
from portal.authz import Permission, require
from portal.beheer import text_display as display
from portal.beheer import text_services as services
from portal.beheer.forms import ConfirmForm, ImportTextsForm, TextForm
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.i18n import DEFAULT_LOCALE, LOCALES
from portal.web import handle, show_error

bp = Blueprint("beheer_text", __name__, url_prefix="/beheer/texts")


def _language() -> str:
    language = request.args.get("language", DEFAULT_LOCALE)
    if language not in LOCALES:
        abort(404)
    return language


def _document(key: str) -> services.Document:
    doc = services.document(key)
    if doc is None:
        abort(404)
    return doc


def _message(doc: services.Document, number: int) -> str:
    found = services.messages(doc)
    if not 1 <= number <= len(found):
        abort(404)
    return found[number - 1]


@bp.route("/")
@require(Permission.MANAGE_TEXTS)
def index():
    language = _language()
    changed = services.overrides_of(language)
    counts = {
        doc.key: sum(1 for m in services.messages(doc) if m in changed)
        for doc in services.DOCUMENTS
    }
    return render_template(
        "beheer/texts.html",
        documents=services.DOCUMENTS,
        counts=counts,
        language=language,
        languages=LOCALES,
        form=ImportTextsForm(),
    )


@bp.route("/<key>")
@require(Permission.MANAGE_TEXTS)
def document(key: str):
    doc, language = _document(key), _language()
    changed = services.overrides_of(language)
    rows = [
        (n, msgid, display.shipped(msgid, language), changed.get(msgid))
        for n, msgid in enumerate(services.messages(doc), start=1)
    ]
    kind, content = display.preview(doc, language)
    return render_template(
        "beheer/text_document.html",
        doc=doc,
        rows=rows,
        language=language,
        languages=LOCALES,
        kind=kind,
        content=content,
    )


@bp.route("/<key>/<int:number>", methods=["GET", "POST"])
@require(Permission.MANAGE_TEXTS)
def edit(key: str, number: int):
    doc, language = _document(key), _language()
    msgid = _message(doc, number)
    shipped = display.shipped(msgid, language)
    current = services.overrides_of(language).get(msgid)
    form = TextForm(data={"text": current.text if current else shipped})
    preview = None
    if request.method == "POST" and request.form.get("action") == "preview":
        if form.validate_on_submit():
            try:
                text = services.texts.check(msgid, form.text.data or "")
            except DomainError as error:
                show_error(form, error)
            else:
                preview = (
                    display.preview(doc, language, msgid, text),
                    services.diff(shipped, text),
                )
    else:
        done = handle(
            form,
            lambda: services.save(current_user, language, msgid, form.text.data or "", utcnow()),
            success=url_for("beheer_text.document", key=key, language=language),
            flash_message=_("The text is changed. It is used from now on."),
        )
        if done is not None:
            return done
    return render_template(
        "beheer/text_edit.html",
        doc=doc,
        number=number,
        msgid=msgid,
        shipped=shipped,
        current=current,
        form=form,
        preview=preview,
        language=language,
        languages=LOCALES,
        placeholders=sorted(services.texts.placeholders(msgid)),
        reset_form=ConfirmForm(),
    )


@bp.route("/<key>/<int:number>/reset", methods=["POST"])
@require(Permission.MANAGE_TEXTS)
def reset(key: str, number: int):
    doc, language = _document(key), _language()
    msgid = _message(doc, number)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        was = services.reset(current_user, language, msgid)
    if was:
        flash(_("The shipped text is used again."), "ok")
    return redirect(url_for("beheer_text.document", key=key, language=language))


@bp.route("/export.json")
@require(Permission.MANAGE_TEXTS)
def export():
    return Response(
        services.export(),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="portal-texts.json"'},
    )


@bp.route("/import", methods=["POST"])
@require(Permission.MANAGE_TEXTS)
def import_():
    form = ImportTextsForm()

    def bring_in() -> int:
        sent = request.files.get("file")
        data = sent.read(files.max_mb() * 1024 * 1024 + 1) if sent else b""
        if not data:
            raise DomainError(_("Choose the file with texts."), field="file")
        files.check_size(data)
        files.screen(current_user.id, data)
        return services.import_file(current_user, data, utcnow())

    return handle(
        form,
        bring_in,
        success=url_for("beheer_text.index"),
        flash_message=lambda count: _("%(count)s texts were taken over.", count=count),
    ) or (
        render_template(
            "beheer/texts.html",
            documents=services.DOCUMENTS,
            counts={},
            language=DEFAULT_LOCALE,
            languages=LOCALES,
            form=form,
        ),
        400,
    )
