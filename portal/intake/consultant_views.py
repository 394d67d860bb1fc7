"""Consultants confirm or correct the advice; team leads see how often advice is corrected."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

from portal import acting, audit, scope
from portal.authz import Permission, require
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.intake import display, services
from portal.intake.chart_display import spider
from portal.intake.forms import DecisionForm
from portal.intake.models import SUBMITTED, QuestionnaireResponse
from portal.intake.rule_display import rule_text
from portal.web import show_error
from questionnaires import engine

bp = Blueprint("intake_consultant", __name__, url_prefix="/advice")


@bp.route("/")
@require(Permission.CONFIRM_ROUTING)
def queue():
    page = max(1, request.args.get("page", 1, type=int))
    per_page = current_app.config["PAGE_SIZE"]
    items, total = services.awaiting(current_user, page, per_page)
    labels = {}
    for r in items:
        assert r.advised_outcome is not None  # noqa: S101 -- set when it was submitted
        labels[r.id] = services.definition(r).scheme(r.scheme).outcome(r.advised_outcome).label
    titles = {r.id: services.definition(r).title for r in items}
    return render_template(
        "intake/queue.html",
        items=items,
        labels=labels,
        titles=titles,
        total=total,
        page=page,
        pages=max(1, -(-total // per_page)),
    )


def _load(response_id: int) -> QuestionnaireResponse:
    response = db.session.scalar(
        select(QuestionnaireResponse).where(
            QuestionnaireResponse.id == response_id,
            QuestionnaireResponse.status == SUBMITTED,
            scope.visible(current_user, QuestionnaireResponse.applicant_id),
        )
    )
    if response is None:
        abort(404)
    return response


def _detail(response: QuestionnaireResponse, form: DecisionForm, status: int = 200):
    assert response.advised_outcome is not None  # noqa: S101 -- set when it was submitted
    definition = services.definition(response)
    scheme = definition.scheme(response.scheme)
    form.outcome.choices = [SelectChoice(o.id, _(o.label)) for o in scheme.outcomes]
    sections = [
        (step, engine.step_questions(definition, step, response.answers))
        for step in engine.visible_steps(definition, response.answers)
    ]
    health = display.positive_health(definition, response.answers)
    signals = {s.id: s.text for s in definition.signals}
    return render_template(
        "intake/decide.html",
        response=response,
        definition=definition,
        scheme=scheme,
        advised=scheme.outcome(response.advised_outcome),
        sections=sections,
        form=form,
        route=next(
            (r for r in (*scheme.routes, scheme.default) if r.id == response.route_id), None
        ),
        rule=rule_text(definition, scheme, response.route_id),
        signals=[signals.get(s, s) for s in response.signals or []],
        answer_text=display.answer_text,
        health=health,
        helped=acting.helped_with(response.applicant_id, "questionnaire"),
        chart=spider([score for _text, score in health]) if health else None,
    ), status


@bp.route("/<int:response_id>")
@require(Permission.CONFIRM_ROUTING)
def detail(response_id: int):
    response = _load(response_id)
    with unit_of_work():
        audit.record(current_user, "questionnaire.view", "questionnaire_response", response.id)
    return _detail(response, DecisionForm(outcome=response.advised_outcome))


@bp.route("/<int:response_id>/decide", methods=["POST"])
@require(Permission.CONFIRM_ROUTING)
def decide(response_id: int):
    response = _load(response_id)
    form = DecisionForm()
    if not form.validate():
        abort(400)
    try:
        with unit_of_work():
            decision = services.decide(
                current_user, response, form.outcome.data or "", form.reason.data or "", utcnow()
            )
    except DomainError as error:
        show_error(form, error)
        return _detail(response, form, status=400)
    flash(
        _(
            "The decision is saved: %(line)s.",
            line=_(
                services.definition(response)
                .scheme(response.scheme)
                .outcome(decision.final_outcome)
                .label
            ),
        ),
        "ok",
    )
    return redirect(url_for("intake_consultant.queue"))


@bp.route("/figures")
@require(Permission.VIEW_ROUTING_FIGURES)
def figures():
    rows = services.override_figures()
    for row in rows:
        definition = services.current_definition(row["questionnaire"])
        scheme = definition.scheme(row["scheme"])
        row["outcome_label"] = scheme.outcome(row["outcome"]).label
        row["title"] = definition.title
        row["rule"] = rule_text(definition, scheme, row["route"])
    return render_template("intake/figures.html", rows=rows)
