"""The schema comes from migrations only, and the migrations match the models."""

import os
import uuid

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal.migrate import alembic_config, upgrade
from portal.models import metadata


@pytest.fixture
def empty_database_url(tmp_path, app):
    """A brand-new empty database on the same server kind as the suite's."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path}/migrations.db"
        return
    name = f"mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _differences(url: str) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    engine.dispose()
    return diff


def test_migrations_match_models(empty_database_url):
    upgrade(empty_database_url)
    assert _differences(empty_database_url) == []


def test_downgrade_and_upgrade_again(empty_database_url):
    upgrade(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "base")
    upgrade(empty_database_url)
    assert _differences(empty_database_url) == []


def test_minimal_log_rows_move_into_the_werkmap(empty_database_url):
    upgrade(empty_database_url, "0003")
    engine = create_engine(empty_database_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO user_account (id, email, name, role, active, "
                "session_version, created_at) VALUES (1, 'a@example.nl', 'A', "
                "'applicant', true, 1, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO application (id, applicant_id, name, born_on, applied_on, "
                "under_27, period_start, period_last_day, channel, created_at, status, "
                "person_key) VALUES (1, 1, 'A', '1980-01-01', '2026-11-02', false, "
                "'2026-11-02', '2026-11-29', 'self', CURRENT_TIMESTAMP, 'open', 'k')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO job_search_entry (application_id, applied_on, "
                "organisation, job_title, created_at) VALUES (1, '2026-11-03', "
                "'Bakkerij', 'Verkoper', CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    upgrade(empty_database_url)
    engine = create_engine(empty_database_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT owner_id, kind, organisation, job_title, status FROM werkmap_entry")
        ).all()
        history = conn.execute(text("SELECT status FROM werkmap_status_change")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "application", "Bakkerij", "Verkoper", "sent")]
    assert [tuple(h) for h in history] == [("sent",)]
