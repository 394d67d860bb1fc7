"""Virus scanning of uploads by ClamAV's daemon, clamd, over its socket (INSTREAM).

Settings: PORTAL_CLAMD_SOCKET (a unix socket) or PORTAL_CLAMD_HOST with PORTAL_CLAMD_PORT,
PORTAL_CLAMD_TIMEOUT (seconds for each step: connecting, sending, waiting for the verdict), and
PORTAL_CLAMD=off to run without a scanner on purpose. Without an address nothing is scanned,
which production refuses at start-up unless PORTAL_CLAMD=off says so. When a scanner is set
but gives no verdict (down, silent, an error reply), `UnavailableError` is raised: the caller
refuses the upload, and nothing unscanned is kept.

The client is these few lines of clamd's documented protocol (`man clamd`: zINSTREAM, chunks
with a 4-byte length, a zero-length end, one reply) rather than a package: `clamd` (PyPI) has
had no release since 2014, `clamdpy` leaves the socket open when it cannot connect (the very
case of a scanner that is down), and `clamav-client` is GPL-2.0-only while the portal is
EUPL-1.2. The tests run it against a real clamd (tests/servers/clamd.py).
"""

from __future__ import annotations

import logging
import re
import socket
import struct
from collections.abc import Mapping

logger = logging.getLogger("portal.scan")
CHUNK = 64 * 1024  # clamd's StreamMaxLength (25 MB by default) must exceed PORTAL_MAX_FILE_MB
MAX_REPLY = 4096
FOUND = re.compile(r"stream: (?P<name>.+) FOUND")


class UnavailableError(Exception):
    """The scanner gave no verdict; the reason is for the log, never for the user."""


def _off(config: Mapping[str, object]) -> bool:
    return str(config["PORTAL_CLAMD"]).strip().lower() == "off"


def _address(config: Mapping[str, object]) -> str | tuple[str, int] | None:
    if config["PORTAL_CLAMD_SOCKET"]:
        return str(config["PORTAL_CLAMD_SOCKET"])
    if config["PORTAL_CLAMD_HOST"]:
        return str(config["PORTAL_CLAMD_HOST"]), int(str(config["PORTAL_CLAMD_PORT"]))
    return None


def _connect(address: str | tuple[str, int], timeout: float) -> socket.socket:
    if isinstance(address, tuple):
        return socket.create_connection(address, timeout=timeout)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(timeout)
        conn.connect(address)
    except OSError:
        conn.close()
        raise
    return conn


def instream(address: str | tuple[str, int], data: bytes, timeout: float) -> str:
    """clamd's reply to INSTREAM with `data`, e.g. "stream: OK"; OSError when it cannot be
    reached or stops answering."""
    view = memoryview(data)
    with _connect(address, timeout) as conn:
        conn.sendall(b"zINSTREAM\0")
        for start in range(0, len(view), CHUNK):
            part = view[start : start + CHUNK]
            conn.sendall(struct.pack(">I", len(part)))
            conn.sendall(part)
        conn.sendall(struct.pack(">I", 0))
        reply = b""
        while not reply.endswith(b"\0") and len(reply) < MAX_REPLY:
            received = conn.recv(MAX_REPLY)
            if not received:
                break
            reply += received
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(data: bytes, config: Mapping[str, object]) -> str | None:
    """The name clamd gives what it found, or None when the data is clean or no scanner is
    set; UnavailableError when a scanner is set and gives no verdict."""
    address = None if _off(config) else _address(config)
    if address is None:
        return None
    try:
        reply = instream(address, data, float(str(config["PORTAL_CLAMD_TIMEOUT"])))
    except OSError as error:
        raise UnavailableError(f"{error.__class__.__name__}: {error}") from None
    if reply == "stream: OK":
        return None
    found = FOUND.fullmatch(reply)
    if found is None:
        raise UnavailableError(f"clamd replied: {reply[:100]!r}")
    return found.group("name")


def check_settings(config: Mapping[str, object]) -> None:
    """Refuse unreadable or contradictory scanner settings, and production without a scanner
    unless PORTAL_CLAMD=off says so (then a warning at every start)."""
    if str(config["PORTAL_CLAMD"]).strip().lower() not in ("", "off"):
        raise RuntimeError("PORTAL_CLAMD must be empty or 'off'.")
    if config["PORTAL_CLAMD_SOCKET"] and config["PORTAL_CLAMD_HOST"]:
        raise RuntimeError("Set PORTAL_CLAMD_SOCKET or PORTAL_CLAMD_HOST, not both.")
    address = _address(config)
    if _off(config):
        if address is not None:
            raise RuntimeError("PORTAL_CLAMD=off contradicts the clamd address that is set.")
        if config["PORTAL_ENV"] == "production":
            logger.warning("PORTAL_CLAMD=off: uploads are not scanned for viruses.")
    elif config["PORTAL_ENV"] == "production" and address is None:
        raise RuntimeError(
            "Production scans uploads for viruses: set PORTAL_CLAMD_SOCKET (or "
            "PORTAL_CLAMD_HOST and PORTAL_CLAMD_PORT) to reach clamd, or PORTAL_CLAMD=off "
            "to run without a virus scanner."
        )
