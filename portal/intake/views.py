"""The applicant fills in a questionnaire: one page at a time, saved per page, then the advice."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import acting, policy
from portal.authz import Permission, Purpose, require
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import unit_of_work, utcnow
from portal.domain import DomainError
from portal.i18n import RIGHT_TO_LEFT
from portal.intake import display, services
from portal.intake import objection_services as objections
from portal.intake.chart_display import spider
from portal.intake.forms import (
    OBJECTION_REASONS,
    ObjectionForm,
    answer_inputs,
    read_answers,
    step_form,
)
from portal.intake.models import DRAFT
from portal.web import handle
from questionnaires import engine

bp = Blueprint("intake", __name__, url_prefix="/questions")


def _response(questionnaire_id: str):
    """The signed-in applicant's response to a questionnaire they may fill in, else 404."""
    # The Entreevragenlijst is always open to them: only another one needs the person's line.
    main = questionnaire_id == MAIN_QUESTIONNAIRE[0]
    if not main and questionnaire_id not in services.available(acting.subject()):
        abort(404)
    return services.latest(acting.subject(), questionnaire_id)


def _editable(questions: list) -> list:
    """The questions of a page the one acting may answer: a volunteer never sees nor changes the
    sensitive ones (health, addiction, debts); the person answers those themselves."""
    if not acting.helping():
        return questions
    return [q for q in questions if not q.sensitive]


def _sent_target(questionnaire_id: str) -> str:
    """After sending: the advice, except for a volunteer (the advice is not for their eyes)."""
    if acting.helping():
        return url_for("intake.index")
    return url_for("intake.result", questionnaire_id=questionnaire_id)


def _resume_target(response) -> str:
    definition = services.definition(response)
    if response.status != DRAFT:
        return _sent_target(response.questionnaire_id)
    missing = set(engine.missing_required(definition, response.answers))
    for step in engine.visible_steps(definition, response.answers):
        if any(q.id in missing for q in step.questions):
            return url_for(
                "intake.page", questionnaire_id=response.questionnaire_id, step_id=step.id
            )
    return url_for("intake.review", questionnaire_id=response.questionnaire_id)


@bp.route("/")
@require(Permission.ANSWER_QUESTIONNAIRES, assisted=True)
def index():
    items = []
    for questionnaire_id in services.available(acting.subject()):
        response = services.latest(acting.subject(), questionnaire_id)
        definition = (
            services.definition(response)
            if response
            else services.current_definition(questionnaire_id)
        )
        items.append((questionnaire_id, definition, response))
    return render_template(
        "intake/index.html",
        items=items,
        helped=acting.helped_with(acting.required_subject().id, "questionnaire"),
    )


@bp.route("/<questionnaire_id>/start", methods=["POST"])
@require(Permission.ANSWER_QUESTIONNAIRES, assisted=True)
def start(questionnaire_id: str):
    _response(questionnaire_id)
    with unit_of_work():
        response = services.start(
            acting.subject(),
            questionnaire_id,
            policy.text("PORTAL_ROUTING_SCHEME"),
            utcnow(),
        )
    return redirect(_resume_target(response))


@bp.route("/<questionnaire_id>/page/<step_id>", methods=["GET", "POST"])
@require(Permission.ANSWER_QUESTIONNAIRES, assisted=True)
def page(questionnaire_id: str, step_id: str):
    response = _response(questionnaire_id)
    if response is None:
        return redirect(url_for("intake.index"))
    if response.status != DRAFT:
        return redirect(_sent_target(questionnaire_id))
    definition = services.definition(response)
    steps = engine.visible_steps(definition, response.answers)
    step = next((s for s in steps if s.id == step_id), None)
    if step is None:
        abort(404)
    questions = engine.step_questions(definition, step, response.answers)
    editable = _editable(questions)
    form = step_form(editable, response.answers)
    if request.method == "POST" and form.validate():
        values, ok = read_answers(form, editable)
        if ok:
            with unit_of_work():
                services.save_step(response, step, values, utcnow(), {q.id for q in editable})
                acting.note("questionnaire", step.id)
            _previous, following = engine.neighbours(definition, step.id, response.answers)
            if request.args.get("from") == "review" or following is None:
                return redirect(url_for("intake.review", questionnaire_id=questionnaire_id))
            return redirect(
                url_for("intake.page", questionnaire_id=questionnaire_id, step_id=following.id)
            )
    previous, _following = engine.neighbours(definition, step.id, response.answers)
    pages = engine.possible_steps(definition, response.answers)
    return render_template(
        "intake/page.html",
        definition=definition,
        step=step,
        questions=editable,
        form=form,
        answer_inputs=answer_inputs,
        previous=previous,
        number=pages.index(step) + 1,
        total=len(pages),
        private=len(editable) < len(questions),
        following=engine.neighbours(definition, step.id, response.answers)[1],
        from_review=request.args.get("from") == "review",
    )


@bp.route("/<questionnaire_id>/review")
@require(Permission.ANSWER_QUESTIONNAIRES, assisted=True)
def review(questionnaire_id: str):
    response = _response(questionnaire_id)
    if response is None:
        return redirect(url_for("intake.index"))
    if response.status != DRAFT:
        return redirect(_sent_target(questionnaire_id))
    return _review_page(response, error=None)


def _review_page(response, error: str | None, status: int = 200):
    acting.audit_read("questionnaire")
    definition = services.definition(response)
    sections = [
        (step, engine.step_questions(definition, step, response.answers))
        for step in engine.visible_steps(definition, response.answers)
    ]
    missing = set(engine.missing_required(definition, response.answers))
    return render_template(
        "intake/review.html",
        definition=definition,
        response=response,
        sections=sections,
        missing=missing,
        error=error,
        answer_text=display.answer_text,
    ), status


@bp.route("/<questionnaire_id>/submit", methods=["POST"])
@require(Permission.ANSWER_QUESTIONNAIRES, assisted=True)
def submit(questionnaire_id: str):
    response = _response(questionnaire_id)
    if response is None:
        return redirect(url_for("intake.index"))
    try:
        with unit_of_work():
            services.submit(response, utcnow())
            acting.note("questionnaire", "sent")
    except DomainError as error:
        if response.status != DRAFT:
            return redirect(_sent_target(questionnaire_id))
        return _review_page(response, error.message, status=400)
    return redirect(_sent_target(questionnaire_id))


@bp.route("/<questionnaire_id>/result")
@require(Permission.ANSWER_QUESTIONNAIRES, represented=True)
def result(questionnaire_id: str):
    response = _response(questionnaire_id)
    if response is None or response.status == DRAFT:
        return redirect(url_for("intake.index"))
    return _result_page(response, ObjectionForm(formdata=None))


def _result_page(response, form: ObjectionForm, status: int = 200):
    with unit_of_work():
        services.read(current_user, response, Purpose.OWN)
    definition = services.definition(response)
    health = display.positive_health(definition, response.answers)
    return render_template(
        "intake/result.html",
        definition=definition,
        response=response,
        result=display.result(
            definition, response, services.service_line(acting.required_subject())
        ),
        help=display.help_on_offer(definition, response.signals),
        ladder=display.ladder(definition, response),
        health=health,
        chart=spider(
            [score for _text, score in health],
            mirrored=str(get_locale()) in RIGHT_TO_LEFT,
        )
        if health
        else None,
        form=form,
        reasons=OBJECTION_REASONS,
    ), status


@bp.route("/<questionnaire_id>/object", methods=["POST"])
@require(Permission.ANSWER_QUESTIONNAIRES, represented=True)
def object_to(questionnaire_id: str):
    """ "I do not agree": the person's objection to the advice, until the decision."""
    response = _response(questionnaire_id)
    if response is None or response.status == DRAFT:
        return redirect(url_for("intake.index"))
    form = ObjectionForm()
    target = url_for("intake.result", questionnaire_id=questionnaire_id)

    def object_to_it():
        made = objections.object_to(
            current_user, response, form.reasons.data or [], form.text.data or "", utcnow()
        )
        acting.note("objection")
        return made

    return handle(
        form,
        object_to_it,
        success=target + "#objection",
        flash_message=_(
            "Thank you. A consultant reads this before deciding, and answers you here."
        ),
    ) or _result_page(response, form, status=400)
