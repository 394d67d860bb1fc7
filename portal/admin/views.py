"""Team lead: staff accounts (list, invite, deactivate, reactivate, invite again)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal.admin import services as queries
from portal.admin.forms import ConfirmForm, InviteForm, TeamForm
from portal.auth import mfa_services as mfa
from portal.auth import services
from portal.authz import Permission, require
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import Team, User
from portal.roles import STAFF_ROLES, Role
from portal.validation import as_id
from portal.web import get_or_404, handle, requested_page

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _load(user_id: int) -> User:
    """A staff account; applicants are outside the scope of these pages (404)."""
    return get_or_404(User, user_id, User.role.in_(STAFF_ROLES))


@bp.route("/accounts")
@require(Permission.MANAGE_ACCOUNTS)
def accounts():
    role_value = request.args.get("role", "")
    role = Role(role_value) if role_value in {r.value for r in STAFF_ROLES} else None
    page = queries.staff_accounts(role, *requested_page())
    return render_template("admin/accounts.html", page=page, role=role, roles=STAFF_ROLES)


@bp.route("/accounts/invite", methods=["GET", "POST"])
@require(Permission.MANAGE_ACCOUNTS)
def invite():
    form = InviteForm()
    form.team.choices = [SelectChoice("", _("No team"))] + [
        SelectChoice(str(t.id), t.name) for t in queries.teams()
    ]

    def invite_staff() -> User:
        assert form.name.data is not None and form.email.data is not None  # noqa: S101 -- required fields of a validated form
        return services.invite_staff(
            current_user,
            form.name.data,
            form.email.data,
            Role(form.role.data),
            utcnow(),
            str(get_locale()),
            team_id=as_id(form.team.data),
        )

    return handle(
        form,
        invite_staff,
        success=lambda user: redirect(url_for("admin.account", user_id=user.id)),
        flash_message=lambda user: _("An invitation was sent to %(email)s.", email=user.email),
    ) or render_template("admin/invite.html", form=form)


@bp.route("/teams", methods=["GET", "POST"])
@require(Permission.MANAGE_ACCOUNTS)
def teams():
    form = TeamForm()

    def add_team() -> Team:
        assert form.name.data is not None  # noqa: S101 -- a required field of a validated form
        return queries.add_team(current_user, form.name.data)

    return handle(
        form,
        add_team,
        success=url_for("admin.teams"),
        flash_message=lambda team: _("Team %(name)s has been added.", name=team.name),
    ) or render_template("admin/teams.html", form=form, teams=queries.teams())


@bp.route("/accounts/<int:user_id>")
@require(Permission.MANAGE_ACCOUNTS)
def account(user_id: int):
    user = _load(user_id)
    return render_template(
        "admin/account.html", user=user, form=ConfirmForm(), second_factor=mfa.enrolled(user)
    )


def _act(user_id: int, action, done_message: str):
    user = _load(user_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            action(user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(done_message % {"name": user.name}, "ok")
    return redirect(url_for("admin.account", user_id=user.id))


@bp.route("/accounts/<int:user_id>/deactivate", methods=["POST"])
@require(Permission.MANAGE_ACCOUNTS)
def deactivate(user_id: int):
    return _act(
        user_id,
        lambda u: services.set_active(current_user, u, False),
        _("The account of %(name)s is deactivated. They are signed out everywhere."),
    )


@bp.route("/accounts/<int:user_id>/reactivate", methods=["POST"])
@require(Permission.MANAGE_ACCOUNTS)
def reactivate(user_id: int):
    return _act(
        user_id,
        lambda u: services.set_active(current_user, u, True),
        _("The account of %(name)s can be used again."),
    )


@bp.route("/accounts/<int:user_id>/second-factor/reset", methods=["POST"])
@require(Permission.MANAGE_ACCOUNTS)
def reset_second_factor(user_id: int):
    return _act(
        user_id,
        lambda u: mfa.reset(current_user, u, utcnow()),
        _(
            "The second step of %(name)s is removed. They are signed out, and set up a new one "
            "the next time they sign in."
        ),
    )


@bp.route("/accounts/<int:user_id>/resend", methods=["POST"])
@require(Permission.MANAGE_ACCOUNTS)
def resend(user_id: int):
    return _act(
        user_id,
        lambda u: services.resend_invitation(current_user, u, utcnow(), str(get_locale())),
        _("A new invitation was sent to %(name)s."),
    )
