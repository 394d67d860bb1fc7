"""The applicant's labour-market value scan: competences, wishes, experience, the result
(occupations and vacancies with their reasons, the 360° ratings beside one's own), inviting
raters and showing the profile to job hunters."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal import acting
from portal.authz import Permission, require
from portal.clock import today
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.intake.forms import read_answers, step_form
from portal.labour import invite_services as invites
from portal.labour import services
from portal.labour.forms import InviteForm, VisibleForm, ratings_form, read_levels
from portal.labour.models import RaterInvitation, Scan, Vacancy
from portal.web import get_or_404, handle, show_error
from portal.werkmap.services import Duplicate

bp = Blueprint("labour", __name__, url_prefix="/scan")
SHOWN = 20  # vacancies on the result page: the best fitting, in the explained order


def _scan() -> Scan:
    """The subject's scan, started by the first POST that needs one: call it inside that
    POST's unit of work, so a refused POST leaves nothing behind."""
    person = acting.required_subject()
    return services.scan_of(person.id) or services.start(current_user, person.id, utcnow())


def _scan_or_none() -> Scan | None:
    """The subject's scan on a GET: nothing is made by looking."""
    return services.scan_of(acting.required_subject().id)


@bp.route("/")
@require(Permission.OWN_SCAN, assisted=True)
def index():
    person = acting.required_subject()
    scan = services.scan_of(person.id)
    definition = services.definition_of(scan)
    acting.audit_read("scan")
    return render_template(
        "labour/index.html",
        scan=scan,
        definition=definition,
        rated=len(scan.own_levels()) if scan else 0,
        visible_form=VisibleForm(),
        now=utcnow(),
    )


@bp.route("/competences", methods=["GET", "POST"])
@require(Permission.OWN_SCAN, assisted=True)
def competences():
    scan = _scan_or_none()
    definition = services.definition_of(scan)
    items = services.competences()
    form = ratings_form(definition, items, scan.own_levels() if scan else {})

    def save() -> None:
        services.save_ratings(current_user, _scan(), read_levels(form, items), utcnow())
        acting.note("scan", "competences")

    first = definition.steps[0].id if definition.steps else None
    return handle(
        form,
        save,
        success=url_for("labour.step", step_id=first) if first else url_for("labour.result"),
        flash_message=_("Saved."),
    ) or render_template(
        "labour/competences.html",
        form=form,
        groups=services.grouped(items),
        definition=definition,
        field_name=lambda c: f"c{c.id}",
    )


@bp.route("/step/<step_id>", methods=["GET", "POST"])
@require(Permission.OWN_SCAN, assisted=True)
def step(step_id: str):
    scan = _scan_or_none()
    definition = services.definition_of(scan)
    current = definition.step(step_id)
    if current is None:
        abort(404)
    questions = list(current.questions)
    person = acting.required_subject()
    form = step_form(questions, scan.answers if scan else services.initial_answers(person.id))
    position = [s.id for s in definition.steps].index(step_id)
    following = definition.steps[position + 1].id if position + 1 < len(definition.steps) else None
    target = url_for("labour.step", step_id=following) if following else url_for("labour.result")
    if form.validate_on_submit():
        values, ok = read_answers(form, questions)
        if ok:
            try:
                with unit_of_work():
                    services.save_answers(current_user, _scan(), values, utcnow())
                    acting.note("scan", step_id)
            except DomainError as error:
                show_error(form, error)
            else:
                flash(_("Saved."), "ok")
                return redirect(target)
    back = (
        url_for("labour.step", step_id=definition.steps[position - 1].id)
        if position
        else url_for("labour.competences")
    )
    return render_template(
        "labour/step.html", form=form, step=current, questions=questions, back=back
    )


@bp.route("/result")
@require(Permission.OWN_SCAN, assisted=True)
def result():
    person = acting.required_subject()
    scan = services.scan_of(person.id)
    if scan is None:
        return redirect(url_for("labour.index"))
    occupations, vacancies = services.matches(scan, today(utcnow()))
    answered, table = invites.side_by_side(scan)
    acting.audit_read("scan_result")
    return render_template(
        "labour/result.html",
        scan=scan,
        definition=services.definition_of(scan),
        occupations=occupations,
        vacancies=vacancies[:SHOWN],
        more_vacancies=max(0, len(vacancies) - SHOWN),
        vacancy_rows=services.vacancies_by_id([m.offer.id for m in vacancies[:SHOWN]]),
        answered=answered,
        table=table,
        competences=services.grouped(services.competences()),
        sectors=dict(services.definition_of(scan).sectors),
    )


@bp.route("/vacancies/<int:vacancy_id>/log", methods=["POST"])
@require(Permission.OWN_SCAN, assisted=True)
def add_to_log(vacancy_id: int):
    vacancy = get_or_404(Vacancy, vacancy_id)
    form = VisibleForm()
    if not form.validate_on_submit():
        abort(400)
    now = utcnow()
    try:
        with unit_of_work():
            services.add_to_log(
                current_user,
                acting.required_subject().id,
                vacancy,
                today(now),
                now,
                acting.session_id(),
            )
            acting.note("werkmap", vacancy.employer)
    except Duplicate:
        flash(_("This vacancy is already in your log for today."), "ok")
    else:
        flash(_("Added to your log. Apply before the closing date."), "ok")
    return redirect(url_for("labour.result"))


@bp.route("/visibility", methods=["POST"])
@require(Permission.OWN_SCAN)
def visibility():
    form = VisibleForm()
    if not form.validate_on_submit() or form.visible.data not in ("0", "1"):
        abort(400)
    with unit_of_work():
        scan = _scan()
        services.set_visible(current_user, scan, form.visible.data == "1", utcnow())
    flash(
        _("Job hunters of the municipality can now see your profile.")
        if scan.visible
        else _("Job hunters can no longer see your profile."),
        "ok",
    )
    return redirect(url_for("labour.index"))


@bp.route("/invite", methods=["GET", "POST"])
@require(Permission.OWN_SCAN)
def invite():
    scan = _scan_or_none()
    definition = services.definition_of(scan)
    form = InviteForm()
    form.relation.choices = [(r.value, _(r.label)) for r in definition.relations]
    made: dict = {}

    def send():
        invitation, token = invites.invite(
            current_user,
            _scan(),
            form.relation.data or "",
            form.name.data or "",
            utcnow(),
            current_app.config["PORTAL_SCAN_INVITE_DAYS"],
        )
        made.update(link=url_for("labour_rate.rate", token=token, _external=True))
        return invitation

    done = handle(
        form,
        send,
        success=lambda invitation: render_template(
            "labour/invited.html", invitation=invitation, link=made["link"]
        ),
        repeated=lambda _where: redirect(url_for("labour.index")),
    )
    return done or render_template("labour/invite.html", form=form, scan=scan)


@bp.route("/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@require(Permission.OWN_SCAN)
def withdraw(invitation_id: int):
    scan = services.scan_of(current_user.id)
    invitation = get_or_404(
        RaterInvitation, invitation_id, RaterInvitation.scan_id == (scan.id if scan else -1)
    )
    if not VisibleForm().validate_on_submit():
        abort(400)
    with unit_of_work():
        invites.withdraw(current_user, invitation, utcnow())
    flash(_("The link no longer works."), "ok")
    return redirect(url_for("labour.index"))
