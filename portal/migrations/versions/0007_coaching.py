"""E-coaching: staff notes, stand-ins, reviews and handovers, messages (with notices and
templates), the catalogue of services with referrals, information meetings.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 03:47:03.652381
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalogue_service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('target_group', sa.String(length=300), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_service')),
    sa.UniqueConstraint('name', name=op.f('uq_catalogue_service_name'))
    )
    op.create_table('info_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('starts_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('online_link', sa.String(length=500), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_info_meeting'))
    )
    op.create_table('message_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_template')),
    sa.UniqueConstraint('title', name=op.f('uq_message_template_title'))
    )
    op.create_table('catalogue_referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=True),
    sa.Column('result_on', sa.Date(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_catalogue_referral_by_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_catalogue_referral_person_id_user_account')),
    sa.ForeignKeyConstraint(['service_id'], ['catalogue_service.id'], name=op.f('fk_catalogue_referral_service_id_catalogue_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_referral'))
    )
    with op.batch_alter_table('catalogue_referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_referral_person_id'), ['person_id'], unique=False)

    op.create_table('coaching_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('end_status', sa.String(length=30), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_coaching_review_by_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_coaching_review_person_id_user_account')),
    sa.ForeignKeyConstraint(['service_id'], ['catalogue_service.id'], name=op.f('fk_coaching_review_service_id_catalogue_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coaching_review'))
    )
    with op.batch_alter_table('coaching_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_review_person_id'), ['person_id'], unique=False)

    op.create_table('info_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('responded_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('invited_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['info_meeting.id'], name=op.f('fk_info_invitation_meeting_id_info_meeting')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_info_invitation_person_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_info_invitation')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_info_invitation_meeting_id'))
    )
    with op.batch_alter_table('info_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_info_invitation_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_invitation_person_id'), ['person_id'], unique=False)

    op.create_table('message_notice',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('last_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_message_notice_user_id_user_account')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_message_notice'))
    )
    op.create_table('staff_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_staff_note_author_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_staff_note_person_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_note'))
    )
    with op.batch_alter_table('staff_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_note_person_id'), ['person_id'], unique=False)

    op.create_table('stand_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('coach_id', sa.Integer(), nullable=False),
    sa.Column('for_coach_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['coach_id'], ['user_account.id'], name=op.f('fk_stand_in_coach_id_user_account')),
    sa.ForeignKeyConstraint(['for_coach_id'], ['user_account.id'], name=op.f('fk_stand_in_for_coach_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stand_in'))
    )
    with op.batch_alter_table('stand_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stand_in_coach_id'), ['coach_id'], unique=False)

    op.create_table('coaching_handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('from_coach_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['from_coach_id'], ['user_account.id'], name=op.f('fk_coaching_handover_from_coach_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_coaching_handover_person_id_user_account')),
    sa.ForeignKeyConstraint(['review_id'], ['coaching_review.id'], name=op.f('fk_coaching_handover_review_id_coaching_review')),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_coaching_handover_team_id_team')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coaching_handover'))
    )
    with op.batch_alter_table('coaching_handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_handover_person_id'), ['person_id'], unique=False)

    op.create_table('message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('from_person', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attachment_file_id', sa.Integer(), nullable=True),
    sa.Column('read_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['attachment_file_id'], ['stored_file.id'], name=op.f('fk_message_attachment_file_id_stored_file')),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_message_author_id_user_account')),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_message_person_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message'))
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index('ix_message_person_at', ['person_id', 'at'], unique=False)
        batch_op.create_index('ix_message_unread', ['person_id', 'from_person', 'read_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('ix_message_unread')
        batch_op.drop_index('ix_message_person_at')

    op.drop_table('message')
    with op.batch_alter_table('coaching_handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_handover_person_id'))

    op.drop_table('coaching_handover')
    with op.batch_alter_table('stand_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stand_in_coach_id'))

    op.drop_table('stand_in')
    with op.batch_alter_table('staff_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_note_person_id'))

    op.drop_table('staff_note')
    op.drop_table('message_notice')
    with op.batch_alter_table('info_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_info_invitation_person_id'))
        batch_op.drop_index(batch_op.f('ix_info_invitation_meeting_id'))

    op.drop_table('info_invitation')
    with op.batch_alter_table('coaching_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_review_person_id'))

    op.drop_table('coaching_review')
    with op.batch_alter_table('catalogue_referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_referral_person_id'))

    op.drop_table('catalogue_referral')
    op.drop_table('message_template')
    op.drop_table('info_meeting')
    op.drop_table('catalogue_service')
