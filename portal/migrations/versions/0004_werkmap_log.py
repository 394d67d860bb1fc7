"""werkmap log replaces the minimal search-period log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 02:08:27.984836
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('werkmap_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('vacancy', sa.String(length=500), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_werkmap_entry_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_werkmap_entry_owner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_werkmap_entry'))
    )
    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.create_index('ix_werkmap_entry_owner_day', ['owner_id', 'day'], unique=False)

    op.create_table('werkmap_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_werkmap_status_change_by_id_user_account')),
    sa.ForeignKeyConstraint(['entry_id'], ['werkmap_entry.id'], name=op.f('fk_werkmap_status_change_entry_id_werkmap_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_werkmap_status_change'))
    )
    with op.batch_alter_table('werkmap_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_werkmap_status_change_entry_id'), ['entry_id'], unique=False)

    # Keep every logged application: move the minimal log into the Werkmap.
    op.execute(
        "INSERT INTO werkmap_entry (owner_id, day, kind, organisation, job_title, vacancy, "
        "contact, status, notes, created_at, updated_at, version) "
        "SELECT a.applicant_id, j.applied_on, 'application', j.organisation, j.job_title, '', "
        "'', 'sent', '', j.created_at, j.created_at, 1 "
        "FROM job_search_entry j JOIN application a ON a.id = j.application_id")
    op.execute("INSERT INTO werkmap_status_change (entry_id, status, at) "
               "SELECT id, status, created_at FROM werkmap_entry")
    with op.batch_alter_table('job_search_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_search_entry_application_id'))

    op.drop_table('job_search_entry')


def downgrade() -> None:
    # Back to the minimal log: applications in the Werkmap that fall in an application's period
    # go back to it; other kinds of activity have no place there and are dropped.
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

    op.execute(
        "INSERT INTO job_search_entry (application_id, applied_on, organisation, job_title, "
        "created_at) SELECT a.id, w.day, w.organisation, w.job_title, w.created_at "
        "FROM werkmap_entry w JOIN application a ON a.applicant_id = w.owner_id "
        "AND w.day BETWEEN a.period_start AND a.period_last_day "
        "WHERE w.kind IN ('application', 'open_application')")
    with op.batch_alter_table('werkmap_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_werkmap_status_change_entry_id'))

    op.drop_table('werkmap_status_change')
    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_werkmap_entry_owner_day')

    op.drop_table('werkmap_entry')
