"""The audit log is append-only and verifiable: client address and result on every row, a
hash chain that concurrent writers do not fork, `portal audit verify`, and a database that
refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE)."""

import json
import logging
import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from portal import audit
from portal.audit import GENESIS, AuditChain, AuditEvent
from portal.db import db, unit_of_work
from portal.roles import Role


def _write(count: int, action: str = "file.open") -> None:
    with unit_of_work():
        for n in range(count):
            audit.record(None, action, "user", n + 1, detail=f"n={n}")


@contextmanager
def _tampering():
    """What an intruder with the table owner's rights could do: pass the triggers by."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            yield conn
            return
        triggers = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE name LIKE 'audit_event_no_%'")
        ).all()
        for name, _sql in triggers:
            conn.execute(text(f'DROP TRIGGER "{name}"'))
        yield conn
        for _name, sql in triggers:
            conn.execute(text(sql))


def _verify_command(app, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        result = app.test_cli_runner().invoke(args=["audit", "verify"])
    [line] = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    return result, json.loads(line)


def test_a_row_holds_who_what_result_and_where_from(client, login_as, make_user, make_response):
    consultant = login_as(Role.CONSULTANT)
    response = make_response(make_user(Role.APPLICANT))
    client.get(f"/advice/{response.id}", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "questionnaire.view"))
    assert row.actor_id == consultant.id and row.client == "203.0.113.7"
    assert row.result == "ok" and row.seq == 1 and row.prev_hash == GENESIS
    assert row.hash == row.content_hash(GENESIS)
    assert audit.verify().intact


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET detail = 'nothing happened'",
        "DELETE FROM audit_event",
        "UPDATE audit_event SET actor_id = NULL WHERE seq = 1",
    ],
)
def test_the_database_refuses_to_change_or_remove_a_row(app, statement):
    _write(2)
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text(statement))
    assert audit.verify().intact and audit.verify().rows == 2


def test_truncate_is_refused_too(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    _write(1)
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_event"))


def test_verify_finds_the_first_changed_row(app, caplog):
    _write(5)
    with _tampering() as conn:
        conn.execute(text("UPDATE audit_event SET detail = 'n=9' WHERE seq = 3"))
    checked = audit.verify()
    changed = db.session.scalar(select(AuditEvent.id).where(AuditEvent.seq == 3))
    assert not checked.intact and checked.broken_seq == 3 and checked.broken_id == changed
    assert "changed" in checked.reason
    result, logged = _verify_command(app, caplog)
    assert result.exit_code == 1 and f"row id {changed}" in result.output
    assert logged["event"] == "audit.verify" and logged["result"] == "broken"


def test_verify_finds_a_row_taken_out_of_the_middle(app):
    _write(4)
    with _tampering() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    checked = audit.verify()
    assert checked.broken_seq == 3 and "missing" in checked.reason


def test_verify_finds_rows_taken_off_the_end(app):
    _write(4)
    with _tampering() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq >= 3"))
    checked = audit.verify()
    assert not checked.intact and "gone" in checked.reason


def test_verify_reports_an_intact_chain(app, caplog):
    _write(3)
    result, logged = _verify_command(app, caplog)
    head = db.session.get(AuditChain, 1)
    assert result.exit_code == 0 and "3 rows, chain intact" in result.output
    assert head.hash in result.output  # to keep as an anchor outside the database
    assert logged["result"] == "ok" and f"head={head.hash}" in logged["detail"]


def test_a_rolled_back_transaction_leaves_no_row_and_no_gap(app):
    _write(1)
    with pytest.raises(RuntimeError), unit_of_work():  # noqa: PT012
        audit.record(None, "file.open", "user", 9)
        raise RuntimeError("the cause failed")
    _write(1)
    assert list(db.session.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq))) == [1, 2]
    assert audit.verify().intact


def test_concurrent_writers_do_not_fork_the_chain(app):
    """Eight threads, each with its own connection, write 10 transactions of 3 rows."""
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer() -> None:
        try:
            with app.app_context():
                start.wait()
                for _ in range(10):
                    _write(3, action="concurrent")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    checked = audit.verify()
    assert checked.intact, checked.reason
    assert checked.rows == 240 == db.session.scalar(select(func.count(AuditEvent.id)))
    assert db.session.get(AuditChain, 1).seq == 240


def test_a_record_apart_is_chained_like_the_others(app):
    """What must stay when the request's transaction rolls back (a refused upload)."""
    _write(1)
    with pytest.raises(RuntimeError), unit_of_work():  # noqa: PT012
        audit.record(None, "file.open", "user", 9)
        audit.record_apart(
            db.engine,
            [{"action": "upload.infected", "subject_type": "user", "subject_id": 9,
              "result": "refused", "client": "203.0.113.7"}],
        )  # fmt: skip
        raise RuntimeError("the upload was refused")
    rows = db.session.execute(select(AuditEvent.seq, AuditEvent.action, AuditEvent.result)).all()
    assert sorted(rows) == [(1, "file.open", "ok"), (2, "upload.infected", "refused")]
    assert audit.verify().intact
