"""Management figures: a row of facts per person in the file (filled by `portal init-db` or
`portal figures rebuild` from the records that exist), the team lead's goals, and an index on
the date of every event the figures count by period.

Revision ID: figures
Revises: 0008
Create Date: 2026-11-28 10:27:59.074089
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = 'figures'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
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

    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index('ix_figures_application_applied_on', ['applied_on'], unique=False)
        batch_op.create_index('ix_figures_application_ended_at', ['ended_at'], unique=False)

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index('ix_figures_assessment_assessed_at', ['assessed_at'], unique=False)

    with op.batch_alter_table('coaching_review', schema=None) as batch_op:
        batch_op.create_index('ix_figures_coaching_review_done_at', ['done_at'], unique=False)

    with op.batch_alter_table('conversation_invite', schema=None) as batch_op:
        batch_op.create_index('ix_figures_conversation_invite_starts_at', ['starts_at'], unique=False)

    with op.batch_alter_table('routing_decision', schema=None) as batch_op:
        batch_op.create_index('ix_figures_routing_decision_decided_at', ['decided_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('routing_decision', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_routing_decision_decided_at')

    with op.batch_alter_table('conversation_invite', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_conversation_invite_starts_at')

    with op.batch_alter_table('coaching_review', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_coaching_review_done_at')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_assessment_assessed_at')

    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_application_ended_at')
        batch_op.drop_index('ix_figures_application_applied_on')

    with op.batch_alter_table('figures_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_person_team_id'))
        batch_op.drop_index(batch_op.f('ix_figures_person_self_starter_on'))
        batch_op.drop_index('ix_figures_person_file')

    op.drop_table('figures_person')
    with op.batch_alter_table('figures_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_goal_team_id'))
        batch_op.drop_index(batch_op.f('ix_figures_goal_created_by_id'))

    op.drop_table('figures_goal')
