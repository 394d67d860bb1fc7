"""Privacy: applicants' correction requests, and an audit log whose oldest rows may be removed
when their retention period ends (a prefix of the chain; the trigger refuses every other
change or removal, as before).

Revision ID: privacy
Revises: beheer
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from portal.db import UTCDateTime

revision = "privacy"
down_revision = "beheer"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
KEPT = "(SELECT pruned_seq FROM audit_chain WHERE id = 1)"

POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.seq <= {KEPT} THEN
        RETURN OLD;  -- retention: rows up to audit_chain.pruned_seq may go
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END $$"""
POSTGRES_FUNCTION_BEFORE = """CREATE OR REPLACE FUNCTION audit_event_append_only()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END $$"""
SQLITE_DELETE = f"""CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
WHEN OLD.seq > {KEPT}
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END"""
SQLITE_DELETE_BEFORE = """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only: DELETE refused'); END"""


def upgrade() -> None:
    op.create_table(
        "correction_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("should_be", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["user_account.id"],
            name=op.f("fk_correction_request_person_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["user_account.id"],
            name=op.f("fk_correction_request_answered_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction_request")),
    )
    op.create_index(op.f("ix_correction_request_person_id"), "correction_request", ["person_id"])
    op.create_index(op.f("ix_correction_request_status"), "correction_request", ["status"])
    op.create_index(
        op.f("ix_correction_request_answered_by_id"), "correction_request", ["answered_by_id"]
    )
    with op.batch_alter_table("audit_chain") as batch:
        batch.add_column(sa.Column("pruned_seq", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("pruned_hash", sa.String(length=64), nullable=False, server_default=GENESIS)
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
    else:
        op.execute("DROP TRIGGER audit_event_no_delete")
        op.execute(SQLITE_DELETE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION_BEFORE)
    else:
        op.execute("DROP TRIGGER audit_event_no_delete")
        op.execute(SQLITE_DELETE_BEFORE)
    with op.batch_alter_table("audit_chain") as batch:
        batch.drop_column("pruned_hash")
        batch.drop_column("pruned_seq")
    op.drop_index(op.f("ix_correction_request_answered_by_id"), table_name="correction_request")
    op.drop_index(op.f("ix_correction_request_status"), table_name="correction_request")
    op.drop_index(op.f("ix_correction_request_person_id"), table_name="correction_request")
    op.drop_table("correction_request")
