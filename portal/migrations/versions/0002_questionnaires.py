"""questionnaire responses, routing decisions, service lines

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 01:08:58.077672
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('questionnaire_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('last_step', sa.String(length=60), nullable=True),
    sa.Column('started_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('route_id', sa.String(length=60), nullable=True),
    sa.Column('advised_outcome', sa.String(length=60), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.Column('scores', sa.JSON(), nullable=True),
    sa.Column('bands', sa.JSON(), nullable=True),
    sa.Column('signals', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['user_account.id'], name=op.f('fk_questionnaire_response_applicant_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_response'))
    )
    with op.batch_alter_table('questionnaire_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questionnaire_response_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index('ix_questionnaire_response_open', ['applicant_id', 'questionnaire_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_questionnaire_response_submitted_at'), ['submitted_at'], unique=False)

    op.create_table('routing_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('advised_outcome', sa.String(length=60), nullable=False),
    sa.Column('final_outcome', sa.String(length=60), nullable=False),
    sa.Column('overridden', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_routing_decision_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['response_id'], ['questionnaire_response.id'], name=op.f('fk_routing_decision_response_id_questionnaire_response')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routing_decision')),
    sa.UniqueConstraint('response_id', name=op.f('uq_routing_decision_response_id'))
    )
    op.create_table('service_line',
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=60), nullable=False),
    sa.Column('activity', sa.String(length=60), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('since', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['user_account.id'], name=op.f('fk_service_line_applicant_id_user_account')),
    sa.ForeignKeyConstraint(['decision_id'], ['routing_decision.id'], name=op.f('fk_service_line_decision_id_routing_decision')),
    sa.PrimaryKeyConstraint('applicant_id', name=op.f('pk_service_line'))
    )


def downgrade() -> None:
    op.drop_table('service_line')
    op.drop_table('routing_decision')
    with op.batch_alter_table('questionnaire_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questionnaire_response_submitted_at'))
        batch_op.drop_index('ix_questionnaire_response_open')
        batch_op.drop_index(batch_op.f('ix_questionnaire_response_applicant_id'))

    op.drop_table('questionnaire_response')
