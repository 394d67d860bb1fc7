"""Starting and stopping the real servers the tests talk to (OpenID provider, clamd, S3).

A server runs in its own process group with its output in a log file; waiting for it has a
deadline, and a server that does not come up fails with the tail of its log. Every server
started here is stopped at the end of the session, also when a test or a start-up failed.
How long each took to start is printed in the test summary.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

START_TIMES: list[tuple[str, float]] = []
_RUNNING: set[ServerProcess] = set()


class ServerError(RuntimeError):
    """A test server did not start (the message holds the tail of its log)."""


class PortInUse(ServerError):  # noqa: N818 -- reads as the fact it reports
    """Another process took the port between choosing it and the server binding it."""


PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def _die_with_parent() -> None:
    """In the child before exec: get SIGKILL when pytest dies, even by SIGKILL (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


def log_tail(*paths: Path, lines: int = 40) -> str:
    parts = []
    for path in paths:
        try:
            text = path.read_text(errors="replace").splitlines()[-lines:]
        except FileNotFoundError:
            text = ["(no log written)"]
        parts.append(f"--- last lines of {path}:\n" + "\n".join(text))
    return "\n".join(parts)


class ServerProcess:
    """One server process: output to `log`, stopped with SIGTERM, then SIGKILL after `grace`."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        log: Path,
        *,
        env: dict | None = None,
        cwd: Path | None = None,
        grace: float = 5.0,
        extra_logs: tuple[Path, ...] = (),
    ):
        self.name, self.argv, self.log, self.grace = name, argv, log, grace
        self.logs = (log, *extra_logs)
        self.started_at = time.monotonic()
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                argv,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **(env or {})},
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        _RUNNING.add(self)

    def wait_until(self, ready: Callable[[], bool], timeout: float, what: str) -> float:
        """Poll `ready()` until it is true; return the seconds since the start."""
        deadline = self.started_at + timeout
        while True:
            if self.process.poll() is not None:
                self.stop()
                tail = log_tail(*self.logs)
                error = PortInUse if "address already in use" in tail.lower() else ServerError
                raise error(
                    f"{self.name} exited with code {self.process.returncode} before "
                    f"{what}\ncommand: {' '.join(self.argv)}\n{tail}"
                )
            try:
                if ready():
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(
                    f"{self.name}: no {what} within {timeout:.0f} s\n"
                    f"command: {' '.join(self.argv)}\n{log_tail(*self.logs)}"
                )
            time.sleep(0.05)
        elapsed = time.monotonic() - self.started_at
        START_TIMES.append((self.name, elapsed))
        return elapsed

    def stop(self) -> None:
        _RUNNING.discard(self)
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(self.grace)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(10)

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)  # the server and anything it started


def start_with_retries(start: Callable[[], object], attempts: int = 3):
    """Call `start()` again (it picks new ports) when a chosen port was taken meanwhile."""
    for attempt in range(1, attempts + 1):
        try:
            return start()
        except PortInUse:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


@atexit.register
def _stop_leftovers() -> None:  # a session that was interrupted before its finalizers ran
    for server in list(_RUNNING):
        server.stop()


def pytest_terminal_summary(terminalreporter):
    if START_TIMES:
        times = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in START_TIMES)
        terminalreporter.write_line(f"test servers started in: {times}")
