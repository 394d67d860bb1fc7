"""Development only: read the outbox, so activation and reset links can be followed."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from portal.db import db
from portal.mail import OutboxMessage, text_to_send
from portal.web import get_or_404

bp = Blueprint("devmail", __name__, url_prefix="/dev/mailbox")


@bp.route("/")
def inbox():
    messages = db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(50)
    ).all()
    return render_template("devmail/inbox.html", messages=messages)


@bp.route("/<int:message_id>")
def message(message_id: int):
    found = get_or_404(OutboxMessage, message_id)
    return render_template("devmail/message.html", message=found, body=text_to_send(found))
