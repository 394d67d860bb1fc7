"""Sending and reading messages; a mail without content tells the recipient, at most hourly."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, func, select, update

from portal import events, files, limits
from portal.authz import Permission, ensure, ensure_for
from portal.caseload import services as caseload
from portal.db import db, fetch
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.messages.models import Message, Notice, Template
from portal.pages import Page, paginate
from portal.people import User
from portal.roles import Role

NOTICE_EVERY = timedelta(hours=1)
ATTACHMENTS = (files.PDF, files.JPEG, files.PNG)
MAX_LENGTH = 5000


PER_PAGE = 20


# Built once: the person is a bound parameter (see paginate's `params`).
_THREAD = (
    select(*Message.__table__.columns)  # rows of columns: the page only shows them
    .where(Message.person_id == bindparam("person"))
    .order_by(Message.at.desc(), Message.id.desc())
)


def thread(person_id: int, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page of the person's conversation counted from the newest (page 1), oldest first
    on the page; `more`: there are older messages (the conversation is not counted)."""
    found = paginate(
        _THREAD, page, per_page, params={"person": person_id}, count=False, columns=True
    )
    return replace(found, items=found.items[::-1])


def _notify(user: User | None, now: datetime) -> None:
    """ "You have a new message in the portal": never the content, at most once an hour."""
    if user is None or not user.email or not user.active:
        return
    notice = db.session.get(Notice, user.id)
    if notice is not None and notice.last_at + NOTICE_EVERY > now:
        return
    if notice is None:
        db.session.add(Notice(user_id=user.id, last_at=now))
    else:
        notice.last_at = now
    queue_mail(user.email, "new_message", user.locale or "nl", user=user)


def send(
    person: User,
    author: User,
    body: str,
    now: datetime,
    attachment: tuple[str, bytes] | None = None,
    *,
    limited: bool = True,
) -> Message:
    """A message in the person's conversation, by the person or by staff who may read it.
    An account writes at most limits.WRITING_LIMIT messages an hour (`limited`: counted here;
    a message to many people counts once, in `send_to_many`)."""
    from_person = author.id == person.id or author.role is Role.REPRESENTATIVE
    if author.role is Role.REPRESENTATIVE:  # on the person's side, when the mandate allows it
        ensure_for(author, person.id, Permission.OWN_MESSAGES, now)
    else:
        ensure(author, Permission.OWN_MESSAGES if from_person else Permission.READ_WERKMAPS)
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a message."), field="body")
    if len(body) > MAX_LENGTH:
        raise DomainError(
            _("The message is too long. Write at most %(count)s characters.", count=MAX_LENGTH),
            field="body",
        )
    if limited:
        limits.writing("message", author.id, now, field="body")
    message = Message(
        person_id=person.id, author_id=author.id, from_person=from_person, body=body, at=now
    )
    if attachment is not None and attachment[1]:
        message.attachment_file_id = files.store(
            person.id, attachment[0], attachment[1], ATTACHMENTS, now
        ).id
    db.session.add(message)
    db.session.flush()
    _notify(caseload.coach_of(person.id) if from_person else person, now)
    return message


def is_party(viewer: User, person: User) -> bool:
    """Who reads the conversation for its sides: the person, and the e-coaches who may see
    them (their coach, or a colleague standing in). Other staff may look, without that
    counting as read."""
    return viewer.id == person.id or viewer.role == Role.ECOACH


# Built once per side (every messages page, and the applicant's menu badge, asks it).
_UNREAD_BY = {
    by_person: select(func.count())
    .select_from(Message)
    .where(
        Message.person_id == bindparam("person_id"),
        Message.from_person.is_(not by_person),
        Message.read_at.is_(None),
    )
    for by_person in (True, False)
}


def unread_by(person_id: int, by_person: bool) -> int:
    """Messages of the other side, not yet read by this side."""
    return fetch(_UNREAD_BY[by_person], {"person_id": person_id}).scalar() or 0


def mark_read(person_id: int, by_person: bool, now: datetime) -> None:
    """The other side's messages in this conversation are now read."""
    db.session.execute(
        update(Message)
        .where(
            Message.person_id == person_id,
            Message.from_person.is_(not by_person),
            Message.read_at.is_(None),
        )
        .values(read_at=now)
    )
    db.session.flush()
    events.messages_read.send(None, person_id=person_id)


def unread_for_person(person_id: int) -> int:
    """Messages from the municipality the person has not read (the menu's badge)."""
    return unread_by(person_id, by_person=True)


PLACEHOLDERS = ("{first_name}", "{coach_name}")
_BRACES = re.compile(r"\{[^{}]{0,40}\}?|\}")


def check_placeholders(text: str, field: str = "body") -> None:
    """Refuse a text with a placeholder the portal does not fill in ({voornaam} would be
    sent as it is) or a stray brace."""
    unknown = [m.group(0) for m in _BRACES.finditer(text) if m.group(0) not in PLACEHOLDERS]
    if unknown:
        raise DomainError(
            _(
                "%(placeholder)s cannot be filled in. Use only {first_name} and {coach_name}, "
                "with their curly brackets, or leave out the curly brackets.",
                placeholder=unknown[0],
            ),
            field=field,
        )


def fill(text: str, person: User, coach: User) -> str:
    """A text for one person: {first_name} and {coach_name} filled in."""
    return text.replace("{first_name}", person.first_name).replace("{coach_name}", coach.first_name)


def send_to_many(people: list[User], author: User, body: str, now: datetime) -> int:
    """The same text (with placeholders filled per person) to a selection of the caseload."""
    ensure(author, Permission.OWN_CASELOAD)
    if not people:
        raise DomainError(_("Choose at least one person."), field="people")
    check_placeholders(body)
    limits.writing("message", author.id, now, field="body")
    for person in people:
        send(person, author, fill(body, person, author), now, limited=False)
    return len(people)


def templates() -> list[Template]:
    return list(db.session.scalars(select(Template).order_by(Template.title)))


def save_template(template: Template | None, title: str, body: str) -> Template:
    title, body = title.strip(), body.strip()
    check_placeholders(body)
    clash = db.session.scalar(select(Template.id).where(Template.title == title))
    if clash is not None and (template is None or clash != template.id):
        raise DomainError(_("There is already a text with this title."), field="title")
    if template is None:
        template = Template(title=title, body=body)
        db.session.add(template)
    template.title, template.body = title, body
    db.session.flush()
    return template


def is_staff(user: User) -> bool:
    return user.role in (Role.ECOACH, Role.CONSULTANT)
