"""Contest and delegate: the applicant's objection to the advice; mandates of representatives
(court decisions and the person's consent) with what was done under them; the person and topic
of a mail, for the letters page and copies to representatives. The advice queue's order puts
objected advice first (`queue_rank`, leading the partial index of undecided responses); the
monthly advice figures also count objections and how many changed the advice (none before
this revision: objections begin with it).

Revision ID: contest
Revises: privacy
Create Date: 2026-11-28 11:45:52
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = 'contest'
down_revision = 'privacy'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mandate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('representative_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('document_file_id', sa.Integer(), nullable=True),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('active_from', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('code_hash', sa.String(length=64), nullable=True),
    sa.Column('code_expires_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_file_id'], ['stored_file.id'], name=op.f('fk_mandate_document_file_id_stored_file')),
    sa.ForeignKeyConstraint(['ended_by_id'], ['user_account.id'], name=op.f('fk_mandate_ended_by_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_mandate_person_id_user_account')),
    sa.ForeignKeyConstraint(['registered_by_id'], ['user_account.id'], name=op.f('fk_mandate_registered_by_id_user_account')),
    sa.ForeignKeyConstraint(['representative_id'], ['user_account.id'], name=op.f('fk_mandate_representative_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate'))
    )
    with op.batch_alter_table('mandate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandate_code_hash'), ['code_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_mandate_document_file_id'), ['document_file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mandate_ended_by_id'), ['ended_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mandate_registered_by_id'), ['registered_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mandate_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mandate_representative_id'), ['representative_id'], unique=False)

    op.create_table('routing_objection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=False),
    sa.Column('made_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_routing_objection_answered_by_id_user_account')),
    sa.ForeignKeyConstraint(['made_by_id'], ['user_account.id'], name=op.f('fk_routing_objection_made_by_id_user_account')),
    sa.ForeignKeyConstraint(['response_id'], ['questionnaire_response.id'], name=op.f('fk_routing_objection_response_id_questionnaire_response')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routing_objection')),
    sa.UniqueConstraint('response_id', name=op.f('uq_routing_objection_response_id'))
    )
    with op.batch_alter_table('routing_objection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_routing_objection_answered_by_id'), ['answered_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_routing_objection_made_by_id'), ['made_by_id'], unique=False)

    with op.batch_alter_table('routing_figure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('objections', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('objections_changed', sa.Integer(), server_default='0', nullable=False))

    op.drop_index('ix_questionnaire_response_undecided', table_name='questionnaire_response')
    with op.batch_alter_table('questionnaire_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queue_rank', sa.Integer(), server_default='1', nullable=False))
    _undecided_index(['queue_rank', 'submitted_at', 'id'])
    op.create_table('mandate_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandate.id'], name=op.f('fk_mandate_action_mandate_id_mandate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate_action'))
    )
    with op.batch_alter_table('mandate_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandate_action_mandate_id'), ['mandate_id'], unique=False)

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('topic', sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_about_id'), ['about_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_about_id_user_account'), 'user_account', ['about_id'], ['id'], ondelete='SET NULL')



def _undecided_index(columns: list[str]) -> None:
    """The advice queue's partial index (as in 'scale'), on `columns`."""
    op.create_index(
        'ix_questionnaire_response_undecided',
        'questionnaire_response',
        columns,
        unique=False,
        sqlite_where=sa.text("status = 'submitted' AND decided IS 0"),
        postgresql_where=sa.text("status = 'submitted' AND decided IS false"),
    )


def downgrade() -> None:
    op.drop_index('ix_questionnaire_response_undecided', table_name='questionnaire_response')
    with op.batch_alter_table('questionnaire_response', schema=None) as batch_op:
        batch_op.drop_column('queue_rank')
    _undecided_index(['submitted_at', 'id'])

    with op.batch_alter_table('routing_figure', schema=None) as batch_op:
        batch_op.drop_column('objections_changed')
        batch_op.drop_column('objections')

    with op.batch_alter_table('routing_objection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_routing_objection_made_by_id'))
        batch_op.drop_index(batch_op.f('ix_routing_objection_answered_by_id'))

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_about_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_message_about_id'))
        batch_op.drop_column('topic')
        batch_op.drop_column('about_id')

    with op.batch_alter_table('mandate_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandate_action_mandate_id'))

    op.drop_table('mandate_action')
    op.drop_table('routing_objection')
    with op.batch_alter_table('mandate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandate_representative_id'))
        batch_op.drop_index(batch_op.f('ix_mandate_person_id'))
        batch_op.drop_index(batch_op.f('ix_mandate_code_hash'))
        batch_op.drop_index(batch_op.f('ix_mandate_document_file_id'))
        batch_op.drop_index(batch_op.f('ix_mandate_ended_by_id'))
        batch_op.drop_index(batch_op.f('ix_mandate_registered_by_id'))

    op.drop_table('mandate')
