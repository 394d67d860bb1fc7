"""Hardening: the outbox keeps one-time links and codes encrypted until sent; the links in
mail sent before this release are removed from the stored bodies.

Revision ID: hardening_infra
Revises: 0008
Create Date: 2026-11-28 10:00:00
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "hardening_infra"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("secret", sa.Text(), nullable=True))
    _redact_sent_links()


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
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_column("secret")
