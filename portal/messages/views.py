"""Message pages: the applicant's conversation, the coach's side, writing to many, templates."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import acting, audit, files, mandates, scope
from portal.authz import Permission, require
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.messages import services
from portal.messages.forms import MessageForm, TemplateForm
from portal.messages.models import Message, Template
from portal.people import User
from portal.validation import as_id, ids
from portal.web import get_or_404, handle, requested_page

bp = Blueprint("messages", __name__)


def _attachment() -> tuple[str, bytes] | None:
    sent = request.files.get("file")
    return (sent.filename, sent.read()) if sent is not None and sent.filename else None


def _conversation(person: User, by_person: bool, template: str, **context):
    form = MessageForm()

    def send() -> None:
        assert form.body.data is not None  # noqa: S101 -- a required field of a validated form
        services.send(person, current_user, form.body.data, utcnow(), _attachment())
        acting.note("message")

    done = handle(form, send, success=request.path, flash_message=_("Your message is sent."))
    if done:
        return done
    if not form.is_submitted() and (template_id := as_id(request.args.get("template"))):
        chosen = db.session.get(Template, template_id)
        if chosen is not None:
            form.body.data = services.fill(chosen.body, person, current_user)
    # A representative reads the messages for the person (their mandate covers messages).
    party = services.is_party(current_user, person) or acting.representation() is not None
    if party and services.unread_by(person.id, by_person):
        with unit_of_work():
            services.mark_read(person.id, by_person, utcnow())
    found = services.thread(person.id, requested_page()[0])
    if current_user.id == person.id:  # their menu counts just these, all read now
        context.setdefault("menu_unread", 0)
    return render_template(
        template,
        form=form,
        person=person,
        messages=found.items,
        page=found.page,
        older=found.more,
        # what a representative wrote for the person (their side, not by the person)
        done_by=mandates.names(
            {m.author_id for m in found.items if m.from_person and m.author_id != person.id}
        ),
        **context,
    )


@bp.route("/messages/", methods=["GET", "POST"])
@require(Permission.OWN_MESSAGES, represented=True)
def inbox():
    person = acting.required_subject()
    return _conversation(
        person,
        True,
        "messages/mine.html",
        coach=caseload.coach_of(person.id),
        download_endpoint="messages.attachment",
        download_args={},
    )


@bp.route("/messages/<int:message_id>/attachment")
@require(Permission.OWN_MESSAGES, represented=True)
def attachment(message_id: int):
    return _download(acting.required_subject().id, message_id)


def _download(person_id: int, message_id: int):
    message = get_or_404(Message, message_id, Message.person_id == person_id)
    stored = get_or_404(StoredFile, message.attachment_file_id, StoredFile.owner_id == person_id)
    return files.download(stored, _("attachment"))


@bp.route("/coach/people/<int:person_id>/messages", methods=["GET", "POST"])
@require(Permission.READ_WERKMAPS)
def staff_thread(person_id: int):
    person = scope.person_or_404(current_user, person_id)
    with unit_of_work():
        audit.record(current_user, "messages.read", "user", person.id)
    return _conversation(
        person,
        False,
        "messages/staff.html",
        templates=services.templates(),
        download_endpoint="messages.staff_attachment",
        download_args={"person_id": person_id},
    )


@bp.route("/coach/people/<int:person_id>/messages/<int:message_id>/attachment")
@require(Permission.READ_WERKMAPS)
def staff_attachment(person_id: int, message_id: int):
    person = scope.person_or_404(current_user, person_id)
    response = _download(person.id, message_id)
    with unit_of_work():
        audit.record(
            current_user, "messages.read.attachment", "user", person.id, detail=str(message_id)
        )
    return response


@bp.route("/coach/message", methods=["GET", "POST"])
@require(Permission.OWN_CASELOAD)
def compose():
    """One text to a selection of the caseload ({first_name} filled in per person)."""
    people = scope.people_for(current_user, ids(request.values.getlist("person"))[:500])
    form = MessageForm()

    def send_to_many() -> int:
        assert form.body.data is not None  # noqa: S101 -- a required field of a validated form
        return services.send_to_many(people, current_user, form.body.data, utcnow())

    done = handle(
        form,
        send_to_many,
        success=url_for("coaching.caseload"),
        flash_message=lambda count: _("Sent to %(count)s people.", count=count),
    )
    if done:
        return done
    if not form.is_submitted() and (template_id := as_id(request.args.get("template"))):
        chosen = db.session.get(Template, template_id)
        form.body.data = chosen.body if chosen else ""
    return render_template(
        "messages/compose.html", form=form, people=people, templates=services.templates()
    )


@bp.route("/message-templates/", methods=["GET", "POST"])
@require(Permission.MANAGE_TEMPLATES)
def templates():
    return _template_page(None)


@bp.route("/message-templates/<int:template_id>", methods=["GET", "POST"])
@require(Permission.MANAGE_TEMPLATES)
def template(template_id: int):
    return _template_page(get_or_404(Template, template_id))


def _template_page(chosen: Template | None):
    form = TemplateForm(obj=chosen)

    def save() -> None:
        assert form.title.data is not None and form.body.data is not None  # noqa: S101 -- required fields of a validated form
        services.save_template(chosen, form.title.data, form.body.data)

    return handle(
        form,
        save,
        success=url_for("messages.templates"),
        flash_message=_("The text is saved."),
    ) or render_template(
        "messages/templates.html", form=form, chosen=chosen, items=services.templates()
    )
