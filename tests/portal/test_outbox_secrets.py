"""No usable token at rest in the outbox: one-time links and codes are kept encrypted until the
mail is sent, then blanked; sent mail is deleted after PORTAL_MAIL_KEEP_DAYS."""

import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, select, text

from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage, purge_sent, queue_mail, send_due, text_to_send
from portal.migrate import upgrade
from portal.roles import Role
from tests.portal.test_mail import Collector, free_port
from tests.portal.test_migrations import empty_database_url  # noqa: F401 -- a fixture


def _outbox_as_stored() -> str:
    """Every value of every outbox row, as a reader of the table (or a backup) sees it."""
    rows = db.session.execute(text("SELECT * FROM outbox_message")).all()
    return "\n".join(str(value) for row in rows for value in row)


@pytest.fixture
def smtp(make_app):
    port = free_port()
    app = make_app(MAIL_BACKEND="smtp", SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_TIMEOUT=3)
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield app, collector
    controller.stop()


def test_a_reset_link_is_never_readable_in_the_outbox_table(app, smtp, make_user, client):
    """The finding: live reset links stayed readable in the outbox table after sending."""
    smtp_app, collector = smtp
    make_user(email="jo@example.nl")
    client.submit("/forgot-password", {"email": "jo@example.nl"})
    waiting = _outbox_as_stored()
    with smtp_app.app_context():
        assert send_due() == {"sent": 1, "failed": 0}
    received = message_from_bytes(collector.messages[0].content, policy=policy.default)
    link = re.search(r"http://portal\.test(/reset-password\?token=\S+)", received.get_content())[1]
    token = link.split("token=")[1]
    assert token not in waiting  # encrypted while waiting
    db.session.expire_all()
    assert token not in _outbox_as_stored()  # and gone once sent
    assert db.session.scalar(select(OutboxMessage)).secret is None
    assert 'name="password"' in client.get(link).get_data(as_text=True)  # the mail's link works


def test_the_activation_link_of_an_invitation_is_encrypted_too(app, client, login_as):
    login_as(Role.TEAM_LEAD)
    client.submit(
        "/admin/accounts/invite", {"name": "Eva", "email": "eva@example.nl", "role": "ecoach"}
    )
    mail = db.session.scalar(select(OutboxMessage))
    token = re.search(r"token=(\S+)", text_to_send(mail))[1]
    assert token not in _outbox_as_stored() and "[[secret:link]]" in mail.body_text


def test_the_confirmation_link_of_a_self_registration_is_encrypted_too(app, client):
    client.submit(
        "/apply",
        {"name": "Jan Jansen", "born_on": "1980-05-17", "email": "jan@example.nl", "phone": ""},
    )
    mail = db.session.scalar(select(OutboxMessage))
    token = re.search(r"/apply/confirm\?token=(\S+)", text_to_send(mail))[1]
    assert token not in _outbox_as_stored() and "[[secret:link]]" in mail.body_text


def test_the_demo_mailbox_keeps_the_link_after_sending(make_app, make_user):
    demo = make_app(PORTAL_DEMO=True)
    make_user(email="jo@example.nl")
    client = demo.test_client()
    client.submit("/forgot-password", {"email": "jo@example.nl"})
    with demo.app_context():
        assert send_due() == {"sent": 1, "failed": 0}
        message_id = db.session.scalar(select(OutboxMessage.id))
    page = client.get(f"/dev/mailbox/{message_id}").get_data(as_text=True)
    assert "/reset-password?token=" in page


def _queued(app) -> int:
    with app.test_request_context(), unit_of_work():
        return queue_mail(
            "a@example.nl",
            "reset_password",
            "nl",
            user=type("U", (), {"first_name": "Jo"}),
            secret={"link": "http://portal.test/reset-password?token=SECRET-123"},
        ).id


def test_after_a_key_rotation_the_old_key_still_reads_waiting_mail(make_app, smtp):
    smtp_app, collector = smtp
    old = make_app(SECRET_KEY="o" * 40)
    message_id = _queued(old)
    rotated = make_app(
        SECRET_KEY="n" * 40,
        SECRET_KEY_FALLBACKS=["o" * 40],
        MAIL_BACKEND="smtp",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_app.config["SMTP_PORT"],
    )
    with rotated.app_context():
        assert send_due() == {"sent": 1, "failed": 0}
        assert db.session.get(OutboxMessage, message_id).secret is None
    received = message_from_bytes(collector.messages[0].content, policy=policy.default)
    assert "token=SECRET-123" in received.get_content()


def test_without_the_key_the_mail_waits_and_is_not_lost(make_app):
    message_id = _queued(make_app(SECRET_KEY="o" * 40))
    with make_app(SECRET_KEY="n" * 40, MAIL_BACKEND="smtp").app_context():
        assert send_due() == {"sent": 0, "failed": 1}
        message = db.session.get(OutboxMessage, message_id)
        assert message.sent_at is None and message.last_error == "InvalidToken"
        assert message.secret is not None


def test_sent_mail_is_deleted_after_the_days_to_keep(app, make_app):
    now = utcnow()
    ids = [_queued(app) for _ in range(3)]
    with unit_of_work():
        db.session.get(OutboxMessage, ids[0]).sent_at = now - timedelta(days=31)
        db.session.get(OutboxMessage, ids[1]).sent_at = now - timedelta(days=29)
    assert app.config["PORTAL_MAIL_KEEP_DAYS"] == 30
    result = app.test_cli_runner().invoke(args=["run-scheduled"])
    assert "mail: 1 sent more than 30 days ago deleted" in result.output
    db.session.expire_all()
    assert sorted(db.session.scalars(select(OutboxMessage.id))) == ids[1:]  # waiting mail stays
    with unit_of_work():
        assert purge_sent(now, keep_days=1) == 1
    assert list(db.session.scalars(select(OutboxMessage.id))) == [ids[2]]


def test_the_migration_takes_the_tokens_out_of_mail_sent_before(empty_database_url):  # noqa: F811
    upgrade(empty_database_url, "routing")  # the revision before this branch
    engine = create_engine(empty_database_url)
    body = "Kies een wachtwoord: http://portal.test/reset-password?token=LIVE-TOKEN&x=1"
    with engine.begin() as conn:
        for sent in (utcnow().replace(tzinfo=None), None):
            conn.execute(
                text(
                    "INSERT INTO outbox_message (recipient, subject, body_text, created_at, "
                    "attempts, next_attempt_at, sent_at) VALUES ('a@example.nl', 's', :body, "
                    "CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP, :sent)"
                ),
                {"body": body, "sent": sent},
            )
    upgrade(empty_database_url)
    with engine.connect() as conn:
        sent, waiting = conn.execute(
            text("SELECT body_text FROM outbox_message ORDER BY sent_at IS NULL")
        ).scalars()
    engine.dispose()
    assert "LIVE-TOKEN" not in sent and "token=[removed]&x=1" in sent
    assert waiting == body  # still to be sent: kept
