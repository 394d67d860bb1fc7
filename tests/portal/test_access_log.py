"""gunicorn's access log against a real gunicorn: one request is one line, and no query string
(with a mail's one-time token) is written. gunicorn alone writes the decoded path, so %0A in a
URL forges a second line: the first test shows it, the second that portal.accesslog prevents it."""

import http.client
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portal.migrate import upgrade
from tests.servers.process import ServerProcess, free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
OLD_README_FORMAT = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s'
FORMAT = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms "%(a)s"'
FORGED = "/x%0A203.0.113.66%20-%20-%20%22GET%20/admin%22%20200"


@contextmanager
def _gunicorn(tmp_path: Path, *options: str) -> Iterator[tuple[int, Path]]:
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    upgrade(url)
    port, log = free_port(), tmp_path / "access.log"
    server = ServerProcess(
        "gunicorn",
        [GUNICORN, "-b", f"127.0.0.1:{port}", "-w", "1", "--access-logfile", str(log), *options,
         "wsgi:app"],
        tmp_path / "gunicorn.out",
        cwd=ROOT,
        env={"PORTAL_ENV": "development", "DATABASE_URL": url, "SECRET_KEY": "k" * 40,
             "PYTHONPATH": str(ROOT), "PATH": os.environ["PATH"]},
    )  # fmt: skip
    try:
        server.wait_until(lambda: _get(port, "/healthz") == 200, 60, "an answer on /healthz")
        yield port, log
    finally:
        server.stop()


def _get(port: int, path: str, headers: dict | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        return conn.getresponse().status
    finally:
        conn.close()


def _requests(port: int) -> None:
    _get(port, FORGED)
    _get(port, "/activate?token=SECRET-TOKEN-1")
    _get(
        port,
        "/login",
        {
            "Referer": "http://portal.test/reset-password?token=SECRET-TOKEN-2",
            "User-Agent": 'evil\\" \tagent',
        },
    )


def test_gunicorn_alone_writes_a_forged_line(tmp_path):
    with _gunicorn(tmp_path, "--access-logformat", OLD_README_FORMAT) as (port, log):
        _requests(port)
    lines = [line for line in log.read_text().splitlines() if "/healthz" not in line]
    assert len(lines) == 4  # three requests, four lines
    assert any(line.startswith("203.0.113.66 - - ") for line in lines)  # the forged one


def test_the_portal_logger_writes_one_escaped_line_without_query_strings(tmp_path):
    options = ["--logger-class", "portal.accesslog.AccessLogger", "--access-logformat", FORMAT]
    with _gunicorn(tmp_path, *options) as (port, log):
        _requests(port)
    text = log.read_text()
    lines = [line for line in text.splitlines() if "/healthz" not in line]
    assert len(lines) == 3
    assert f'"GET {FORGED}" 400' in lines[0]  # as sent; the portal refuses it
    assert '"GET /activate" 200' in lines[1]
    assert "SECRET-TOKEN" not in text and "?" not in text
    assert lines[2].endswith('"evil\\x5c\\" \\x09agent"')  # one field, escaped
