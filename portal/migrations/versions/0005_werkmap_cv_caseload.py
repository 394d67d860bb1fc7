"""Werkmap: CV and items, work profile, personal norm, proof files; caseload assignments.

A CV uploaded in the search-period checklist becomes the uploaded CV of the Werkmap.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 02:56:39.657020
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('caseload_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('coach_id', sa.Integer(), nullable=False),
    sa.Column('started_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['user_account.id'], name=op.f('fk_caseload_assignment_applicant_id_user_account')),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['user_account.id'], name=op.f('fk_caseload_assignment_assigned_by_id_user_account')),
    sa.ForeignKeyConstraint(['coach_id'], ['user_account.id'], name=op.f('fk_caseload_assignment_coach_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caseload_assignment'))
    )
    with op.batch_alter_table('caseload_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseload_assignment_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_caseload_assignment_coach_id'), ['coach_id'], unique=False)
        batch_op.create_index('uq_caseload_current', ['applicant_id'], unique=True, sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))

    op.create_table('werkmap_norm',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('weekly', sa.Integer(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_werkmap_norm_owner_id_user_account')),
    sa.ForeignKeyConstraint(['set_by_id'], ['user_account.id'], name=op.f('fk_werkmap_norm_set_by_id_user_account')),
    sa.PrimaryKeyConstraint('owner_id', name=op.f('pk_werkmap_norm'))
    )
    op.create_table('werkmap_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('jobs', sa.Text(), nullable=False),
    sa.Column('sectors', sa.Text(), nullable=False),
    sa.Column('hours_per_week', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('max_travel_minutes', sa.Integer(), nullable=True),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('limits', sa.Text(), nullable=False),
    sa.Column('share_limits', sa.Boolean(), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_werkmap_profile_owner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_werkmap_profile')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_werkmap_profile_owner_id'))
    )
    op.create_table('werkmap_cv',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('born_on', sa.Date(), nullable=True),
    sa.Column('profile_text', sa.Text(), nullable=False),
    sa.Column('driving_licences', sa.String(length=40), nullable=False),
    sa.Column('no_experience', sa.Boolean(), nullable=False),
    sa.Column('uploaded_file_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_werkmap_cv_owner_id_user_account')),
    sa.ForeignKeyConstraint(['uploaded_file_id'], ['stored_file.id'], name=op.f('fk_werkmap_cv_uploaded_file_id_stored_file')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_werkmap_cv')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_werkmap_cv_owner_id'))
    )
    op.create_table('werkmap_cv_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cv_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('started', sa.Date(), nullable=True),
    sa.Column('ended', sa.Date(), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('diploma', sa.Boolean(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['cv_id'], ['werkmap_cv.id'], name=op.f('fk_werkmap_cv_item_cv_id_werkmap_cv'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_werkmap_cv_item'))
    )
    op.execute(
        "INSERT INTO werkmap_cv (owner_id, full_name, email, phone, city, profile_text, "
        "driving_licences, no_experience, uploaded_file_id, updated_at) "
        "SELECT a.applicant_id, '', '', '', '', '', '', false, a.cv_file_id, a.cv_done_at "
        "FROM application a WHERE a.cv_file_id IS NOT NULL AND a.id = (SELECT max(b.id) "
        "FROM application b WHERE b.applicant_id = a.applicant_id AND b.cv_file_id IS NOT NULL)")
    with op.batch_alter_table('werkmap_cv_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_werkmap_cv_item_cv_id'), ['cv_id'], unique=False)

    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proof_file_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_werkmap_entry_proof_file_id_stored_file'), 'stored_file', ['proof_file_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_werkmap_entry_proof_file_id_stored_file'), type_='foreignkey')
        batch_op.drop_column('proof_file_id')

    with op.batch_alter_table('werkmap_cv_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_werkmap_cv_item_cv_id'))

    op.drop_table('werkmap_cv_item')
    op.drop_table('werkmap_cv')
    op.drop_table('werkmap_profile')
    op.drop_table('werkmap_norm')
    with op.batch_alter_table('caseload_assignment', schema=None) as batch_op:
        batch_op.drop_index('uq_caseload_current', sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_caseload_assignment_coach_id'))
        batch_op.drop_index(batch_op.f('ix_caseload_assignment_applicant_id'))

    op.drop_table('caseload_assignment')
