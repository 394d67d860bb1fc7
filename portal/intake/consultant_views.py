"""Consultants confirm or correct the advice; team leads see how often advice is corrected."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice  # type: ignore[attr-defined]  # SelectChoice (WTForms 3.3) is not in types-WTForms 3.2

import questionnaires
from portal import acting, scope
from portal.authz import Permission, Purpose, require
from portal.db import unit_of_work, utcnow
from portal.intake import display, figure_services, services
from portal.intake import line_services as lines
from portal.intake.chart_display import spider
from portal.intake.forms import OBJECTION_REASONS, DecisionForm
from portal.intake.models import SUBMITTED, QuestionnaireResponse
from portal.intake.rule_display import rule_text
from portal.web import get_or_404, handle, requested_page

bp = Blueprint("intake_consultant", __name__, url_prefix="/advice")


@bp.route("/")
@require(Permission.CONFIRM_ROUTING)
def queue():
    found = services.awaiting(current_user, *requested_page())
    labels = {}
    for r in found.items:
        assert r.advised_outcome is not None  # noqa: S101 -- set when it was submitted
        outcome = services.definition(r).scheme(r.scheme).outcome(r.advised_outcome)
        line = services.service_line(r.applicant) if outcome.hand_back else None
        labels[r.id] = lines.shown(outcome, line).label
    titles = {r.id: services.definition(r).title for r in found.items}
    return render_template(
        "intake/queue.html", **found.context("items"), labels=labels, titles=titles
    )


def _load(response_id: int) -> QuestionnaireResponse:
    """A submitted response of an applicant in the consultant's scope; others are a 404."""
    return get_or_404(
        QuestionnaireResponse,
        response_id,
        QuestionnaireResponse.status == SUBMITTED,
        scope.visible(current_user, QuestionnaireResponse.applicant_id),
    )


def _detail(response: QuestionnaireResponse, form: DecisionForm, status: int = 200):
    assert response.advised_outcome is not None  # noqa: S101 -- set when it was submitted
    definition = services.definition(response)
    scheme = definition.scheme(response.scheme)
    line = services.service_line(response.applicant)
    form.outcome.choices = [
        SelectChoice(o.id, _(lines.shown(o, line).label)) for o in scheme.outcomes
    ]
    health = display.positive_health(definition, response.answers)
    signals = {s.id: s.text for s in definition.signals}
    advised = lines.shown(scheme.outcome(response.advised_outcome), line)
    return render_template(
        "intake/decide.html",
        response=response,
        definition=definition,
        scheme=scheme,
        advised=advised,
        next_steps=questionnaires.next_steps(
            definition, response.scheme, advised.id, response.answers
        ),
        rule=rule_text(definition, scheme, response.route_id),
        ladder=display.ladder(definition, response),
        sections=display.sections(definition, response.answers, protected=False),
        form=form,
        route=scheme.route(response.route_id or ""),
        signals=[signals.get(s, s) for s in response.signals or []],
        answer_text=display.answer_text,
        health=health,
        helped=acting.helped_with(response.applicant_id, "questionnaire"),
        chart=spider([score for _text, score in health]) if health else None,
        reasons=OBJECTION_REASONS,
    ), status


@bp.route("/<int:response_id>")
@require(Permission.CONFIRM_ROUTING)
def detail(response_id: int):
    response = _load(response_id)
    with unit_of_work():
        services.read(current_user, response, Purpose.ROUTING)
    return _detail(response, DecisionForm(outcome=response.advised_outcome))


@bp.route("/<int:response_id>/decide", methods=["POST"])
@require(Permission.CONFIRM_ROUTING)
def decide(response_id: int):
    response = _load(response_id)
    form = DecisionForm()
    if not form.validate():
        return _detail(response, form, status=400)
    scheme = services.definition(response).scheme(response.scheme)
    return handle(
        form,
        lambda: services.decide(
            current_user,
            response,
            form.outcome.data or "",
            form.reason.data or "",
            utcnow(),
            form.answer.data or "",
        ),
        success=url_for("intake_consultant.queue"),
        flash_message=lambda decision: _(
            "The decision is saved: %(line)s.",
            line=_(
                lines.shown(
                    scheme.outcome(decision.final_outcome),
                    services.service_line(response.applicant),
                ).label
            ),
        ),
    ) or _detail(response, form, status=400)


@bp.route("/figures")
@require(Permission.VIEW_ROUTING_FIGURES)
def figures():
    rows = figure_services.override_figures()
    for row in rows:
        definition = services.current_definition(row["questionnaire"])
        scheme = definition.scheme(row["scheme"])
        row["outcome_label"] = scheme.outcome(row["outcome"]).label
        row["title"] = definition.title
        row["rule"] = rule_text(definition, scheme, row["route"])
    return render_template("intake/figures.html", rows=rows)
