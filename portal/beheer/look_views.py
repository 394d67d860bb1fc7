"""Look: the municipality's name, address and phone number, the theme colours with a preview
(a submit button that shows a sample without saving; live in the browser with JavaScript) and
the logo."""

from __future__ import annotations

import contextlib

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import look, theme
from portal.authz import Permission, require
from portal.beheer import look_services as services
from portal.beheer import settings_services
from portal.beheer.forms import ConfirmForm, LogoForm, LookForm
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.web import handle, show_error

bp = Blueprint("beheer_look", __name__, url_prefix="/beheer/look")


def _values(form: LookForm) -> dict[str, str]:
    return {
        key: form[look.field(key)].data or ""
        for key in (look.NAME, look.ADDRESS, look.PHONE, *look.COLOURS)
    }


def _current() -> dict[str, str]:
    found = look.municipality()
    values = {look.NAME: found.name, look.ADDRESS: found.address, look.PHONE: found.phone}
    values.update(look.colours())
    return {look.field(key): value for key, value in values.items()}


def _page(form: LookForm, logo_form: LogoForm | None = None, preview=None, status: int = 200):
    shown = preview or look.colours()
    return render_template(
        "beheer/look.html",
        form=form,
        logo_form=logo_form or LogoForm(),
        reset_form=ConfirmForm(),
        preview=preview,
        contrasts={
            look.field(key): theme.contrast(shown[key], theme.AGAINST[key]) for key in look.COLOURS
        },
        preview_css=url_for(
            "beheer_look.preview_css", **{look.field(k): v for k, v in preview.items()}
        )
        if preview
        else None,
        logo_uploaded=look.logo_digest() is not None,
        history=(history := services.history()),
        who=settings_services.names(history),
    ), status


@bp.route("/", methods=["GET", "POST"])
@require(Permission.MANAGE_LOOK)
def index():
    form = LookForm(data=_current())
    if request.method == "POST" and request.form.get("action") == "preview":
        if form.validate_on_submit():
            try:
                checked = services.check(_values(form))
            except DomainError as error:
                show_error(form, error)
            else:
                return _page(form, preview={key: checked[key] for key in look.COLOURS})
        return _page(form, status=400)
    done = handle(
        form,
        lambda: services.save(current_user, _values(form), utcnow()),
        success=url_for("beheer_look.index"),
        flash_message=lambda changed: (
            _("The look is saved. Everyone sees it from their next page.")
            if changed
            else _("Nothing was changed.")
        ),
    )
    if done is not None:
        return done
    return _page(form, status=400 if request.method == "POST" else 200)


@bp.route("/logo", methods=["POST"])
@require(Permission.MANAGE_LOOK)
def logo():
    form = LogoForm()

    def upload() -> str:
        sent = request.files.get("file")
        if sent is None:
            data = b""
        else:
            with sent.stream:  # a large upload lies in a temporary file: closed at once
                data = sent.read(look.LOGO_MAX_BYTES + 1)
        return services.upload_logo(current_user, data, utcnow())

    return handle(
        form,
        upload,
        success=url_for("beheer_look.index"),
        flash_message=_("The new logo is used from now on."),
    ) or _page(LookForm(data=_current()), logo_form=form, status=400)


@bp.route("/logo/reset", methods=["POST"])
@require(Permission.MANAGE_LOOK)
def reset_logo():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        was = services.reset_logo(current_user, utcnow())
    if was:
        flash(_("The standard logo is used again."), "ok")
    return redirect(url_for("beheer_look.index"))


@bp.route("/preview.css")
@require(Permission.MANAGE_LOOK)
def preview_css():
    """The sample's colours: those asked for when they pass the checks, else those in use."""
    chosen = look.colours()
    for key in look.COLOURS:
        with contextlib.suppress(DomainError):
            chosen[key] = look.check_colour(key, request.args.get(look.field(key), ""))
    response = Response(theme.theme_css(chosen, ".portal-look-sample"), mimetype="text/css")
    response.cache_control.private = True
    return response
