"""A real ClamAV daemon (Debian's clamav-daemon) that knows one signature: the EICAR test string.

`clamd` (session scope) is the path of its unix socket. Nothing is downloaded: the database
directory holds only `portal-test.ndb`, so clamd starts in about a second and reports
`stream: Portal.Test.EICAR.UNOFFICIAL FOUND` for anything that contains EICAR.
"""

from __future__ import annotations

import shutil
import socket
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers.process import ServerError, ServerProcess

# The standard anti-virus test string (harmless; every scanner is meant to detect it).
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Portal.Test.EICAR"
FOUND = f"stream: {SIGNATURE}.UNOFFICIAL FOUND"


def clamd_binary() -> str:
    for candidate in (shutil.which("clamd"), "/usr/sbin/clamd"):
        if candidate and Path(candidate).exists():
            return candidate
    raise ServerError(
        "clamd is missing: run `bash scripts/ensure-system-packages.sh` "
        "(make test does) to install Debian's clamav-daemon"
    )


def _talk(
    socket_path: str, command: bytes, payload: bytes | None = None, chunk: int = 64 * 1024
) -> str:
    """Send one z-command (and for INSTREAM the data in length-prefixed chunks); the reply."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(30)
        conn.connect(socket_path)
        conn.sendall(b"z" + command + b"\0")
        if payload is not None:
            for start in range(0, len(payload), chunk):
                part = payload[start : start + chunk]
                conn.sendall(struct.pack(">I", len(part)) + part)
            conn.sendall(struct.pack(">I", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            data = conn.recv(4096)
            if not data:
                break
            reply += data
    return reply.rstrip(b"\0").decode()


def ping(socket_path: str) -> bool:
    return _talk(socket_path, b"PING") == "PONG"


def instream(socket_path: str, data: bytes) -> str:
    """Scan bytes with clamd's INSTREAM: "stream: OK" or "stream: <name> FOUND"."""
    return _talk(socket_path, b"INSTREAM", data)


CONFIG = """\
DatabaseDirectory {dir}/db
LocalSocket {dir}/clamd.sock
LocalSocketMode 660
Foreground yes
LogFile {dir}/clamd.log
LogTime yes
MaxThreads 4
SelfCheck 3600
"""


@contextmanager
def start_clamd(timeout: float = 60) -> Iterator[str]:
    """clamd on a socket in a short temp folder (unix socket paths are limited to 107 bytes)."""
    binary = clamd_binary()
    directory = Path(tempfile.mkdtemp(prefix="clamd-"))
    try:
        (directory / "db").mkdir()
        (directory / "db" / "portal-test.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
        (directory / "clamd.conf").write_text(CONFIG.format(dir=directory))
        socket_path = str(directory / "clamd.sock")
        # As root clamd keeps running as root (no `User` line), which can read the folder.
        server = ServerProcess(
            "clamd",
            [binary, "--config-file", str(directory / "clamd.conf")],
            directory / "clamd.out",
            grace=10,
            extra_logs=(directory / "clamd.log",),
        )
        try:
            server.wait_until(lambda: ping(socket_path), timeout, "PONG on its socket")
            yield socket_path
        finally:
            server.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def clamd() -> Iterator[str]:
    """The socket path of a running clamd that detects the EICAR string."""
    with start_clamd() as socket_path:
        yield socket_path
