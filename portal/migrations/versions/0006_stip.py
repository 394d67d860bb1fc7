"""STIP: locations, volunteers, assisted sessions and their actions; log entries remember
the session they were added in. Help codes are account tokens (purpose "help").

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 03:26:09.402862
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stip_location',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('opening_hours', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stip_location')),
    sa.UniqueConstraint('name', name=op.f('uq_stip_location_name'))
    )
    op.create_table('stip_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('started_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('consented_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expires_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_by', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['stip_location.id'], name=op.f('fk_stip_session_location_id_stip_location')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_stip_session_person_id_user_account')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['user_account.id'], name=op.f('fk_stip_session_volunteer_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stip_session'))
    )
    with op.batch_alter_table('stip_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stip_session_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stip_session_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('stip_volunteer',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['stip_location.id'], name=op.f('fk_stip_volunteer_location_id_stip_location')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_stip_volunteer_user_id_user_account')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_stip_volunteer'))
    )
    with op.batch_alter_table('stip_volunteer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stip_volunteer_location_id'), ['location_id'], unique=False)

    op.create_table('stip_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['stip_session.id'], name=op.f('fk_stip_action_session_id_stip_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stip_action'))
    )
    with op.batch_alter_table('stip_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stip_action_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assisted_session_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_werkmap_entry_assisted_session_id_stip_session'), 'stip_session', ['assisted_session_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_werkmap_entry_assisted_session_id_stip_session'), type_='foreignkey')
        batch_op.drop_column('assisted_session_id')

    with op.batch_alter_table('stip_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stip_action_session_id'))

    op.drop_table('stip_action')
    with op.batch_alter_table('stip_volunteer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stip_volunteer_location_id'))

    op.drop_table('stip_volunteer')
    with op.batch_alter_table('stip_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stip_session_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_stip_session_person_id'))

    op.drop_table('stip_session')
    op.drop_table('stip_location')
