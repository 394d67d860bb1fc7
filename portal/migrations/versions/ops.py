"""Operations: when the scheduled jobs last finished (portal.heartbeat), for /metrics and the
health check.

Revision ID: ops
Revises: plan
Create Date: 2026-11-28 15:00:00
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = 'ops'
down_revision = 'look'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('job_run',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('finished_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_run'))
    )


def downgrade() -> None:
    op.drop_table('job_run')
