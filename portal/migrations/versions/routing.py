"""Routing you can trust: the participation-ladder step is kept with the advice, and the
search period keeps its own fact that the Entreevragenlijst was sent (so the assessment of the
four weeks never reads the questionnaire).

Revision ID: routing
Revises: 0008
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = "routing"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questionnaire_response") as batch:
        batch.add_column(sa.Column("ladder_step", sa.Integer(), nullable=True))
    with op.batch_alter_table("application") as batch:
        batch.add_column(
            sa.Column("questionnaire_sent_at", portal.db.UTCDateTime(timezone=True), nullable=True)
        )
    # Applications of people who already sent the Entreevragenlijst: the first moment it was
    # sent (what the checklist read from the questionnaire until now).
    op.execute(
        sa.text(
            "UPDATE application SET questionnaire_sent_at = ("
            " SELECT MIN(r.submitted_at) FROM questionnaire_response r"
            " WHERE r.applicant_id = application.applicant_id"
            " AND r.questionnaire_id = 'entreevragenlijst' AND r.status = 'submitted')"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("application") as batch:
        batch.drop_column("questionnaire_sent_at")
    with op.batch_alter_table("questionnaire_response") as batch:
        batch.drop_column("ladder_step")
