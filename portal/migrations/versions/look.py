"""Look and settings from a screen: policy values and the municipality's look chosen by a
functional administrator (the configuration's values are the defaults), the history of every
change, and uploaded logos.

Revision ID: look
Revises: plan
Create Date: 2026-11-28 15:00:00
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = 'look'
down_revision = 'plan'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('policy_setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_policy_setting'))
    )
    op.create_table('policy_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('changed_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_policy_change_changed_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_change'))
    )
    with op.batch_alter_table('policy_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_change_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_change_changed_by_id'), ['changed_by_id'], unique=False)

    op.create_table('theme_logo',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest', name=op.f('pk_theme_logo'))
    )


def downgrade() -> None:
    op.drop_table('theme_logo')
    with op.batch_alter_table('policy_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_change_changed_by_id'))
        batch_op.drop_index(batch_op.f('ix_policy_change_key'))
    op.drop_table('policy_change')
    op.drop_table('policy_setting')
