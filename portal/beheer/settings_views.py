"""Settings that are policy: norms, reminder days, the routing scheme and retention periods,
with their history (who, when, old → new)."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.authz import Permission, require
from portal.beheer import settings_services as services
from portal.beheer.forms import settings_form
from portal.db import utcnow
from portal.web import handle, show_error

bp = Blueprint("beheer_settings", __name__, url_prefix="/beheer/settings")


@bp.route("/", methods=["GET", "POST"])
@require(Permission.MANAGE_SETTINGS)
def index():
    specs = (*services.POLICY, *services.RETENTION)
    form = settings_form(
        specs,
        services.schemes(),
        {spec.field: str(services.current(spec.key)) for spec in specs},
    )

    def values() -> dict[str, str]:
        return {spec.key: form[spec.field].data or "" for spec in specs}

    done = None
    if (
        request.method == "POST"
        and form.validate_on_submit()
        and (found := services.problems(values()))
    ):
        for error in found:
            show_error(form, error)
    else:
        done = handle(
            form,
            lambda: services.save(current_user, values(), utcnow()),
            success=url_for("beheer_settings.index"),
            flash_message=lambda changed: (
                _("The settings are saved. They hold from the next page on.")
                if changed
                else _("Nothing was changed.")
            ),
        )
    if done is not None:
        return done
    return render_template(
        "beheer/settings.html",
        form=form,
        policy_fields=[spec.field for spec in services.POLICY],
        retention_fields=[spec.field for spec in services.RETENTION],
        history=(history := services.history()),
        who=services.names(history),
        labels={spec.key: spec.label for spec in specs},
        field_of={spec.key: spec.field for spec in specs},
    ), 400 if request.method == "POST" else 200
