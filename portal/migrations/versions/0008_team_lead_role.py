"""The team lead's role is called what it is: 'admin' becomes 'team_lead' (a functional
administrator's role will be a different one).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 09:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE user_account SET role = 'team_lead' WHERE role = 'admin'"))


def downgrade() -> None:
    op.execute(sa.text("UPDATE user_account SET role = 'admin' WHERE role = 'team_lead'"))
