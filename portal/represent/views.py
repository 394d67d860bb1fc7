"""The representative's side: the people they act for, switching between them, adding one with
the person's code, and the person's letters (also the person's own page)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import acting, audit, mandates
from portal.authz import MANDATE_MAIL_TOPICS, MANDATE_PERMISSIONS, Permission, require
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import User
from portal.represent import services
from portal.represent.forms import CodeForm
from portal.validation import Form
from portal.web import get_or_404, show_error

bp = Blueprint("represent", __name__)

# What a representative can open for the person, by the permission their kind needs.
AREAS = [
    (
        Permission.OWN_SEARCH_PERIOD,
        "searchperiod_checklist.index",
        _l("First four weeks: the checklist"),
    ),
    (Permission.OWN_LETTERS, "represent.letters", _l("Letters and mails")),
    (Permission.ANSWER_QUESTIONNAIRES, "intake.index", _l("Questions about the person and work")),
    (Permission.OWN_MESSAGES, "messages.inbox", _l("Messages with the e-coach")),
    (Permission.OWN_WERKMAP, "werkmap.log", _l("Job-search log")),
]


def _people_page(form: CodeForm, status: int = 200):
    return render_template(
        "represent/people.html",
        mandates=mandates.of_representative(current_user.id, utcnow()),
        chosen=acting.representation(),
        form=form,
    ), status


@bp.route("/represent/", methods=["GET", "POST"])
@require(Permission.REPRESENT_PEOPLE)
def people():
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        assert form.code.data is not None  # noqa: S101 -- a required field of a validated form
        try:
            with unit_of_work():
                mandate = services.redeem(current_user, form.code.data, now)
        except DomainError as error:
            with unit_of_work():
                services.wrong_code(current_user, now)
            show_error(form, error)
            return _people_page(form, status=400)
        session[acting.REPRESENTING] = mandate.id
        return redirect(url_for("represent.person"))
    return _people_page(form, status=400 if form.errors else 200)


@bp.route("/represent/<int:mandate_id>/choose", methods=["POST"])
@require(Permission.REPRESENT_PEOPLE)
def choose(mandate_id: int):
    """Switch to another person on the list; someone not on it is a 404."""
    mandate = get_or_404(
        mandates.Mandate,
        mandate_id,
        mandates.Mandate.representative_id == current_user.id,
        mandates.in_force(utcnow()),
    )
    if not Form().validate_on_submit():
        return redirect(url_for("represent.people"))
    session[acting.REPRESENTING] = mandate.id
    with unit_of_work():
        audit.record(current_user, "representation.switch", "user", mandate.person_id)
    return redirect(url_for("represent.person"))


@bp.route("/represent/person")
@require(Permission.REPRESENT_PEOPLE)
def person():
    mandate = acting.representation()
    if mandate is None:
        session.pop(acting.REPRESENTING, None)
        return redirect(url_for("represent.people"))
    allowed = MANDATE_PERMISSIONS.get(mandate.kind, frozenset())
    return render_template(
        "represent/person.html",
        mandate=mandate,
        person=acting.required_subject(),
        areas=[(endpoint, label) for permission, endpoint, label in AREAS if permission in allowed],
    )


@bp.route("/letters/")
@require(Permission.OWN_LETTERS, represented=True)
def letters():
    person = acting.required_subject()
    mandate = acting.representation()
    topics = MANDATE_MAIL_TOPICS.get(mandate.kind, frozenset()) if mandate else None
    acting.audit_read("letters")
    return render_template(
        "represent/letters.html",
        person=person,
        items=services.letters(person.id, topics),
        days=current_app.config["PORTAL_MAIL_KEEP_DAYS"],
    )


@bp.app_context_processor
def _representing():
    """Every page of a representative shows for whom they act, and the way to switch."""
    mandate = acting.representation()
    if mandate is None:
        return {"representing": None}
    return {
        "representing": {
            "person": db.session.get(User, mandate.person_id),
            "kind": mandate.kind_label,
        }
    }
