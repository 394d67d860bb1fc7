"""The outbox: mail is stored in the same transaction as its cause and sent after commit.

`queue_mail` adds a message to the current transaction. The worker (`portal send-mail`)
claims due messages one at a time, sends them, and on failure schedules a retry with
exponential backoff; it never drops a message. A claim expires, so a worker that dies while
sending leaves the message to be sent again (at least once, never lost).

No usable secret at rest: a one-time link or code is passed as `secret={"link": ...}`. The
stored body holds a marker in its place and the value is kept encrypted (Fernet, a key derived
from SECRET_KEY; SECRET_KEY_FALLBACKS still read) only until the message is sent, then blanked.
`text_to_send` puts it back. Sent mail is deleted after PORTAL_MAIL_KEEP_DAYS
(`purge_sent`, run by `portal run-scheduled`).
"""

from __future__ import annotations

import base64
import json
import smtplib
from collections.abc import Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import CursorResult, ForeignKey, String, Text, delete, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from portal.authz import MANDATE_MAIL_TOPICS
from portal.db import Base, db, utcnow
from portal.mandates import representatives_of
from portal.roles import Role

CLAIM_SECONDS = 300
# What mail about an applicant is about: the person's letters page lists these, and their
# representatives get a copy when the kind of their mandate covers the topic. Mail with a
# one-time link or code is never copied nor listed.
TOPICS = {
    "activeringsmail": "obligations",
    "reminder": "obligations",
    "conversation_invite": "obligations",
    "new_message": "messages",
    "supplementary_ready": "questionnaire",
}


class OutboxMessage(Base):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(String(200))
    # One optional text attachment, e.g. an .ics invitation.
    attachment_name: Mapped[str | None] = mapped_column(String(100))
    attachment_type: Mapped[str | None] = mapped_column(String(100))
    attachment_text: Mapped[str | None] = mapped_column(Text)
    # The encrypted one-time link or code, until the message is sent (see text_to_send).
    secret: Mapped[str | None] = mapped_column(Text)
    # The applicant it is about, and its topic (TOPICS): their letters page lists it.
    about_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str | None] = mapped_column(String(20))


def _marker(name: str) -> str:
    return f"[[secret:{name}]]"


def _fernet() -> MultiFernet:
    """Keys derived from SECRET_KEY (and SECRET_KEY_FALLBACKS, to read after a rotation)."""
    config = current_app.config
    keys = [config["SECRET_KEY"], *config.get("SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_derive(str(key))) for key in keys])


def _derive(key: str) -> bytes:
    raw = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"portal outbox secret").derive(
        key.encode()
    )
    return base64.urlsafe_b64encode(raw)


def text_to_send(message: OutboxMessage) -> str:
    """The body as the recipient gets it: the secret put back where its marker stands.
    InvalidToken when the key that encrypted it is gone (neither SECRET_KEY nor a fallback)."""
    if not message.secret:
        return message.body_text
    body = message.body_text
    for name, value in json.loads(_fernet().decrypt(message.secret.encode())).items():
        body = body.replace(_marker(name), value)
    return body


def queue_mail(
    recipient: str,
    template: str,
    locale: str,
    attachment: tuple[str, str, str] | None = None,
    secret: Mapping[str, str] | None = None,
    **context,
) -> OutboxMessage:
    """Render `mail/<template>.txt` in the recipient's locale and add it to the outbox.

    The template's first line is the subject. Context must hold no sensitive content:
    mails say that something happened and link to the portal. A one-time link or code goes
    in `secret` (a template variable like the others): it is stored encrypted, not in the body.
    """
    secret = dict(secret or {})
    with force_locale(locale):
        rendered = render_template(
            f"mail/{template}.txt", **{**context, **{name: _marker(name) for name in secret}}
        )
    subject, _, body = rendered.lstrip().partition("\n")
    message = OutboxMessage(recipient=recipient, subject=subject.strip(), body_text=body.strip())
    if secret:
        message.secret = _fernet().encrypt(json.dumps(secret).encode()).decode()
    if attachment is not None:
        message.attachment_name, message.attachment_type, message.attachment_text = attachment
    person = context.get("user")
    if (
        person is not None
        and template in TOPICS
        and not secret
        and getattr(person, "role", None) is Role.APPLICANT
    ):
        message.about_id, message.topic = person.id, TOPICS[template]
    db.session.add(message)
    db.session.flush()
    if message.topic is not None:
        _copy_to_representatives(message, person)
    return message


def _copy_to_representatives(message: OutboxMessage, person) -> None:
    """A copy for each representative whose kind of mandate covers the message's topic."""
    kinds = {kind for kind, topics in MANDATE_MAIL_TOPICS.items() if message.topic in topics}
    for representative in representatives_of(person.id, kinds, utcnow()):
        if representative.email:
            queue_mail(
                representative.email,
                "representative_copy",
                representative.locale or "nl",
                user=representative,
                person=person,
                original_subject=message.subject,
                original_body=message.body_text,
            )


class SMTPTransport:
    """Sends through the configured SMTP server."""

    def __init__(self, config: dict):
        self.config = config

    def send(self, message: OutboxMessage) -> None:
        cfg = self.config
        email = EmailMessage()
        email["From"] = cfg["MAIL_FROM"]
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
        email.set_content(text_to_send(message))
        if message.attachment_text is not None:
            maintype, _, subtype = (message.attachment_type or "text/plain").partition("/")
            email.add_attachment(
                message.attachment_text.encode(),
                maintype=maintype,
                subtype=subtype,
                filename=message.attachment_name,
            )
        with smtplib.SMTP(
            cfg["SMTP_HOST"], int(cfg["SMTP_PORT"]), timeout=cfg["SMTP_TIMEOUT"]
        ) as smtp:
            if cfg["SMTP_STARTTLS"]:
                smtp.starttls()
            if cfg["SMTP_USERNAME"]:
                smtp.login(cfg["SMTP_USERNAME"], cfg["SMTP_PASSWORD"])
            smtp.send_message(email)


class DevTransport:
    """Demo mode only: the development mailbox is the recipient's inbox, so a sent message
    keeps its secret there."""

    keeps_secrets = True

    def send(self, message: OutboxMessage) -> None:
        return None


def transport_for(config: dict):
    return SMTPTransport(config) if config["MAIL_BACKEND"] == "smtp" else DevTransport()


def retry_delay(attempts: int, base: int, cap: int) -> timedelta:
    """Exponential backoff: base, 2×base, 4×base … capped."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def _due(now: datetime):
    return (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    )


def _claim_skip_locked(now: datetime) -> OutboxMessage | None:
    """PostgreSQL: lock the first due message no other worker has locked (FOR UPDATE SKIP
    LOCKED), mark it claimed and commit; workers never wait for or collide with each other."""
    session = db.session
    message_id = session.scalar(_due(now).limit(1).with_for_update(skip_locked=True))
    if message_id is None:
        session.commit()
        return None
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    session.commit()
    return session.get(OutboxMessage, message_id)


def _claim_next(now: datetime) -> OutboxMessage | None:
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        return _claim_skip_locked(now)
    due = session.scalars(_due(now).limit(5)).all()
    for message_id in due:
        claimed = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.sent_at.is_(None),
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
            )
            .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        )
        session.commit()
        # An UPDATE without RETURNING gives a CursorResult; the Session's typing says Result.
        assert isinstance(claimed, CursorResult)  # noqa: S101
        if claimed.rowcount == 1:
            return session.get(OutboxMessage, message_id)
    return None


def send_due(transport=None, now: datetime | None = None, limit: int = 100) -> dict:
    """Send what is due; returns counts. Each message is its own transaction."""
    config = current_app.config
    transport = transport or transport_for(config)
    counts = {"sent": 0, "failed": 0}
    for _ in range(limit):
        moment = now or utcnow()
        message = _claim_next(moment)
        if message is None:
            break
        try:
            transport.send(message)
        except (OSError, smtplib.SMTPException, InvalidToken) as exc:
            message.attempts += 1
            message.claimed_until = None
            message.last_error = type(exc).__name__[:200]
            message.next_attempt_at = moment + retry_delay(
                message.attempts,
                config["MAIL_RETRY_BASE_SECONDS"],
                config["MAIL_RETRY_MAX_SECONDS"],
            )
            counts["failed"] += 1
            current_app.logger.warning(
                "mail %s not sent (attempt %s): %s",
                message.id,
                message.attempts,
                type(exc).__name__,
            )
        else:
            message.attempts += 1
            message.sent_at = utcnow()
            message.claimed_until = None
            message.last_error = None
            if not getattr(transport, "keeps_secrets", False):
                message.secret = None  # sent: the link or code is no longer kept
            counts["sent"] += 1
        db.session.commit()
    return counts


def purge_sent(now: datetime, keep_days: int) -> int:
    """Delete mail sent more than `keep_days` ago (what is waiting is never deleted)."""
    deleted = db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.sent_at.is_not(None),
            OutboxMessage.sent_at < now - timedelta(days=keep_days),
        )
    )
    db.session.flush()
    assert isinstance(deleted, CursorResult)  # noqa: S101 -- a DELETE gives a CursorResult
    return deleted.rowcount
