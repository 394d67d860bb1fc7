"""Mijn plan: the applicant's goals and actions, what the coach proposes, the agreement, the
history, a printable page and a PDF. A STIP volunteer may fill in goals and actions with the
person; answering the coach, comments and the agreement are the person's own."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import acting
from portal.authz import Permission, require
from portal.catalogue import services as catalogue
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.plan import agreement_services as agreement
from portal.plan import display, services
from portal.plan.forms import (
    LABELS,
    ActionForm,
    CommentForm,
    GoalForm,
    OccupationForm,
    VersionForm,
    service_choices,
)
from portal.plan.services import ActionData
from portal.validation import as_id
from portal.web import handle

bp = Blueprint("plan", __name__, url_prefix="/my-plan")


def _here() -> str:
    return url_for("plan.index")


def _page(comment_form: CommentForm | None = None, status: int = 200):
    person = acting.required_subject()
    plan = services.plan_of(person.id)
    own = current_user.id == person.id  # not a volunteer: comments and answers are private
    return render_template(
        "plan/index.html",
        plan=plan,
        state=agreement.state(plan),
        proposals=display.proposals_shown(agreement.open_proposals(plan)) if plan and own else [],
        comments=display.comment_lines(agreement.comments(plan)) if plan and own else [],
        history=display.history_lines(services.history(plan, 30)) if plan else [],
        comment_form=comment_form or CommentForm(),
        version_form=VersionForm(version=plan.version if plan else 0),
        own=own,
        services_by_id={s.id: s.name for s in catalogue.services()},
        **LABELS,
    ), status


@bp.route("/")
@require(Permission.OWN_PLAN, assisted=True)
def index():
    acting.audit_read("plan")
    return _page()


@bp.route("/goals/new", methods=["GET", "POST"])
@require(Permission.OWN_PLAN, assisted=True)
def new_goal():
    form = GoalForm()
    person = acting.required_subject()

    def add():
        acting.note("plan", "goal")
        return services.add_goal(
            current_user, person.id, form.title.data or "", form.target_on.data, utcnow()
        )

    return handle(
        form, add, success=_here(), flash_message=_("The goal is in your plan.")
    ) or render_template("plan/goal.html", form=form, goal=None)


@bp.route("/goals/from-occupation", methods=["POST"])
@require(Permission.OWN_PLAN, assisted=True)
def add_goal_from_occupation():
    """'Make this a goal in my plan' on the scan's result page (form field `occupation`)."""
    form = OccupationForm()
    person = acting.required_subject()
    if not form.validate_on_submit():
        flash(_("This occupation could not be added to your plan."), "error")
        return redirect(_here())
    try:
        with unit_of_work():
            acting.note("plan", "occupation")
            goal = services.goal_for_occupation(
                current_user, person.id, form.occupation.data or "", utcnow()
            )
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_here())
    flash(_("The goal is in your plan: %(title)s.", title=goal.title), "ok")
    return redirect(url_for("plan.edit_goal", goal_id=goal.id))


def _goal_or_404(goal_id: int):
    goal = services.goal_of(acting.required_subject().id, goal_id)
    if goal is None:
        abort(404)
    return goal


@bp.route("/goals/<int:goal_id>", methods=["GET", "POST"])
@require(Permission.OWN_PLAN, assisted=True)
def edit_goal(goal_id: int):
    goal = _goal_or_404(goal_id)
    form = GoalForm(obj=goal)

    def change():
        acting.note("plan", "goal")
        services.change_goal(
            current_user, goal, form.title.data or "", form.target_on.data, utcnow()
        )

    return handle(
        form, change, success=_here(), flash_message=_("Your plan is saved.")
    ) or render_template("plan/goal.html", form=form, goal=goal)


@bp.route("/goals/<int:goal_id>/remove", methods=["POST"])
@require(Permission.OWN_PLAN, assisted=True)
def remove_goal(goal_id: int):
    goal = _goal_or_404(goal_id)
    with unit_of_work():
        acting.note("plan", "goal")
        services.remove_goal(current_user, goal, utcnow())
    flash(_("The goal is removed from your plan."), "ok")
    return redirect(_here())


def _action_form(current=None, **kwargs) -> ActionForm:
    form = ActionForm(**kwargs)
    form.service.choices = service_choices(catalogue.services(active_only=True), current)
    return form


def _action_data(form: ActionForm) -> ActionData:
    return ActionData(
        what=form.what.data or "",
        due_on=form.due_on.data,
        helper=form.helper.data or "",
        service_id=as_id(form.service.data),
        status=form.status.data or "",
        note=form.note.data or "",
    )


@bp.route("/goals/<int:goal_id>/actions/new", methods=["GET", "POST"])
@require(Permission.OWN_PLAN, assisted=True)
def new_action(goal_id: int):
    goal = _goal_or_404(goal_id)
    form = _action_form()

    def add():
        acting.note("plan", "action")
        return services.add_action(current_user, goal, _action_data(form), utcnow())

    return handle(
        form, add, success=_here(), flash_message=_("The step is in your plan.")
    ) or render_template("plan/action.html", form=form, goal=goal, action=None)


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
@require(Permission.OWN_PLAN, assisted=True)
def edit_action(action_id: int):
    action = services.action_of(acting.required_subject().id, action_id)
    if action is None:
        abort(404)
    form = _action_form(action.service, obj=action, data={"service": str(action.service_id or "")})

    def change():
        acting.note("plan", "action")
        services.change_action(current_user, action, _action_data(form), utcnow())

    return handle(
        form, change, success=_here(), flash_message=_("Your plan is saved.")
    ) or render_template("plan/action.html", form=form, goal=action.goal, action=action)


@bp.route("/actions/<int:action_id>/remove", methods=["POST"])
@require(Permission.OWN_PLAN, assisted=True)
def remove_action(action_id: int):
    action = services.action_of(acting.required_subject().id, action_id)
    if action is None:
        abort(404)
    with unit_of_work():
        acting.note("plan", "action")
        services.remove_action(current_user, action, utcnow())
    flash(_("The step is removed from your plan."), "ok")
    return redirect(_here())


def _answer(proposal_id: int, decide, message: str):
    proposal = agreement.proposal_of(current_user.id, proposal_id)
    if proposal is None:
        abort(404)
    if not VersionForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            decide(current_user, proposal, utcnow())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_here())
    flash(message, "ok")
    return redirect(_here())


@bp.route("/proposals/<int:proposal_id>/accept", methods=["POST"])
@require(Permission.OWN_PLAN)
def accept(proposal_id: int):
    return _answer(proposal_id, agreement.accept, _("The proposal is now part of your plan."))


@bp.route("/proposals/<int:proposal_id>/decline", methods=["POST"])
@require(Permission.OWN_PLAN)
def decline(proposal_id: int):
    return _answer(proposal_id, agreement.decline, _("You did not accept the proposal."))


@bp.route("/comments", methods=["POST"])
@require(Permission.OWN_PLAN)
def add_comment():
    form = CommentForm()
    return handle(
        form,
        lambda: agreement.comment(current_user, current_user.id, form.text.data or "", utcnow()),
        success=_here(),
        flash_message=_("Your comment is saved."),
    ) or _page(form, 400)


@bp.route("/confirm", methods=["POST"])
@require(Permission.OWN_PLAN)
def confirm():
    form = VersionForm()
    plan = services.plan_of(current_user.id)
    if plan is None:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            agreement.confirm(current_user, plan, as_id(form.version.data), utcnow())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_here())
    flash(_("You confirmed the plan. It is agreed."), "ok")
    return redirect(_here())


@bp.route("/history")
@require(Permission.OWN_PLAN, assisted=True)
def history():
    plan = services.plan_of(acting.required_subject().id)
    changes = display.history_lines(services.history(plan)) if plan else []
    return render_template("plan/history.html", history=changes)


@bp.route("/print")
@require(Permission.OWN_PLAN, assisted=True)
def printable():
    person = acting.required_subject()
    plan = services.plan_of(person.id)
    return render_template(
        "plan/print.html", person=person, plan=plan, state=agreement.state(plan), **LABELS
    )


@bp.route("/plan.pdf")
@require(Permission.OWN_PLAN)
def pdf():
    body = display.plan_pdf(current_user, services.plan_of(current_user.id))
    day = utcnow().date().isoformat()
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename=plan-{day}.pdf"},
    )
