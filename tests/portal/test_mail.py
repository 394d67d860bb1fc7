"""The outbox against a real SMTP server (aiosmtpd): down, then up; nothing lost."""

import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage, SMTPTransport, queue_mail, retry_delay, send_due


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd API
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_app(make_app):
    port = free_port()
    app = make_app(
        MAIL_BACKEND="smtp",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
        SMTP_TIMEOUT=3,
        MAIL_RETRY_BASE_SECONDS=30,
    )
    with app.app_context():
        yield app, port


def _queue(app, to="someone@example.nl"):
    with app.test_request_context(), unit_of_work():
        return queue_mail(
            to,
            "reset_password",
            "nl",
            user=type("U", (), {"first_name": "Jo"}),
            link="http://portal.test/reset-password?token=abc",
        ).id


def test_smtp_down_then_up_loses_nothing(smtp_app):
    app, port = smtp_app
    message_id = _queue(app)
    now = utcnow()
    assert send_due(now=now) == {"sent": 0, "failed": 1}
    db.session.expire_all()
    message = db.session.get(OutboxMessage, message_id)
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error == "ConnectionRefusedError"
    assert message.next_attempt_at == now + timedelta(seconds=30)
    assert send_due(now=now + timedelta(seconds=10)) == {"sent": 0, "failed": 0}  # not yet due
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert send_due(now=now + timedelta(seconds=31)) == {"sent": 1, "failed": 0}
    finally:
        controller.stop()
    assert len(collector.messages) == 1
    envelope = collector.messages[0]
    assert envelope.rcpt_tos == ["someone@example.nl"]
    parsed = message_from_bytes(envelope.content, policy=policy.default)
    assert parsed["Subject"].startswith("Kies een nieuw wachtwoord")
    assert "/reset-password?token=abc" in parsed.get_content()
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message_id).sent_at is not None
    assert send_due(now=now + timedelta(hours=2)) == {"sent": 0, "failed": 0}  # never twice


def test_backoff_doubles_and_is_capped():
    assert [retry_delay(n, 30, 3600).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(20, 30, 3600).total_seconds() == 3600


def test_mail_is_part_of_the_transaction_of_its_cause(app):

    with pytest.raises(RuntimeError), app.test_request_context(), unit_of_work():  # noqa: PT012
        queue_mail(
            "a@example.nl",
            "reset_password",
            "nl",
            user=type("U", (), {"first_name": "Jo"}),
            link="http://x/",
        )
        raise RuntimeError("the cause failed")
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_a_claimed_message_is_not_sent_twice(smtp_app):
    app, _port = smtp_app
    message_id = _queue(app)
    now = utcnow()
    with unit_of_work():
        db.session.get(OutboxMessage, message_id).claimed_until = now + timedelta(minutes=5)
    sent = []

    class Recorder:
        def send(self, message):
            sent.append(message.id)

    assert send_due(transport=Recorder(), now=now) == {"sent": 0, "failed": 0}
    assert send_due(transport=Recorder(), now=now + timedelta(minutes=6))["sent"] == 1
    assert sent == [message_id]


def test_mail_is_rendered_in_the_recipient_language(app):
    with app.test_request_context(), unit_of_work():
        english = queue_mail(
            "a@example.nl",
            "reset_password",
            "en",
            user=type("U", (), {"first_name": "Jo"}),
            link="http://x/",
        )
    assert english.subject.startswith("Choose a new password")
    assert english.body_text.startswith("Dear Jo,")


def test_smtp_transport_uses_login_when_configured(app):
    transport = SMTPTransport(
        {**app.config, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": free_port(), "SMTP_TIMEOUT": 1}
    )
    with pytest.raises(OSError):  # noqa: PT011 -- refused or timed out: any socket error
        transport.send(OutboxMessage(id=1, recipient="a@example.nl", subject="s", body_text="b"))


def test_cli_send_mail_runs_the_worker(app):
    _queue(app)
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0 and "1 sent" in result.output


def test_attachment_reaches_the_smtp_server(smtp_app):
    app, port = smtp_app
    with app.test_request_context(), unit_of_work():
        queue_mail(
            "a@example.nl",
            "reset_password",
            "nl",
            attachment=("gesprek.ics", "text/calendar", "BEGIN:VCALENDAR\r\n"),
            user=type("U", (), {"first_name": "Jo"}),
            link="http://x/",
        )
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert send_due()["sent"] == 1
    finally:
        controller.stop()
    parsed = message_from_bytes(collector.messages[0].content, policy=policy.default)
    [attachment] = list(parsed.iter_attachments())
    assert attachment.get_filename() == "gesprek.ics"
    assert attachment.get_content_type() == "text/calendar"
