"""The labour-market value scan: the municipality's competence list, occupations in demand and
vacancies with their required competences; a person's scan (answers sealed), their own
ratings and those of the people they invited by a one-time link (only its hash kept).

Revision ID: labour_scan
Revises: noemail
Create Date: 2026-11-28 14:43:57.799462
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = 'labour_scan'
down_revision = 'noemail'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('labour_competence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('group', sa.String(length=80), nullable=False),
    sa.Column('how_to_learn', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_competence')),
    sa.UniqueConstraint('code', name=op.f('uq_labour_competence_code'))
    )
    op.create_table('labour_occupation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('demand', sa.String(length=10), nullable=False),
    sa.Column('imported_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_occupation')),
    sa.UniqueConstraint('name', 'region', name=op.f('uq_labour_occupation_name'))
    )
    op.create_table('labour_occupation_requirement',
    sa.Column('occupation_id', sa.Integer(), nullable=False),
    sa.Column('competence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competence_id'], ['labour_competence.id'], name=op.f('fk_labour_occupation_requirement_competence_id_labour_competence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['occupation_id'], ['labour_occupation.id'], name=op.f('fk_labour_occupation_requirement_occupation_id_labour_occupation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('occupation_id', 'competence_id', name=op.f('pk_labour_occupation_requirement'))
    )
    with op.batch_alter_table('labour_occupation_requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labour_occupation_requirement_competence_id'), ['competence_id'], unique=False)

    op.create_table('labour_scan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('definition', sa.String(length=60), nullable=False),
    sa.Column('definition_version', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('started_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('visible', sa.Boolean(), nullable=False),
    sa.Column('visible_since', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_labour_scan_owner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_scan')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_labour_scan_owner_id'))
    )
    with op.batch_alter_table('labour_scan', schema=None) as batch_op:
        batch_op.create_index('ix_labour_scan_visible', ['visible'], unique=False)

    op.create_table('labour_vacancy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('employer', sa.String(length=160), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('hours_per_week', sa.Integer(), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('added_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_vacancy')),
    sa.UniqueConstraint('reference', name=op.f('uq_labour_vacancy_reference'))
    )
    with op.batch_alter_table('labour_vacancy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labour_vacancy_closes_on'), ['closes_on'], unique=False)

    op.create_table('labour_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scan_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('rater_name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['scan_id'], ['labour_scan.id'], name=op.f('fk_labour_invitation_scan_id_labour_scan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_labour_invitation_token_hash'))
    )
    with op.batch_alter_table('labour_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labour_invitation_scan_id'), ['scan_id'], unique=False)

    op.create_table('labour_vacancy_requirement',
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('competence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competence_id'], ['labour_competence.id'], name=op.f('fk_labour_vacancy_requirement_competence_id_labour_competence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vacancy_id'], ['labour_vacancy.id'], name=op.f('fk_labour_vacancy_requirement_vacancy_id_labour_vacancy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('vacancy_id', 'competence_id', name=op.f('pk_labour_vacancy_requirement'))
    )
    with op.batch_alter_table('labour_vacancy_requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labour_vacancy_requirement_competence_id'), ['competence_id'], unique=False)

    op.create_table('labour_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scan_id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.Column('competence_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competence_id'], ['labour_competence.id'], name=op.f('fk_labour_rating_competence_id_labour_competence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invitation_id'], ['labour_invitation.id'], name=op.f('fk_labour_rating_invitation_id_labour_invitation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scan_id'], ['labour_scan.id'], name=op.f('fk_labour_rating_scan_id_labour_scan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_rating')),
    sa.UniqueConstraint('scan_id', 'invitation_id', 'competence_id', name=op.f('uq_labour_rating_scan_id'))
    )
    with op.batch_alter_table('labour_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_labour_rating_competence_id'), ['competence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_labour_rating_invitation_id'), ['invitation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_labour_rating_scan_id'), ['scan_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('labour_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_labour_rating_scan_id'))
        batch_op.drop_index(batch_op.f('ix_labour_rating_invitation_id'))
        batch_op.drop_index(batch_op.f('ix_labour_rating_competence_id'))

    op.drop_table('labour_rating')
    with op.batch_alter_table('labour_vacancy_requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_labour_vacancy_requirement_competence_id'))

    op.drop_table('labour_vacancy_requirement')
    with op.batch_alter_table('labour_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_labour_invitation_scan_id'))

    op.drop_table('labour_invitation')
    with op.batch_alter_table('labour_vacancy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_labour_vacancy_closes_on'))

    op.drop_table('labour_vacancy')
    with op.batch_alter_table('labour_scan', schema=None) as batch_op:
        batch_op.drop_index('ix_labour_scan_visible')

    op.drop_table('labour_scan')
    with op.batch_alter_table('labour_occupation_requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_labour_occupation_requirement_competence_id'))

    op.drop_table('labour_occupation_requirement')
    op.drop_table('labour_occupation')
    op.drop_table('labour_competence')
