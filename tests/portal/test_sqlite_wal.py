"""SQLite runs with a write-ahead log, and nothing committed is missing from a backup."""

import sqlite3
from contextlib import closing

from sqlalchemy import text

from portal.db import make_engine
from portal.operations import backup_services


def test_a_sqlite_file_gets_a_write_ahead_log_and_full_syncs(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_a_memory_database_still_works(tmp_path):
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "memory"
    engine.dispose()


def test_a_backup_holds_what_is_still_only_in_the_log(tmp_path):
    """A commit lands in the `-wal` file and reaches the database file only at a checkpoint;
    the backup copies through SQLite, so it holds the commit all the same."""
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)"))
        connection.execute(text("INSERT INTO note (text) VALUES ('kept')"))
    assert (tmp_path / "portal.db-wal").stat().st_size > 0  # not checkpointed yet
    folder = tmp_path / "backup"
    folder.mkdir()
    copy = backup_services._dump_database(engine, url, folder)
    with closing(sqlite3.connect(copy)) as database:
        assert database.execute("SELECT text FROM note").fetchall() == [("kept",)]
    engine.dispose()
