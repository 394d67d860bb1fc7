"""Management figures: monthly counts of what happens, a row of facts per person in the file
and the file's counts per day (filled by `portal init-db` from the records that exist, and
kept by events from then on), and the team lead's goals.

Revision ID: figures
Revises: scale
Create Date: 2026-11-28 11:23:47.793312
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = 'figures'
down_revision = 'contest'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('figures_file_count',
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('team', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=60), nullable=False),
    sa.Column('dimension', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=12), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('on', 'team', 'scheme', 'outcome', 'dimension', 'value', name=op.f('pk_figures_file_count'))
    )
    op.create_table('figures_file_day',
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('made_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('on', name=op.f('pk_figures_file_day'))
    )
    op.create_table('figures_count',
    sa.Column('metric', sa.String(length=20), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('team', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('metric', 'month', 'team', 'key', name=op.f('pk_figures_count'))
    )
    op.create_table('figures_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('measure', sa.String(length=30), nullable=False),
    sa.Column('comparison', sa.String(length=10), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_figures_goal_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_figures_goal_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figures_goal'))
    )
    with op.batch_alter_table('figures_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figures_goal_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_goal_team_id'), ['team_id'], unique=False)

    op.create_table('figures_person',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('scheme', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=60), nullable=False),
    sa.Column('born_on', sa.Date(), nullable=True),
    sa.Column('gender', sa.String(length=12), nullable=True),
    sa.Column('barrier', sa.String(length=8), nullable=True),
    sa.Column('ladder_step', sa.Integer(), nullable=True),
    sa.Column('benefit_since', sa.Date(), nullable=True),
    sa.Column('in_file_on', sa.Date(), nullable=False),
    sa.Column('self_starter_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('left_status', sa.String(length=30), nullable=True),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_figures_person_person_id_user_account')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_figures_person_team_id_team')),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_figures_person'))
    )
    with op.batch_alter_table('figures_person', schema=None) as batch_op:
        batch_op.create_index('ix_figures_person_file', ['in_file_on', 'left_on', 'team_id', 'scheme', 'outcome', 'gender', 'barrier', 'born_on', 'benefit_since'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_person_self_starter_on'), ['self_starter_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_person_team_id'), ['team_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('figures_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_person_team_id'))
        batch_op.drop_index(batch_op.f('ix_figures_person_self_starter_on'))
        batch_op.drop_index('ix_figures_person_file')

    op.drop_table('figures_person')
    with op.batch_alter_table('figures_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_goal_team_id'))
        batch_op.drop_index(batch_op.f('ix_figures_goal_created_by_id'))

    op.drop_table('figures_goal')
    op.drop_table('figures_count')
    op.drop_table('figures_file_day')
    op.drop_table('figures_file_count')
