"""Accounts without email: an applicant who activates with a letter code and no email address
signs in with a client number (`user_account.client_number`, eight digits, unique) and a
password.

Revision ID: noemail
Revises: figures
Create Date: 2026-11-28 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "noemail"
down_revision = "figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("client_number", sa.String(length=8), nullable=True))
        batch.create_unique_constraint(
            batch.f("uq_user_account_client_number"), ["client_number"]
        )


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_constraint(batch.f("uq_user_account_client_number"), type_="unique")
        batch.drop_column("client_number")
