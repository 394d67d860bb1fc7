"""The e-coach's caseload and a person's file (notes, review, referrals); stand-ins."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal import audit, i18n, scope
from portal.authz import Permission, require
from portal.catalogue import services as catalogue
from portal.catalogue.models import Referral
from portal.clock import today
from portal.coaching import caseload_display, rules, services
from portal.coaching import review_services as reviews
from portal.coaching import standin_services as standins
from portal.coaching.forms import (
    END_LABELS,
    OUTCOME_LABELS,
    REASON_LABELS,
    NoteForm,
    ReferralForm,
    ReviewForm,
    StandInForm,
    coach_choices,
)
from portal.coaching.timeline_services import file_context
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.people import User
from portal.validation import as_id
from portal.web import get_or_404, handle, requested_page

bp = Blueprint("coaching", __name__, url_prefix="/coach")
FILTERS = ("attention", "all", *rules.REASONS)


@bp.route("/")
@require(Permission.OWN_CASELOAD)
def caseload():
    on = today(utcnow())
    show = request.args.get("show", "attention")
    show = show if show in FILTERS else "attention"
    search = request.args.get("q", "")[:100]
    found = services.caseload(current_user, on, show, search, *requested_page())
    reasons = i18n.Labels(REASON_LABELS)
    names = _coach_names({row.coach_id for row in found.rows.items} - {current_user.id})
    return render_template(
        "coaching/caseload.html",
        rows=caseload_display.rows(found.rows.items, current_user.id, names, reasons),
        page=found.rows.page,
        pages=found.rows.pages,
        total=found.total,
        shown=found.rows.total,
        attention=found.attention,
        show=show,
        search=search,
        filters=FILTERS,
        reasons=reasons,
        standing_in_for_me=standins.standing_in_for(current_user, on),
        menu_unread=found.unread,  # counted with the caseload: the menu asks no query of its own
    )


def _coach_names(ids: set[int]) -> dict[int, str]:
    return (
        dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
        if ids
        else {}
    )


@bp.route("/people/<int:person_id>")
@require(Permission.READ_WERKMAPS)
def person_file(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    return _file_page(person, NoteForm(), ReviewForm(), ReferralForm(), opened=True)


def _file_page(person, note_form, review_form, referral_form, status=200, opened=False):
    # Opening the file and reading the questionnaire's advice are audited: one transaction
    # (one turn of the audit chain, one commit).
    with unit_of_work():
        if opened:
            audit.record(current_user, "file.open", "user", person.id)
        context = file_context(current_user, person, today(utcnow()))
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
        **context,
    ), status


@bp.route("/people/<int:person_id>/notes", methods=["POST"])
@require(Permission.WRITE_STAFF_NOTES)
def add_note(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    form = NoteForm()

    def add_note() -> None:
        assert form.text.data is not None  # noqa: S101 -- a required field of a validated form
        services.add_note(current_user, person, form.text.data, utcnow())

    return handle(
        form,
        add_note,
        success=url_for("coaching.person_file", person_id=person.id),
        flash_message=_("The note is saved."),
    ) or _file_page(person, form, ReviewForm(), ReferralForm(), status=400)


@bp.route("/people/<int:person_id>/review", methods=["POST"])
@require(Permission.OWN_CASELOAD)
def record_review(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    form = ReviewForm()
    form.service.choices = [SelectChoice(str(s.id), s.name) for s in catalogue.services()]

    def record():
        now = utcnow()
        return reviews.record(
            person,
            current_user,
            form.outcome.data,
            as_id(form.service.data),
            form.end_status.data or None,
            form.reason.data or "",
            today(now),
            now,
        )

    return handle(
        form,
        record,
        success=url_for("coaching.caseload"),
        flash_message=lambda review: _(
            "The review is saved: %(outcome)s.", outcome=OUTCOME_LABELS[review.outcome]
        ),
    ) or _file_page(person, NoteForm(), form, ReferralForm(), status=400)


@bp.route("/people/<int:person_id>/referrals", methods=["POST"])
@require(Permission.OWN_CASELOAD)
def refer(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    form = ReferralForm()

    def refer() -> None:
        assert form.referred_on.data is not None  # noqa: S101 -- a required field of a validated form
        catalogue.refer(
            person.id,
            as_id(form.service.data),
            current_user,
            form.referred_on.data,
            utcnow(),
        )

    return handle(
        form,
        refer,
        success=url_for("coaching.person_file", person_id=person.id),
        flash_message=_("The referral is saved."),
    ) or _file_page(person, NoteForm(), ReviewForm(), form, status=400)


@bp.route("/people/<int:person_id>/referrals/<int:referral_id>", methods=["POST"])
@require(Permission.OWN_CASELOAD)
def referral_result(person_id: int, referral_id: int):
    person = scope.person_or_404(current_user, person_id)
    referral = get_or_404(Referral, referral_id, Referral.person_id == person.id)
    try:
        with unit_of_work():
            catalogue.record_result(
                current_user, referral, request.form.get("result", ""), today(utcnow())
            )
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("coaching.person_file", person_id=person.id))


@bp.route("/stand-in", methods=["GET", "POST"])
@require(Permission.OWN_CASELOAD)
def stand_in():
    """Ask the team lead to stand in for a colleague; see what became of earlier requests."""
    form = StandInForm()
    form.colleague.choices = coach_choices(standins.active_coaches(), exclude=current_user.id)
    if not form.is_submitted():
        form.starts_on.data = today(utcnow())

    def ask():
        now = utcnow()
        assert form.starts_on.data is not None and form.until.data is not None  # noqa: S101 -- required fields of a validated form
        return standins.request(
            current_user,
            as_id(form.colleague.data) or -1,
            form.starts_on.data,
            form.until.data,
            form.reason.data or "",
            today(now),
            now,
        )

    return handle(
        form,
        ask,
        success=url_for("coaching.stand_in"),
        flash_message=_(
            "Your request is sent to the team lead. Once it is approved, you also see this "
            "colleague's people."
        ),
    ) or render_template("coaching/stand_in.html", form=form, mine=standins.of_coach(current_user))


@bp.route("/handovers")
@require(Permission.CONFIRM_ROUTING)
def handovers():
    """Zelfdoeners moved to Klantondersteuning at their review, for the consultant's team."""
    rows = services.handovers_for(current_user)
    return render_template("coaching/handovers.html", rows=rows)
