"""Hardening: the outbox keeps one-time links and codes encrypted until sent (the links in mail
sent before are removed from the stored bodies); the audit log gets the client address and the
result, a hash chain over every row (the rows so far are chained in id order) with its head in
audit_chain, and a trigger that refuses UPDATE and DELETE (on PostgreSQL also TRUNCATE).

Revision ID: hardening_infra
Revises: hard_flows
Create Date: 2026-11-28 10:00:00
"""

import hashlib
import json
import re
from datetime import UTC

import sqlalchemy as sa
from alembic import op

revision = "hardening_infra"
down_revision = "hard_flows"
branch_labels = None
depends_on = None


GENESIS = "0" * 64

POSTGRES_TRIGGERS = (
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
    END $$""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
)
SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END""",
)


def upgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("secret", sa.Text(), nullable=True))
    _redact_sent_links()
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("client", sa.String(64), nullable=True))
        batch.add_column(sa.Column("result", sa.String(20), nullable=True))
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=True))
    head_seq, head_hash = _chain_existing_rows()
    with op.batch_alter_table("audit_event") as batch:
        for name in ("result", "seq", "prev_hash", "hash"):
            batch.alter_column(name, nullable=False)
        batch.create_unique_constraint("uq_audit_event_seq", ["seq"])
    chain = op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_chain"),
    )
    op.bulk_insert(chain, [{"id": 1, "seq": head_seq, "hash": head_hash}])
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def _chain_existing_rows() -> tuple[int, str]:
    """Chain the rows written before this release, in id order, as portal.audit does."""
    conn = op.get_bind()
    audit = sa.table(
        "audit_event",
        *(sa.column(name) for name in ("id", "at", "actor_id", "action", "subject_type")),
        *(sa.column(name) for name in ("subject_id", "detail", "result", "seq", "prev_hash")),
        sa.column("hash"),
    )
    rows = conn.execute(
        sa.select(
            audit.c.id,
            audit.c.at,
            audit.c.actor_id,
            audit.c.action,
            audit.c.subject_type,
            audit.c.subject_id,
            audit.c.detail,
        ).order_by(audit.c.id)
    ).all()
    prev, seq = GENESIS, 0
    for row_id, at, actor_id, action, subject_type, subject_id, detail in rows:
        seq += 1
        stamp = _utc(at).isoformat()
        content = [seq, prev, stamp, actor_id, action, subject_type, subject_id, detail, None, "ok"]
        digest = hashlib.sha256(json.dumps(content, ensure_ascii=True).encode()).hexdigest()
        conn.execute(
            audit.update()
            .where(audit.c.id == row_id)
            .values(result="ok", seq=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    return seq, prev


def _utc(value):
    """As portal.db.UTCDateTime reads it back: aware UTC (SQLite gives naive UTC, or text)."""
    if isinstance(value, str):
        value = sa.DateTime().result_processor(op.get_bind().dialect, None)(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _redact_sent_links() -> None:
    """Sent mail kept its one-time links in the body: take the tokens out (waiting mail keeps
    them, or it could not be sent; it is encrypted from the next message on)."""
    conn = op.get_bind()
    outbox = sa.table("outbox_message", sa.column("id"), sa.column("body_text"), sa.column("sent_at"))
    rows = conn.execute(
        sa.select(outbox.c.id, outbox.c.body_text).where(
            outbox.c.sent_at.is_not(None), outbox.c.body_text.like("%token=%")
        )
    ).all()
    for row_id, body in rows:
        conn.execute(
            outbox.update()
            .where(outbox.c.id == row_id)
            .values(body_text=re.sub(r"token=[^\s&]+", "token=[removed]", body))
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_no_truncate ON audit_event")
        op.execute("DROP TRIGGER audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION audit_event_append_only()")
    else:
        op.execute("DROP TRIGGER audit_event_no_update")
        op.execute("DROP TRIGGER audit_event_no_delete")
    op.drop_table("audit_chain")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_constraint("uq_audit_event_seq", type_="unique")
        for name in ("hash", "prev_hash", "seq", "result", "client"):
            batch.drop_column(name)
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_column("secret")
