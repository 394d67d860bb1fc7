"""The person's side: who acts for me (court decisions and people I authorised), what they did,
a code to authorise someone, and ending an authorisation."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import mandates
from portal.authz import PERSON_MAY_END, Permission, require
from portal.db import unit_of_work, utcnow
from portal.represent import services
from portal.represent.display import ACTION_LABELS
from portal.represent.forms import InviteForm
from portal.validation import Form
from portal.web import get_or_404, handle

bp = Blueprint("represent_person", __name__, url_prefix="/my-representatives")


def _page(form: InviteForm, code: str | None = None, status: int = 200):
    return render_template(
        "represent/mine.html",
        mandates=mandates.of_person(current_user.id),
        form=form,
        code=code,
        now=utcnow(),
        may_end=PERSON_MAY_END,
        action_labels=ACTION_LABELS,
        days=services.CODE_VALID.days,
    ), status


@bp.route("/", methods=["GET", "POST"])
@require(Permission.OWN_REPRESENTATIVES)
def index():
    form = InviteForm()

    def authorise() -> str:
        assert form.name.data is not None and form.email.data is not None  # noqa: S101 -- required fields of a validated form
        _mandate, code = services.invite(
            current_user, form.name.data, form.email.data, int(form.months.data or 12), utcnow()
        )
        return code

    done = handle(
        form,
        authorise,
        success=lambda code: _page(InviteForm(formdata=None), code=code),
        repeated=lambda _result: redirect(url_for("represent_person.index")),
    )
    if done:
        return done
    return _page(form, status=400 if form.errors else 200)


@bp.route("/<int:mandate_id>/end", methods=["POST"])
@require(Permission.OWN_REPRESENTATIVES)
def end(mandate_id: int):
    mandate = get_or_404(
        mandates.Mandate,
        mandate_id,
        mandates.Mandate.person_id == current_user.id,
        mandates.Mandate.kind.in_(PERSON_MAY_END),
    )
    if not Form().validate_on_submit():
        abort(400)
    with unit_of_work():
        services.end(current_user, mandate, utcnow())
    flash(_("It has stopped. This person cannot do anything for you any more."), "ok")
    return redirect(url_for("represent_person.index"))
