"""Several hosts on one PostgreSQL: mail workers claim with FOR UPDATE SKIP LOCKED, and
`portal run-scheduled` runs on one host at a time (an advisory lock)."""

import pytest
from sqlalchemy import text

from portal.db import advisory_lock, db, lock_key, unit_of_work, utcnow
from portal.mail import OutboxMessage, _claim_next

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL set (scripts/with-postgres.sh)")
    return db.engine


def test_a_second_worker_skips_the_message_another_holds(postgres):
    with unit_of_work():
        for n in range(2):
            db.session.add(OutboxMessage(recipient=f"r{n}@example.nl", subject="s", body_text="b"))
    with postgres.connect() as other:
        other.execute(text("SET statement_timeout = 5000"))
        held = other.execute(
            text("SELECT id FROM outbox_message ORDER BY id LIMIT 1 FOR UPDATE")
        ).scalar()
        db.session.execute(text("SET statement_timeout = 5000"))
        claimed = _claim_next(utcnow())
        assert claimed is not None and claimed.id != held
        other.rollback()


def test_run_scheduled_runs_on_one_host_at_a_time(postgres, app):
    with postgres.connect() as other:
        other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key("portal run-scheduled")})
        output = app.test_cli_runner().invoke(args=["run-scheduled"]).output
        assert "another host is running it now" in output
        other.execute(text("SELECT pg_advisory_unlock_all()"))
        other.commit()
    assert "reminders:" in app.test_cli_runner().invoke(args=["run-scheduled"]).output
    with advisory_lock(postgres, "x") as first, advisory_lock(postgres, "x") as second:
        assert first and not second
