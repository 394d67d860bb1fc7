"""A person's plan for their e-coach (or a consultant of their team): read it, comment,
propose a goal, an action or a change, and mark the version agreed. Never a direct edit."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import audit, scope
from portal.authz import Permission, require
from portal.catalogue import services as catalogue
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.plan import agreement_services as agreement
from portal.plan import display, services
from portal.plan.forms import LABELS, CommentForm, VersionForm, service_choices
from portal.plan.services import ActionData
from portal.plan.staff_forms import ProposeActionForm, ProposeGoalForm
from portal.validation import as_id
from portal.web import handle

bp = Blueprint("plan_staff", __name__, url_prefix="/coach/people/<int:person_id>/plan")


def _here(person_id: int) -> str:
    return url_for("plan_staff.index", person_id=person_id)


def _page(person, comment_form=None, goal_form=None, status=200):
    plan = services.plan_of(person.id)
    return render_template(
        "plan/staff_plan.html",
        person=person,
        plan=plan,
        state=agreement.state(plan),
        proposals=display.proposals_shown(agreement.open_proposals(plan)) if plan else [],
        comments=display.comment_lines(agreement.comments(plan)) if plan else [],
        history=display.history_lines(services.history(plan, 50)) if plan else [],
        comment_form=comment_form or CommentForm(),
        goal_form=goal_form or ProposeGoalForm(),
        version_form=VersionForm(version=plan.version if plan else 0),
        services_by_id={s.id: s.name for s in catalogue.services()},
        **LABELS,
    ), status


@bp.route("/")
@require(Permission.COACH_PLANS)
def index(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    with unit_of_work():
        audit.record(current_user, "plan.read", "user", person.id)
    return _page(person)


@bp.route("/comments", methods=["POST"])
@require(Permission.COACH_PLANS)
def add_comment(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    form = CommentForm()
    return handle(
        form,
        lambda: agreement.comment(current_user, person.id, form.text.data or "", utcnow()),
        success=_here(person.id),
        flash_message=_("The comment is saved."),
    ) or _page(person, comment_form=form, status=400)


@bp.route("/propose/goal", methods=["POST"])
@require(Permission.COACH_PLANS)
def propose_goal(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    form = ProposeGoalForm()
    return handle(
        form,
        lambda: agreement.propose(
            current_user,
            person.id,
            "add_goal",
            utcnow(),
            comment_text=form.comment.data or "",
            title=form.title.data or "",
            target_on=form.target_on.data,
        ),
        success=_here(person.id),
        flash_message=_("The proposal is sent. It counts once the person accepts it."),
    ) or _page(person, goal_form=form, status=400)


def _action_form(current=None, **kwargs) -> ProposeActionForm:
    form = ProposeActionForm(**kwargs)
    form.service.choices = service_choices(catalogue.services(active_only=True), current)
    return form


def _data(form: ProposeActionForm) -> ActionData:
    return ActionData(
        what=form.what.data or "",
        due_on=form.due_on.data,
        helper=form.helper.data or "",
        service_id=as_id(form.service.data),
    )


def _propose(person, form: ProposeActionForm, kind: str, goal, action, **where):
    """Send a proposal for a step (a new one, or a change); the page again on bad input."""

    def send():
        return agreement.propose(
            current_user,
            person.id,
            kind,
            utcnow(),
            comment_text=form.comment.data or "",
            action=_data(form),
            **where,
        )

    return handle(
        form,
        send,
        success=_here(person.id),
        flash_message=_("The proposal is sent. It counts once the person accepts it."),
    ) or render_template(
        "plan/staff_propose.html", person=person, form=form, goal=goal, action=action
    )


@bp.route("/goals/<int:goal_id>/propose", methods=["GET", "POST"])
@require(Permission.COACH_PLANS)
def propose_action(person_id: int, goal_id: int):
    person = scope.person_or_404(current_user, person_id)
    goal = services.goal_of(person.id, goal_id)
    if goal is None:
        abort(404)
    return _propose(person, _action_form(), "add_action", goal, None, goal_id=goal.id)


@bp.route("/actions/<int:action_id>/propose", methods=["GET", "POST"])
@require(Permission.COACH_PLANS)
def propose_change(person_id: int, action_id: int):
    person = scope.person_or_404(current_user, person_id)
    action = services.action_of(person.id, action_id)
    if action is None:
        abort(404)
    form = _action_form(action.service, obj=action, data={"service": str(action.service_id or "")})
    return _propose(
        person,
        form,
        "change_action",
        action.goal,
        action,
        action_id=action.id,
        kept_service=action.service_id,
    )


@bp.route("/agree", methods=["POST"])
@require(Permission.COACH_PLANS)
def agree(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    plan = services.plan_of(person.id)
    if plan is None:
        abort(404)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            agreement.mark_agreed(current_user, plan, as_id(form.version.data), utcnow())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_here(person.id))
    flash(_("You marked the plan as agreed. The person is asked to confirm it."), "ok")
    return redirect(_here(person.id))
