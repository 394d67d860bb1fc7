"""The Nu Html Checker (vnu.jar, npm `vnu-jar`) as a local web service for the browser tests.

`html_checker` (session scope) starts `java -cp vnu.jar nu.validator.servlet.Main` without
waiting for it: the service needs 5-40 s to read its schemas (more on a busy machine), which
it does while the first browser tests run. `HtmlChecker.errors(html)` waits for it the first
time, then posts a page and returns the checker's errors (a few milliseconds per page).

The jar comes from the npm registry (`npm ci` in tests/servers/vnu/, lock file committed,
install scripts off: vnu-jar's would download a Java runtime when there is none); Java is
Debian's default-jre-headless, installed by scripts/ensure-system-packages.sh.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers.process import ServerError, ServerProcess, free_port

HERE = Path(__file__).parent / "vnu"
JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STAMP = HERE / "node_modules" / ".installed-lock-sha256"
# A deep stack for the schema compiler (512k overflows); C1 only and the serial collector
# start the service about twice as fast, and it checks a page in milliseconds all the same.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
START_TIMEOUT = 180  # seconds; the schemas take long on a loaded two-core machine


def _run(argv: list[str], what: str, timeout: float = 300) -> None:
    try:
        done = subprocess.run(argv, cwd=HERE, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ServerError(f"{what} took longer than {timeout:.0f} s: {' '.join(argv)}") from exc
    if done.returncode:
        raise ServerError(
            f"{what} failed ({' '.join(argv)}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )


def ensure_jar() -> Path:
    """`npm ci` when the jar is missing or older than package-lock.json."""
    npm = shutil.which("npm")
    lock = hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()
    with open(HERE / ".npm-ci.lock", "w") as guard:  # one `npm ci` at a time (xdist workers)
        fcntl.flock(guard, fcntl.LOCK_EX)
        if JAR.exists() and STAMP.exists() and STAMP.read_text() == lock:
            return JAR
        if not npm:
            raise ServerError(
                "npm is missing: run `bash scripts/ensure-system-packages.sh` "
                "(make test does) to install Debian's nodejs and npm"
            )
        argv = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        _run(argv, "npm ci (vnu-jar)")
        STAMP.write_text(lock)
    return JAR


def java_command() -> str:
    java = shutil.which("java")
    if not java:
        raise ServerError(
            "java is missing: run `bash scripts/ensure-system-packages.sh` "
            "(make test does) to install Debian's default-jre-headless"
        )
    return java


@dataclass
class Problem:
    """One error the checker found in a page."""

    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}\n    {self.extract.strip()}"


class HtmlChecker:
    """A running checker service; `errors(html)` checks one document."""

    def __init__(self, server: ServerProcess, port: int):
        self.server, self.port = server, port
        self.url = f"http://127.0.0.1:{port}/?out=json&level=error"
        self._ready = False

    def _answers(self) -> bool:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2) as response:
            return response.status == 200

    def wait(self) -> None:
        if not self._ready:
            self.server.wait_until(self._answers, timeout=START_TIMEOUT, what="its web service")
            self._ready = True

    def errors(self, html: str) -> list[Problem]:
        self.wait()
        request = urllib.request.Request(
            self.url,
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [
            Problem(m.get("lastLine", 0), m.get("message", ""), m.get("extract", ""))
            for m in messages
            if m.get("type") in ("error", "non-document-error")
        ]

    def stop(self) -> None:
        self.server.stop()


def start_html_checker(log_dir: Path) -> HtmlChecker:
    """Start the service and return at once; `errors()` waits until it answers."""
    jar = ensure_jar()
    port = free_port()
    server = ServerProcess(
        "vnu",
        [
            java_command(),
            *JAVA_OPTIONS,
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(jar),
            "nu.validator.servlet.Main",
            str(port),
        ],
        log_dir / "vnu.log",
        grace=3,
    )
    return HtmlChecker(server, port)


@pytest.fixture(scope="session")
def html_checker(tmp_path_factory) -> Iterator[HtmlChecker]:
    checker = start_html_checker(tmp_path_factory.mktemp("vnu"))
    try:
        yield checker
    finally:
        checker.stop()
