"""Pages that cost what they show: an index on every foreign key and filtered column, the
caseload's signals per person, a `decided` marker with a partial index for the advice queue,
and monthly counters for the advice figures (filled from the decisions made so far).

The signals are filled by `portal init-db` after the upgrade (they are computed by the app's
rules), and kept up to date from then on.

Revision ID: scale
Revises: identity
Create Date: 2026-11-28 09:26:16
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = 'scale'
down_revision = 'identity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('routing_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=60), nullable=False),
    sa.Column('scheme', sa.String(length=40), nullable=False),
    sa.Column('route_id', sa.String(length=60), nullable=False),
    sa.Column('advised_outcome', sa.String(length=60), nullable=False),
    sa.Column('decisions', sa.Integer(), nullable=False),
    sa.Column('overridden', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routing_figure')),
    sa.UniqueConstraint('month', 'questionnaire_id', 'scheme', 'route_id', 'advised_outcome', name=op.f('uq_routing_figure_month'))
    )
    op.create_table('coaching_signal',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('coached_since', sa.Date(), nullable=True),
    sa.Column('last_activity', sa.Date(), nullable=True),
    sa.Column('unread', sa.Integer(), nullable=False),
    sa.Column('review_due_on', sa.Date(), nullable=True),
    sa.Column('norm_met_until', sa.Date(), nullable=True),
    sa.Column('weekly_norm', sa.Integer(), nullable=False),
    sa.Column('open_items', sa.Integer(), nullable=False),
    sa.Column('period_last_day', sa.Date(), nullable=True),
    sa.Column('refreshed_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_coaching_signal_person_id_user_account')),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_coaching_signal'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_cv_file_id'), ['cv_file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_registered_by_id'), ['registered_by_id'], unique=False)

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_assessed_by_id'), ['assessed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_corrects_id'), ['corrects_id'], unique=False)

    with op.batch_alter_table('caseload_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseload_assignment_assigned_by_id'), ['assigned_by_id'], unique=False)

    with op.batch_alter_table('catalogue_referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalogue_referral_by_id'), ['by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_catalogue_referral_service_id'), ['service_id'], unique=False)

    with op.batch_alter_table('coaching_handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_handover_from_coach_id'), ['from_coach_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_handover_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_handover_team_id'), ['team_id'], unique=False)

    with op.batch_alter_table('coaching_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_review_by_id'), ['by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_review_service_id'), ['service_id'], unique=False)

    with op.batch_alter_table('conversation_invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_invite_invited_by_id'), ['invited_by_id'], unique=False)

    with op.batch_alter_table('pending_registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_registration_application_id'), ['application_id'], unique=False)

    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_attachment_file_id'), ['attachment_file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_author_id'), ['author_id'], unique=False)

    with op.batch_alter_table('questionnaire_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.execute(
        sa.text(
            "UPDATE questionnaire_response SET decided = :yes WHERE EXISTS (SELECT 1 FROM "
            "routing_decision WHERE routing_decision.response_id = questionnaire_response.id)"
        ).bindparams(yes=True)
    )
    op.create_index(
        "ix_questionnaire_response_undecided",
        "questionnaire_response",
        ["submitted_at", "id"],
        unique=False,
        sqlite_where=sa.text("status = 'submitted' AND decided IS 0"),
        postgresql_where=sa.text("status = 'submitted' AND decided IS false"),
    )
    month = (
        "date(routing_decision.decided_at, 'start of month')"
        if op.get_bind().dialect.name == "sqlite"
        else "CAST(date_trunc('month', routing_decision.decided_at AT TIME ZONE 'UTC') AS date)"
    )
    op.execute(
        sa.text(
            "INSERT INTO routing_figure (month, questionnaire_id, scheme, route_id, "
            "advised_outcome, decisions, overridden) "
            f"SELECT {month}, r.questionnaire_id, r.scheme, COALESCE(r.route_id, ''), "
            "routing_decision.advised_outcome, COUNT(*), "
            "SUM(CASE WHEN routing_decision.overridden THEN 1 ELSE 0 END) "
            "FROM routing_decision JOIN questionnaire_response r ON r.id = routing_decision.response_id "
            f"GROUP BY {month}, r.questionnaire_id, r.scheme, COALESCE(r.route_id, ''), "
            "routing_decision.advised_outcome"
        )
    )

    with op.batch_alter_table('routing_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_routing_decision_decided_by_id'), ['decided_by_id'], unique=False)

    with op.batch_alter_table('service_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_line_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index('ix_service_line_outcome_since', ['outcome', 'since'], unique=False)

    with op.batch_alter_table('staff_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_note_author_id'), ['author_id'], unique=False)

    with op.batch_alter_table('stand_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stand_in_for_coach_id'), ['for_coach_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stand_in_requested_by_id'), ['requested_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stand_in_decided_by_id'), ['decided_by_id'], unique=False)

    with op.batch_alter_table('stip_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stip_session_location_id'), ['location_id'], unique=False)

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_account_invited_by_id'), ['invited_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_account_role'), ['role'], unique=False)

    with op.batch_alter_table('werkmap_cv', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_werkmap_cv_uploaded_file_id'), ['uploaded_file_id'], unique=False)

    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_werkmap_entry_assisted_session_id'), ['assisted_session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_werkmap_entry_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index('ix_werkmap_entry_owner_kind_day', ['owner_id', 'kind', 'day'], unique=False)
        batch_op.create_index(batch_op.f('ix_werkmap_entry_proof_file_id'), ['proof_file_id'], unique=False)

    with op.batch_alter_table('werkmap_norm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_werkmap_norm_set_by_id'), ['set_by_id'], unique=False)

    with op.batch_alter_table('werkmap_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_werkmap_status_change_by_id'), ['by_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('werkmap_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_werkmap_status_change_by_id'))

    with op.batch_alter_table('werkmap_norm', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_werkmap_norm_set_by_id'))

    with op.batch_alter_table('werkmap_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_werkmap_entry_proof_file_id'))
        batch_op.drop_index('ix_werkmap_entry_owner_kind_day')
        batch_op.drop_index(batch_op.f('ix_werkmap_entry_created_by_id'))
        batch_op.drop_index(batch_op.f('ix_werkmap_entry_assisted_session_id'))

    with op.batch_alter_table('werkmap_cv', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_werkmap_cv_uploaded_file_id'))

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_role'))
        batch_op.drop_index(batch_op.f('ix_user_account_invited_by_id'))

    with op.batch_alter_table('stip_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stip_session_location_id'))

    with op.batch_alter_table('stand_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stand_in_decided_by_id'))
        batch_op.drop_index(batch_op.f('ix_stand_in_requested_by_id'))
        batch_op.drop_index(batch_op.f('ix_stand_in_for_coach_id'))

    with op.batch_alter_table('staff_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_note_author_id'))

    with op.batch_alter_table('service_line', schema=None) as batch_op:
        batch_op.drop_index('ix_service_line_outcome_since')
        batch_op.drop_index(batch_op.f('ix_service_line_decision_id'))

    with op.batch_alter_table('routing_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_routing_decision_decided_by_id'))

    op.drop_index("ix_questionnaire_response_undecided", table_name="questionnaire_response")
    with op.batch_alter_table('questionnaire_response', schema=None) as batch_op:
        batch_op.drop_column('decided')

    with op.batch_alter_table('pending_registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_registration_application_id'))

    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_author_id'))
        batch_op.drop_index(batch_op.f('ix_message_attachment_file_id'))

    with op.batch_alter_table('conversation_invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_invite_invited_by_id'))

    with op.batch_alter_table('coaching_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_review_service_id'))
        batch_op.drop_index(batch_op.f('ix_coaching_review_by_id'))

    with op.batch_alter_table('coaching_handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_handover_team_id'))
        batch_op.drop_index(batch_op.f('ix_coaching_handover_review_id'))
        batch_op.drop_index(batch_op.f('ix_coaching_handover_from_coach_id'))

    with op.batch_alter_table('catalogue_referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalogue_referral_service_id'))
        batch_op.drop_index(batch_op.f('ix_catalogue_referral_by_id'))

    with op.batch_alter_table('caseload_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caseload_assignment_assigned_by_id'))

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_corrects_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_assessed_by_id'))

    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_registered_by_id'))
        batch_op.drop_index(batch_op.f('ix_application_cv_file_id'))

    op.drop_table('coaching_signal')
    op.drop_table('routing_figure')
