"""A PostgreSQL server of the test's own, to stop and start again: the database going away.

`start_postgres()` runs Debian's PostgreSQL in a temp folder on a free port (as the postgres
user when run as root: initdb refuses root) and yields a `PrivatePostgres` with its URL,
`stop()` (a fast shutdown: open connections are cut, as when the server goes down) and
`start()`. The suite's own PostgreSQL run uses scripts/with-postgres.sh instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from tests.servers.process import ServerError, ServerProcess, free_port


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: p.parts[4])
    if not found:
        raise ServerError(
            "PostgreSQL is missing: run `bash scripts/ensure-system-packages.sh` "
            "(make test does) to install Debian's postgresql"
        )
    return found[-1].parent


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PrivatePostgres:
    def __init__(self, folder: Path):
        self.folder, self.bin, self.port = folder, postgres_bin(), free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self.server: ServerProcess | None = None
        subprocess.run(
            [*_as_postgres(), str(self.bin / "initdb"), "-D", str(folder / "data"), "-U",
             "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True,
        )  # fmt: skip

    def start(self, timeout: float = 30) -> None:
        self.server = ServerProcess(
            "postgres",
            [*_as_postgres(), str(self.bin / "postgres"), "-D", str(self.folder / "data"),
             "-p", str(self.port), "-k", str(self.folder), "-c", "listen_addresses=127.0.0.1",
             "-c", "fsync=off"],
            self.folder / "server.log",
        )  # fmt: skip
        self.server.wait_until(self._accepts, timeout, "connections")

    def _accepts(self) -> bool:
        """Ready when it answers a query (it listens a moment before it accepts sessions)."""
        try:
            with psycopg.connect(
                f"host=127.0.0.1 port={self.port} user=postgres", connect_timeout=1
            ):
                return True
        except psycopg.OperationalError:
            return False

    def stop(self) -> None:
        """A fast shutdown: the server cuts every open connection and exits."""
        if self.server is not None and self.server.process.poll() is None:
            os.killpg(self.server.process.pid, signal.SIGINT)
            self.server.process.wait(30)
        if self.server is not None:
            self.server.stop()  # forgotten by the leftover cleanup
        self.server = None


@contextmanager
def start_postgres() -> Iterator[PrivatePostgres]:
    folder = Path(tempfile.mkdtemp(prefix="pg-"))
    try:
        if os.geteuid() == 0:
            folder.chmod(0o755)
            shutil.chown(folder, "postgres", "postgres")
        server = PrivatePostgres(folder)
        server.start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
