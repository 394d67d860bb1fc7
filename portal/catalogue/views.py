"""The team lead keeps the catalogue of services."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2
from wtforms.validators import DataRequired, Length

from portal.authz import Permission, require
from portal.catalogue import services
from portal.catalogue.models import Service
from portal.validation import Form
from portal.web import get_or_404, handle

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")
KIND_LABELS = {
    "workshop": _l("Workshop"),
    "coaching": _l("Coaching"),
    "training": _l("Training"),
    "language": _l("Language support"),
    "self_employment": _l("Starting a business"),
    "other": _l("Something else"),
}


class ServiceForm(Form):
    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter the name.")), Length(max=200)]
    )
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()])
    description = TextAreaField(_l("Description"), validators=[Length(max=4000)])
    target_group = StringField(_l("For whom"), validators=[Length(max=300)])
    provider = StringField(_l("Provider"), validators=[Length(max=200)])
    active = BooleanField(_l("Coaches can refer people to it"), default=True)


@bp.route("/", methods=["GET", "POST"])
@require(Permission.MANAGE_CATALOGUE)
def index():
    return _page(None)


@bp.route("/<int:service_id>", methods=["GET", "POST"])
@require(Permission.MANAGE_CATALOGUE)
def edit(service_id: int):
    return _page(get_or_404(Service, service_id))


def _page(service: Service | None):
    form = ServiceForm(obj=service)

    def save() -> Service:
        assert form.name.data is not None  # noqa: S101 -- a required field of a validated form
        return services.save(
            service,
            form.name.data,
            form.kind.data,
            form.description.data or "",
            form.target_group.data or "",
            form.provider.data or "",
            form.active.data,
        )

    return handle(
        form,
        save,
        success=url_for("catalogue.index"),
        flash_message=lambda saved: _("Saved: %(name)s.", name=saved.name),
    ) or render_template(
        "catalogue/index.html",
        form=form,
        service=service,
        items=services.services(),
        kinds=KIND_LABELS,
    )
