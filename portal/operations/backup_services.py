"""`portal backup` and `portal restore`: the database and the uploaded files in one archive.

The archive (a gzipped tar, readable only by its owner) holds
- `database.pgdump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite` (SQLite: a
  consistent copy through sqlite3's online backup API, taken while the portal runs);
- `files/<storage name>` for every row of `stored_file`, read through the storage backend (the
  local folder or the S3 bucket), still sealed: the archive holds no readable upload, and a
  restore needs the same PORTAL_DATA_KEY (keep the keys apart from the backups);
- `manifest.json`: the format, when, the migration revision, the number of rows per table, and
  the SHA-256 and size of every other member. A restore checks every checksum before it
  changes anything, and compares the row counts afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, make_url, select, text

from portal import storage
from portal.db import Base, utcnow
from portal.files import StoredFile

FORMAT = "werkportaal-backup/1"
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite"
PG_DUMP_ARGS = ("pg_dump", "--format=custom", "--no-owner", "--no-privileges")
# Drops what is there first; all or nothing.
PG_RESTORE_ARGS = (
    *("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"),
    *("--single-transaction", "--exit-on-error"),
)


class BackupError(RuntimeError):
    """The archive cannot be made or restored; the message says why (no personal data)."""


@dataclass
class Restored:
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    differences: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (want, got)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq address for pg_dump/pg_restore, and the environment with the password (kept off
    the command line, where `ps` would show it)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: Mapping[str, str] | None = None) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    done = subprocess.run(  # noqa: S603 -- fixed programs, arguments from our own settings
        [program, *command[1:]], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.scalar(text("SELECT version_num FROM alembic_version"))


def _dump_database(engine: Engine, url: str, folder: Path) -> Path:
    if engine.dialect.name == "postgresql":
        target = folder / PG_DUMP
        address, env = _libpq(url)
        _run(
            [*PG_DUMP_ARGS, "--file", str(target), "--dbname", address],
            env,
        )
        return target
    source = make_url(url).database
    if not source:
        raise BackupError("This SQLite database has no file to back up.")
    target = folder / SQLITE_COPY
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
    return target


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(utcnow().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup(engine: Engine, url: str, config: Mapping, target: Path) -> dict:
    """Write the archive to `target` (replaced only when complete); returns the manifest."""
    manifest: dict = {
        "format": FORMAT,
        "created_at": utcnow().isoformat(timespec="seconds"),
        "dialect": engine.dialect.name,
        "revision": _revision(engine),
        "storage": config["PORTAL_STORAGE"],
        "tables": row_counts(engine),
        "members": {},
    }
    backend = storage.make(dict(config))
    draft = target.with_name(f".{target.name}.partial")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with (
        tempfile.TemporaryDirectory() as folder,
        os.fdopen(descriptor, "wb") as out,
        tarfile.open(fileobj=out, mode="w:gz") as archive,
    ):
        dump = _dump_database(engine, url, Path(folder))
        data = dump.read_bytes()
        manifest["members"][dump.name] = {"sha256": _sha256(data), "size": len(data)}
        _add(archive, dump.name, data)
        del data
        with engine.connect() as connection:
            names = connection.scalars(
                select(StoredFile.storage_name).order_by(StoredFile.id)
            ).all()
        missing = []
        for name in names:
            try:
                content = backend.get(name)
            except FileNotFoundError:
                missing.append(name)
                continue
            member = f"files/{name}"
            manifest["members"][member] = {"sha256": _sha256(content), "size": len(content)}
            _add(archive, member, content)
        manifest["missing_files"] = missing
        _add(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
    draft.replace(target)
    return manifest


def read_manifest(source: Path) -> dict:
    with tarfile.open(source, mode="r:gz") as archive:
        member = archive.extractfile(MANIFEST)
        if member is None:
            raise BackupError("The archive has no manifest.")
        manifest = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError("This is not a backup of this portal (unknown format).")
    return manifest


def verify(source: Path) -> dict:
    """Every member's checksum against the manifest; BackupError at the first mismatch."""
    manifest = read_manifest(source)
    seen = set()
    with tarfile.open(source, mode="r:gz") as archive:
        for info in archive:
            if info.name == MANIFEST:
                continue
            expected = manifest["members"].get(info.name)
            handle = archive.extractfile(info)
            if expected is None or handle is None:
                raise BackupError(f"The archive holds an unexpected member: {info.name}")
            if _sha256(handle.read()) != expected["sha256"]:
                raise BackupError(f"Checksum mismatch: {info.name}")
            seen.add(info.name)
    absent = set(manifest["members"]) - seen
    if absent:
        raise BackupError(f"The archive lacks {len(absent)} member(s) the manifest lists.")
    return manifest


def _restore_database(engine: Engine, url: str, manifest: dict, dump: bytes) -> None:
    if manifest["dialect"] != engine.dialect.name:
        raise BackupError(
            f"A {manifest['dialect']} backup cannot be restored into {engine.dialect.name}."
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump"
        path.write_bytes(dump)
        engine.dispose()  # no pooled connection holds on to the old tables
        if engine.dialect.name == "postgresql":
            address, env = _libpq(url)
            _run(
                [*PG_RESTORE_ARGS, "--dbname", address, str(path)],
                env,
            )
            return
        target = make_url(url).database
        if not target:
            raise BackupError("This SQLite database has no file to restore into.")
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path)) as copy, closing(sqlite3.connect(target)) as live:
            copy.backup(live)


def restore(engine: Engine, url: str, config: Mapping, source: Path) -> Restored:
    """Check the archive, then put back the database (replacing what is there) and every file;
    returns the row counts found afterwards and where they differ from the manifest."""
    manifest = verify(source)
    backend = storage.make(dict(config))
    dump_name = PG_DUMP if manifest["dialect"] == "postgresql" else SQLITE_COPY
    done = Restored()
    with tarfile.open(source, mode="r:gz") as archive:
        handle = archive.extractfile(dump_name)
        if handle is None:
            raise BackupError("The archive holds no database.")
        _restore_database(engine, url, manifest, handle.read())
        for info in archive:
            if not info.name.startswith("files/"):
                continue
            content = archive.extractfile(info)
            if content is None:
                continue
            name = info.name.removeprefix("files/")
            if "/" in name or name.startswith("."):
                raise BackupError(f"Unsafe file name in the archive: {info.name}")
            backend.put(name, content.read(), "application/octet-stream")
            done.files += 1
    done.tables = row_counts(engine)
    done.differences = {
        table: (want, done.tables.get(table, -1))
        for table, want in manifest["tables"].items()
        if done.tables.get(table, -1) != want
    }
    return done
