"""Functional administration: text overrides, uploaded questionnaire versions and their
publications, and merged registrations (`user_account.merged_into_id`).

Revision ID: beheer
Revises: scale
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from portal.db import UTCDateTime

revision = "beheer"
down_revision = "scale"
branch_labels = None
depends_on = None


def _by(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["user_account.id"], name=op.f(f"fk_{table}_{column}_user_account")
    )


def upgrade() -> None:
    op.create_table(
        "text_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("msgid", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        _by("updated_by_id", "text_override"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_override")),
        sa.UniqueConstraint("locale", "key", name=op.f("uq_text_override_locale")),
    )
    op.create_table(
        "questionnaire_definition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        _by("uploaded_by_id", "questionnaire_definition"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_definition")),
        sa.UniqueConstraint(
            "questionnaire_id", "version", name=op.f("uq_questionnaire_definition_questionnaire_id")
        ),
    )
    op.create_table(
        "questionnaire_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=False),
        _by("published_by_id", "questionnaire_publication"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_publication")),
    )
    for table, column in (
        ("text_override", "updated_by_id"),
        ("questionnaire_definition", "uploaded_by_id"),
        ("questionnaire_publication", "published_by_id"),
    ):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
    op.create_index(
        op.f("ix_questionnaire_publication_questionnaire_id"),
        "questionnaire_publication",
        ["questionnaire_id"],
    )
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_user_account_merged_into_id_user_account"),
            "user_account",
            ["merged_into_id"],
            ["id"],
        )
        batch.create_index(batch.f("ix_user_account_merged_into_id"), ["merged_into_id"])


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_index(batch.f("ix_user_account_merged_into_id"))
        batch.drop_constraint(
            batch.f("fk_user_account_merged_into_id_user_account"), type_="foreignkey"
        )
        batch.drop_column("merged_into_id")
    op.drop_index(
        op.f("ix_questionnaire_publication_questionnaire_id"), table_name="questionnaire_publication"
    )
    for table, column in (
        ("text_override", "updated_by_id"),
        ("questionnaire_definition", "uploaded_by_id"),
        ("questionnaire_publication", "published_by_id"),
    ):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
    op.drop_table("questionnaire_publication")
    op.drop_table("questionnaire_definition")
    op.drop_table("text_override")
