"""The personal activation plan: goals and steps owned by the applicant, proposals and
comments of the coach, the history of every change, the agreement (a version marked agreed by
the coach and confirmed by the person).

Revision ID: plan
Revises: noemail
Create Date: 2026-11-28 14:47:10.535410
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = 'plan'
down_revision = 'labour_scan'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('agreed_version', sa.Integer(), nullable=True),
    sa.Column('agreed_by_id', sa.Integer(), nullable=True),
    sa.Column('agreed_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('confirmed_version', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agreed_by_id'], ['user_account.id'], name=op.f('fk_plan_agreed_by_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_plan_person_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('person_id', name=op.f('uq_plan_person_id'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_agreed_by_id'), ['agreed_by_id'], unique=False)

    op.create_table('plan_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_plan_comment_author_id_user_account')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_comment_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_comment'))
    )
    with op.batch_alter_table('plan_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_comment_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_comment_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('occupation', sa.String(length=200), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_plan_goal_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_goal_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal'))
    )
    with op.batch_alter_table('plan_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_goal_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_goal_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_plan_proposal_by_id_user_account')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_plan_proposal_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_proposal_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_proposal'))
    )
    with op.batch_alter_table('plan_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_proposal_by_id'), ['by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_proposal_decided_by_id'), ['decided_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_proposal_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('helper', sa.String(length=200), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_plan_action_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_action_goal_id_plan_goal')),
    sa.ForeignKeyConstraint(['service_id'], ['catalogue_service.id'], name=op.f('fk_plan_action_service_id_catalogue_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action'))
    )
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_action_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_action_service_id'), ['service_id'], unique=False)

    op.create_table('plan_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('assisted_session_id', sa.Integer(), nullable=True),
    sa.Column('proposal_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_plan_change_actor_id_user_account')),
    sa.ForeignKeyConstraint(['assisted_session_id'], ['stip_session.id'], name=op.f('fk_plan_change_assisted_session_id_stip_session')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_change_plan_id_plan')),
    sa.ForeignKeyConstraint(['proposal_id'], ['plan_proposal.id'], name=op.f('fk_plan_change_proposal_id_plan_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_change'))
    )
    with op.batch_alter_table('plan_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_change_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_change_assisted_session_id'), ['assisted_session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_change_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_change_proposal_id'), ['proposal_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('plan_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_change_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_plan_change_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_change_assisted_session_id'))
        batch_op.drop_index(batch_op.f('ix_plan_change_actor_id'))

    op.drop_table('plan_change')
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_service_id'))
        batch_op.drop_index(batch_op.f('ix_plan_action_goal_id'))
        batch_op.drop_index(batch_op.f('ix_plan_action_created_by_id'))

    op.drop_table('plan_action')
    with op.batch_alter_table('plan_proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_proposal_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_proposal_decided_by_id'))
        batch_op.drop_index(batch_op.f('ix_plan_proposal_by_id'))

    op.drop_table('plan_proposal')
    with op.batch_alter_table('plan_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_goal_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_goal_created_by_id'))

    op.drop_table('plan_goal')
    with op.batch_alter_table('plan_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_comment_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_comment_author_id'))

    op.drop_table('plan_comment')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_agreed_by_id'))

    op.drop_table('plan')
