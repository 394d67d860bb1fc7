"""A stamp that changes with every change of the policy values or the text overrides
(portal.stamp): one row, given a new random value by triggers on both tables.

Revision ID: settings_stamp
Revises: ops
Create Date: 2026-11-28 23:00:00
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "settings_stamp"
down_revision = "ops"
branch_labels = None
depends_on = None

TABLES = ("policy_setting", "text_override")
POSTGRES_FUNCTION = """CREATE FUNCTION settings_stamp_renew() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE settings_stamp SET value = floor(random() * 9007199254740991)::bigint;
    RETURN NULL;
END $$"""
SQLITE_EVENTS = ("insert", "update", "delete")


def upgrade() -> None:
    stamp = op.create_table(
        "settings_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings_stamp")),
    )
    op.bulk_insert(stamp, [{"id": 1, "value": secrets.randbits(53)}])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION settings_stamp_renew()"
            )
        return
    for table in TABLES:
        for event in SQLITE_EVENTS:
            op.execute(
                f"CREATE TRIGGER {table}_stamp_{event} AFTER {event.upper()} ON {table} "
                "BEGIN UPDATE settings_stamp SET value = random(); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER {table}_stamp ON {table}")
        op.execute("DROP FUNCTION settings_stamp_renew()")
    else:
        for table in TABLES:
            for event in SQLITE_EVENTS:
                op.execute(f"DROP TRIGGER {table}_stamp_{event}")
    op.drop_table("settings_stamp")
