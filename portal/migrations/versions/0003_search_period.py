"""applications, search periods, stored files

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 01:29:10.705923
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stored_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_name', sa.String(length=80), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_stored_file_owner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_file')),
    sa.UniqueConstraint('storage_name', name=op.f('uq_stored_file_storage_name'))
    )
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_file_owner_id'), ['owner_id'], unique=False)

    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('born_on', sa.Date(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('uwv_registered_on', sa.Date(), nullable=True),
    sa.Column('under_27', sa.Boolean(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_last_day', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('person_key', sa.String(length=240), nullable=False),
    sa.Column('uwv_stated_on', sa.Date(), nullable=True),
    sa.Column('cv_done_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cv_file_id', sa.Integer(), nullable=True),
    sa.Column('has_startkwalificatie', sa.Boolean(), nullable=True),
    sa.Column('school_looked_into_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('school_not_feasible', sa.Text(), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=True),
    sa.Column('ended_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['user_account.id'], name=op.f('fk_application_applicant_id_user_account')),
    sa.ForeignKeyConstraint(['cv_file_id'], ['stored_file.id'], name=op.f('fk_application_cv_file_id_stored_file')),
    sa.ForeignKeyConstraint(['registered_by_id'], ['user_account.id'], name=op.f('fk_application_registered_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index('ix_application_open', ['applicant_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_period_last_day'), ['period_last_day'], unique=False)
        batch_op.create_index('uq_application_open_person', ['person_key'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('job_search_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_job_search_entry_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_search_entry'))
    )
    with op.batch_alter_table('job_search_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_search_entry_application_id'), ['application_id'], unique=False)

    op.create_table('reminder_sent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('sent', sa.Boolean(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_reminder_sent_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_sent')),
    sa.UniqueConstraint('application_id', 'key', name=op.f('uq_reminder_sent_application_id'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('email',
               existing_type=sa.VARCHAR(length=254),
               nullable=True)



def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('email',
               existing_type=sa.VARCHAR(length=254),
               nullable=False)

    op.drop_table('reminder_sent')
    with op.batch_alter_table('job_search_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_search_entry_application_id'))

    op.drop_table('job_search_entry')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index('uq_application_open_person', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_application_period_last_day'))
        batch_op.drop_index('ix_application_open')
        batch_op.drop_index(batch_op.f('ix_application_applicant_id'))

    op.drop_table('application')
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_file_owner_id'))

    op.drop_table('stored_file')
