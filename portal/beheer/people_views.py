"""People: a staff member's role and team; applicants' accounts (deactivate, reactivate, a new
activation mail or letter) and merging two registrations of the same person."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal.admin import services as accounts
from portal.authz import Permission, require
from portal.beheer import merge_services as merging
from portal.beheer import people_services as services
from portal.beheer.forms import ConfirmForm, MergeForm, SearchForm, StaffForm
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.i18n import DEFAULT_LOCALE
from portal.people import User
from portal.roles import STAFF_ROLES, Role
from portal.validation import as_id
from portal.web import get_or_404, handle, requested_page

bp = Blueprint("beheer_people", __name__, url_prefix="/beheer/people")


def _staff(user_id: int) -> User:
    return get_or_404(User, user_id, User.role.in_(STAFF_ROLES))


def _applicant(user_id: int) -> User:
    return get_or_404(User, user_id, User.role == Role.APPLICANT)


@bp.route("/staff")
@require(Permission.MANAGE_PEOPLE)
def staff():
    page = accounts.staff_accounts(None, *requested_page())
    return render_template("beheer/staff.html", page=page)


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@require(Permission.MANAGE_PEOPLE)
def staff_member(user_id: int):
    user = _staff(user_id)
    form = StaffForm(data={"role": user.role.value, "team": str(user.team_id or "")})
    form.team.choices = [SelectChoice("", _("No team"))] + [
        SelectChoice(str(t.id), t.name) for t in accounts.teams()
    ]
    return handle(
        form,
        lambda: services.change_staff(
            current_user, user, Role(form.role.data), as_id(form.team.data), utcnow()
        ),
        success=url_for("beheer_people.staff_member", user_id=user.id),
        flash_message=lambda changed: (
            _(
                "The role of %(name)s is changed. They are signed out and sign in again with the new role.",
                name=user.name,
            )
            if "role" in changed
            else _("Saved. It takes effect at their next click.")
        ),
    ) or render_template("beheer/staff_member.html", user=user, form=form)


@bp.route("/applicants")
@require(Permission.MANAGE_PEOPLE)
def applicants():
    form = SearchForm(request.args)
    search = form.q.data if form.validate() and form.q.data else ""
    page = services.applicants(search, *requested_page())
    return render_template("beheer/applicants.html", form=form, page=page, search=search)


@bp.route("/applicants/<int:user_id>")
@require(Permission.MANAGE_PEOPLE)
def applicant(user_id: int):
    person = _applicant(user_id)
    return render_template(
        "beheer/applicant.html",
        person=person,
        form=ConfirmForm(),
        merged_into=_applicant(person.merged_into_id) if person.merged_into_id else None,
    )


def _act(user_id: int, action, done: str):
    person = _applicant(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            action(person)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(done % {"name": person.name}, "ok")
    return redirect(url_for("beheer_people.applicant", user_id=person.id))


@bp.route("/applicants/<int:user_id>/deactivate", methods=["POST"])
@require(Permission.MANAGE_PEOPLE)
def deactivate(user_id: int):
    return _act(
        user_id,
        lambda p: services.set_applicant_active(current_user, p, False, utcnow()),
        _("The account of %(name)s is closed. They are signed out everywhere."),
    )


@bp.route("/applicants/<int:user_id>/reactivate", methods=["POST"])
@require(Permission.MANAGE_PEOPLE)
def reactivate(user_id: int):
    return _act(
        user_id,
        lambda p: services.set_applicant_active(current_user, p, True, utcnow()),
        _("The account of %(name)s can be used again."),
    )


@bp.route("/applicants/<int:user_id>/activation-mail", methods=["POST"])
@require(Permission.MANAGE_PEOPLE)
def activation_mail(user_id: int):
    return _act(
        user_id,
        lambda p: services.resend_activation(current_user, p, utcnow(), str(get_locale())),
        _(
            "A new activation mail was sent to %(name)s. The link in the earlier mail no longer works."
        ),
    )


@bp.route("/applicants/<int:user_id>/letter", methods=["POST"])
@require(Permission.MANAGE_PEOPLE)
def letter(user_id: int):
    person = _applicant(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            application, code = services.new_letter(current_user, person, utcnow())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("beheer_people.applicant", user_id=person.id))
    lang = person.locale or DEFAULT_LOCALE
    with force_locale(lang):
        content = Markup(  # noqa: S704 -- a rendered template, escaped by Jinja
            render_template("searchperiod/_letter.html", application=application, code=code)
        )
    return render_template(
        "searchperiod/letter.html", application=application, letter=content, lang=lang
    )


def _other(keep: User) -> User | None:
    """The registration to merge into `keep`: ?other= an account number or email address."""
    value = (request.args.get("other") or "").strip()
    if not value:
        return None
    other_id = as_id(value)
    if other_id is not None:
        return _applicant(other_id)
    found = services.applicants(value, 1, 2).items
    if len(found) != 1 or found[0].id == keep.id:
        abort(404)
    return found[0]


@bp.route("/applicants/<int:user_id>/merge", methods=["GET", "POST"])
@require(Permission.MANAGE_PEOPLE)
def merge(user_id: int):
    keep = _applicant(user_id)
    other = _other(keep)
    form = MergeForm()
    preview = error = None
    if other is not None:
        try:
            preview = merging.preview(keep, other)
        except DomainError as refused:
            error = refused.message
    if request.method == "POST":
        if other is None or preview is None:
            abort(400)
        done = handle(
            form,
            lambda: merging.merge(current_user, keep, other, form.reason.data or "", utcnow()),
            success=url_for("beheer_people.applicant", user_id=keep.id),
            flash_message=_("The registrations are merged. Everything is now in this account."),
        )
        if done is not None:
            return done
    return render_template(
        "beheer/merge.html",
        keep=keep,
        other=other,
        preview=preview,
        error=error,
        form=form,
        label=merging.label,
    ), (400 if form.errors else 200)
