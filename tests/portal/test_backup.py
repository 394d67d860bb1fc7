"""The restore drill: make data, back up, drop the database and the files, restore, and find
the same row counts and the same file (by its checksum). Runs on SQLite and, in the
PostgreSQL stage of `make test`, with pg_dump and pg_restore (marked integration)."""

import hashlib
import io
import os
import shutil
import tarfile

import pytest
from sqlalchemy import create_engine, make_url, select, text

from portal import create_app, files
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.operations import backup_services as backups
from portal.people import User
from portal.roles import Role
from tests.conftest import TEST_CONFIG

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.4\n1 0 obj\n<< >>\nstream\n" + os.urandom(2048) + b"\nendstream\nendobj\n%%EOF\n"


def _server(url: str):
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _drop(url: str) -> None:
    """The disaster: the database is gone (and an empty one made in its place)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        os.unlink(parsed.database)
        return
    server = _server(parsed.set(database="postgres").render_as_string(hide_password=False))
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{parsed.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    server.dispose()


@pytest.fixture
def drill_url(database_url, tmp_path):
    """A database of the drill's own, beside the suite's."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path}/drill.db"
        return
    name = f"portal_drill_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    server = _server(database_url)
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _app(url: str, uploads):
    return create_app({**TEST_CONFIG, "DATABASE_URL": url, "PORTAL_UPLOAD_DIR": str(uploads)})


def test_restore_drill(drill_url, tmp_path):
    uploads = tmp_path / "uploads"
    archive = tmp_path / "backup.tar.gz"
    upgrade(drill_url)
    app = _app(drill_url, uploads)
    with app.app_context():
        with unit_of_work():
            people = [
                User(role=Role.APPLICANT, email=f"drill{n}@example.nl", name=f"Drill {n}")
                for n in range(5)
            ]
            db.session.add_all(people)
            db.session.flush()
            stored = files.store(people[0].id, "cv.pdf", PDF, (files.PDF,), utcnow())
            file_id, storage_name = stored.id, stored.storage_name
        before = backups.row_counts(db.engine)
        result = app.test_cli_runner().invoke(args=["backup", str(archive)])
        assert result.exit_code == 0, result.output
        db.session.close()
        db.engine.dispose()
    assert before["user_account"] == 5 and before["stored_file"] == 1
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert f"files/{storage_name}" in names and "manifest.json" in names

    _drop(drill_url)
    shutil.rmtree(uploads)

    app = _app(drill_url, uploads)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["restore", str(archive)]).exit_code != 0  # needs --yes
        result = runner.invoke(args=["restore", str(archive), "--yes"])
        assert result.exit_code == 0, result.output
        assert "row counts match" in result.output
        assert backups.row_counts(db.engine) == before
        again = db.session.get(files.StoredFile, file_id)
        content = files.read(again)
        assert (
            hashlib.sha256(content).hexdigest() == again.sha256 == hashlib.sha256(PDF).hexdigest()
        )
        assert db.session.scalar(select(User.email).where(User.name == "Drill 3")) == (
            "drill3@example.nl"
        )
        db.session.close()
        db.engine.dispose()


def test_a_damaged_archive_is_refused_before_anything_changes(app, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    manifest = backups.read_manifest(archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for info in source:
            data = source.extractfile(info).read()
            if info.name.startswith("database."):
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(info, io.BytesIO(data))
    result = runner.invoke(args=["restore", str(damaged), "--yes"])
    assert result.exit_code != 0 and "Checksum mismatch" in result.output
    assert manifest["tables"] == backups.row_counts(db.engine)
    assert runner.invoke(args=["restore", str(archive), "--check-only"]).exit_code == 0
