"""applications, search periods, files, teams, invites, assessments

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 01:38:27.447807
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('team',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team')),
    sa.UniqueConstraint('name', name=op.f('uq_team_name'))
    )
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
    sa.Column('team_id', sa.Integer(), nullable=True),
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
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_application_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index('ix_application_open', ['applicant_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_period_last_day'), ['period_last_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_team_id'), ['team_id'], unique=False)
        batch_op.create_index('uq_application_open_person', ['person_key'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('assessed_by_id', sa.Integer(), nullable=False),
    sa.Column('assessed_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_assessment_application_id_application')),
    sa.ForeignKeyConstraint(['assessed_by_id'], ['user_account.id'], name=op.f('fk_assessment_assessed_by_id_user_account')),
    sa.ForeignKeyConstraint(['corrects_id'], ['assessment.id'], name=op.f('fk_assessment_corrects_id_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment'))
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_application_id'), ['application_id'], unique=False)

    op.create_table('conversation_invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('mode', sa.String(length=12), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_conversation_invite_application_id_application')),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], name=op.f('fk_conversation_invite_invited_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_invite'))
    )
    with op.batch_alter_table('conversation_invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_invite_application_id'), ['application_id'], unique=False)

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
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachment_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('attachment_type', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('attachment_text', sa.Text(), nullable=True))

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.Integer(), nullable=True))
        batch_op.alter_column('email',
               existing_type=sa.VARCHAR(length=254),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_user_account_team_id'), ['team_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_account_team_id_team'), 'team', ['team_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_account_team_id_team'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_account_team_id'))
        batch_op.alter_column('email',
               existing_type=sa.VARCHAR(length=254),
               nullable=False)
        batch_op.drop_column('team_id')

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('attachment_text')
        batch_op.drop_column('attachment_type')
        batch_op.drop_column('attachment_name')

    op.drop_table('reminder_sent')
    with op.batch_alter_table('job_search_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_search_entry_application_id'))

    op.drop_table('job_search_entry')
    with op.batch_alter_table('conversation_invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_invite_application_id'))

    op.drop_table('conversation_invite')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_application_id'))

    op.drop_table('assessment')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index('uq_application_open_person', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_application_team_id'))
        batch_op.drop_index(batch_op.f('ix_application_period_last_day'))
        batch_op.drop_index('ix_application_open')
        batch_op.drop_index(batch_op.f('ix_application_applicant_id'))

    op.drop_table('application')
    with op.batch_alter_table('stored_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_file_owner_id'))

    op.drop_table('stored_file')
    op.drop_table('team')
