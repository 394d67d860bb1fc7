"""The e-coach's caseload and a person's file (notes, review, referrals); stand-ins."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal import audit, scope
from portal.authz import Permission, require
from portal.catalogue import services as catalogue
from portal.clock import today
from portal.coaching import review_services as reviews
from portal.coaching import rules, services
from portal.coaching.forms import (
    END_LABELS,
    OUTCOME_LABELS,
    REASON_LABELS,
    NoteForm,
    ReferralForm,
    ReviewForm,
    StandInForm,
)
from portal.coaching.timeline_services import file_context
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import User
from portal.roles import Role
from portal.web import show_error

bp = Blueprint("coaching", __name__, url_prefix="/coach")
FILTERS = ("attention", "all", *rules.REASONS)


@bp.route("/")
@require(Permission.OWN_CASELOAD)
def caseload():
    on = today(utcnow())
    show = request.args.get("show", "attention")
    show = show if show in FILTERS else "attention"
    search = request.args.get("q", "")[:100]
    per_page = current_app.config["PAGE_SIZE"]
    page = max(1, request.args.get("page", 1, type=int))
    found = services.caseload(current_user, on, show, search, page, per_page)
    return render_template(
        "coaching/caseload.html",
        rows=found.rows,
        total=found.total,
        shown=found.shown,
        attention=found.attention,
        show=show,
        search=search,
        page=page,
        pages=max(1, -(-found.shown // per_page)),
        filters=FILTERS,
        reasons=REASON_LABELS,
        own_id=current_user.id,
        names=_coach_names({row.coach_id for row in found.rows} - {current_user.id}),
    )


def _coach_names(ids: set[int]) -> dict[int, str]:
    return (
        dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
        if ids
        else {}
    )


def _person(person_id: int) -> User:
    person = scope.person_for(current_user, person_id)
    if person is None:
        abort(404)
    return person


@bp.route("/people/<int:person_id>")
@require(Permission.READ_WERKMAPS)
def person_file(person_id: int):
    person = _person(person_id)
    with unit_of_work():
        audit.record(current_user, "file.open", "user", person.id)
    return _file_page(person, NoteForm(), ReviewForm(), ReferralForm())


def _file_page(person, note_form, review_form, referral_form, status=200):
    offered = catalogue.services(active_only=True)
    choices = [SelectChoice("", _("Choose"))] + [SelectChoice(str(s.id), s.name) for s in offered]
    review_form.service.choices = referral_form.service.choices = choices
    if not referral_form.is_submitted():
        referral_form.referred_on.data = today(utcnow())
    return render_template(
        "coaching/file.html",
        person=person,
        note_form=note_form,
        review_form=review_form,
        referral_form=referral_form,
        outcomes=OUTCOME_LABELS,
        ends=END_LABELS,
        **file_context(person, today(utcnow())),
    ), status


@bp.route("/people/<int:person_id>/notes", methods=["POST"])
@require(Permission.WRITE_STAFF_NOTES)
def add_note(person_id: int):
    person = _person(person_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _file_page(person, form, ReviewForm(), ReferralForm(), status=400)
    assert form.text.data is not None  # noqa: S101 -- a required field of a validated form
    with unit_of_work():
        services.add_note(current_user, person, form.text.data, utcnow())
    flash(_("The note is saved."), "ok")
    return redirect(url_for("coaching.person_file", person_id=person.id))


@bp.route("/people/<int:person_id>/review", methods=["POST"])
@require(Permission.OWN_CASELOAD)
def record_review(person_id: int):
    person = _person(person_id)
    form = ReviewForm()
    form.service.choices = [SelectChoice(str(s.id), s.name) for s in catalogue.services()]
    if form.validate_on_submit():
        now = utcnow()
        service_id = int(form.service.data) if (form.service.data or "").isdigit() else None
        try:
            with unit_of_work():
                reviews.record(
                    person,
                    current_user,
                    form.outcome.data,
                    service_id,
                    form.end_status.data or None,
                    form.reason.data or "",
                    today(now),
                    now,
                )
        except DomainError as error:
            show_error(form, error)
        else:
            flash(
                _("The review is saved: %(outcome)s.", outcome=OUTCOME_LABELS[form.outcome.data]),
                "ok",
            )
            return redirect(url_for("coaching.caseload"))
    return _file_page(person, NoteForm(), form, ReferralForm(), status=400)


@bp.route("/people/<int:person_id>/referrals", methods=["POST"])
@require(Permission.OWN_CASELOAD)
def refer(person_id: int):
    person = _person(person_id)
    form = ReferralForm()
    if form.validate_on_submit():
        service_id = int(form.service.data) if form.service.data.isdigit() else None
        assert form.referred_on.data is not None  # noqa: S101 -- a required field of a validated form
        try:
            with unit_of_work():
                catalogue.refer(
                    person.id, service_id, current_user, form.referred_on.data, utcnow()
                )
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("The referral is saved."), "ok")
            return redirect(url_for("coaching.person_file", person_id=person.id))
    return _file_page(person, NoteForm(), ReviewForm(), form, status=400)


@bp.route("/people/<int:person_id>/referrals/<int:referral_id>", methods=["POST"])
@require(Permission.OWN_CASELOAD)
def referral_result(person_id: int, referral_id: int):
    person = _person(person_id)
    referral = catalogue.referral_of(person.id, referral_id)
    if referral is None:
        abort(404)
    try:
        with unit_of_work():
            catalogue.record_result(referral, request.form.get("result", ""), today(utcnow()))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("coaching.person_file", person_id=person.id))


@bp.route("/stand-in", methods=["GET", "POST"])
@require(Permission.OWN_CASELOAD)
def stand_in():
    form = StandInForm()
    form.colleague.choices = [SelectChoice("", _("Choose"))] + [
        SelectChoice(str(u.id), u.name)
        for u in db.session.scalars(
            select(User)
            .where(User.role == Role.ECOACH, User.active.is_(True), User.id != current_user.id)
            .order_by(User.name)
        )
    ]
    if form.validate_on_submit():
        now = utcnow()
        assert form.until.data is not None  # noqa: S101 -- a required field of a validated form
        try:
            with unit_of_work():
                services.stand_in(
                    current_user,
                    int(form.colleague.data) if form.colleague.data.isdigit() else -1,
                    form.until.data,
                    form.reason.data or "",
                    today(now),
                    now,
                )
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Saved. Until then you also see this colleague's people."), "ok")
            return redirect(url_for("coaching.caseload", show="all"))
    return render_template("coaching/stand_in.html", form=form)


@bp.route("/handovers")
@require(Permission.CONFIRM_ROUTING)
def handovers():
    """Zelfdoeners moved to Klantondersteuning at their review, for the consultant's team."""
    rows = services.handovers_for(current_user)
    return render_template("coaching/handovers.html", rows=rows)
