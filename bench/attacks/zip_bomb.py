"""Zip bombs against the upload forms of a running portal (gunicorn on 127.0.0.1).

    .venv/bin/python bench/attacks/zip_bomb.py --serve            # starts its own gunicorn
    .venv/bin/python bench/attacks/zip_bomb.py --base-url http://127.0.0.1:8000 [--pid N]

`run(base_url, session_factory)` is the interface of `bench/abuse.py`, which imports every
module in `bench/attacks/`; it returns one line per attack.

What it sends, built in memory by `bench/attacks/hostile.py` (the 4 MB file is a ZIP64
archive: its member is over 4 GB):

- an ODT whose `mimetype` member is 1 MB (4 MB) of deflate that inflates to 1 GB (4 GB):
  the member a content check must read to know the type;
- a DOCX whose `word/document.xml` inflates to 1 GB;
- an ODT whose central directory lies: it declares 39 bytes for a member that inflates to 1 GB.

Each goes to the CV upload (`/werkmap/cv/upload`, which takes DOCX and ODT) and the proof
upload of a new log entry (`/werkmap/new`, which takes only PDF, JPEG and PNG: the content
check runs there too). A line says whether the portal refused it (the form came back),
stored it (a redirect) or lost the worker, how long the request took, and how much the
gunicorn worker's resident memory rose above what it was before the request (the peak,
sampled from /proc/<pid>/status every 2 ms; the issue's bar: refused in < 1 s with < 50 MB).

Signing in: as an applicant through the real login form. By default the demo applicant of
`portal seed-demo` (aanvrager@demo.example, the demo password); ABUSE_EMAIL and
ABUSE_PASSWORD (or --email/--password) name another applicant account. `--serve` starts a
gunicorn of its own (2 workers, a temporary SQLite database with the demo data) and stops it
afterwards. The worker is found from the gunicorn master: its pid (--pid, or ABUSE_GUNICORN_PID),
or else the process that listens on the port of the base URL. From bench/abuse.py
(`session_factory`) a new applicant made by the runner is used instead of the demo one. This
module needs multipart posts, CSRF tokens and no redirect following: standalone it keeps its
own cookie-keeping client (urllib only: nothing to install).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

# The project root, standing alone as well as imported by bench/abuse.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.attacks.hostile import MB, docx_bomb, odt_bomb, odt_lying

ROOT = Path(__file__).resolve().parents[2]
DEMO_EMAIL, DEMO_PASSWORD = "aanvrager@demo.example", "demo-wachtwoord-2026"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


ATTACKS: tuple[tuple[str, str, Callable[[int], bytes], int], ...] = (
    ("ODT, mimetype member 1 MB -> 1 GB", "cv.odt", odt_bomb, 1),
    ("ODT, mimetype member 4 MB -> 4 GB (ZIP64)", "cv.odt", odt_bomb, 4),
    ("DOCX, document.xml 1 MB -> 1 GB", "cv.docx", docx_bomb, 1),
    ("ODT, central directory says 39 bytes for 1 GB", "cv.odt", odt_lying, 1),
)


# --- a small browser: cookies, CSRF, multipart, no redirects ---------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


class Browser:
    """`session`: a signed-in requests session from bench/abuse.py (it keeps production's
    Secure cookies over plain HTTP to 127.0.0.1); else urllib with a cookie jar."""

    def __init__(self, base_url: str, timeout: float = 120, session=None):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) address: {base_url}")
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, path: str, body: bytes | None = None, headers=None) -> tuple[int, str]:
        if self.session is not None:
            response = self.session.request(
                "GET" if body is None else "POST",
                self.base + path,
                data=body,
                headers=headers or {},
                allow_redirects=False,
                timeout=self.timeout,
            )
            return response.status_code, response.text
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})  # noqa: S310 -- http(s), checked above
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def csrf(self, path: str) -> str:
        status, page = self.request(path)
        found = CSRF.search(page)
        if status != 200 or not found:
            raise RuntimeError(f"GET {path}: {status}, no form (signed in as an applicant?)")
        return found.group(1)

    def post(self, path: str, fields: dict[str, str], upload: tuple[str, bytes] | None = None):
        fields = {"csrf_token": self.csrf(path), **fields}
        if upload is None:
            body = urllib.parse.urlencode(fields).encode()
            return self.request(path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = secrets.token_hex(16)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{upload[0]}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
            + upload[1]
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def sign_in(self, email: str, password: str) -> None:
        status, _page = self.post("/login", {"email": email, "password": password})
        if status != 302:
            raise RuntimeError(f"signing in as {email} failed ({status})")


# --- the gunicorn workers and their memory ---------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _listeners(port: int) -> list[int]:
    """The processes that hold the listening socket of this port (master and workers)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                inodes.add(f"socket:[{fields[9]}]")
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if any(os.readlink(fd) in inodes for fd in (entry / "fd").iterdir()):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def workers(base_url: str, master: int | None = None) -> list[int]:
    """The gunicorn workers: the children of the master, found by its pid or by the port."""
    if master is None:
        port = urllib.parse.urlsplit(base_url).port or 80
        holders = _listeners(port)
        parents = {pid: _parent(pid) for pid in holders}
        masters = [pid for pid in holders if parents[pid] not in holders]
        if not masters:
            raise RuntimeError(f"no process listens on port {port} (give --pid)")
        master = masters[0]
    return _children(master)


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@contextmanager
def peak_memory(pids: list[int]) -> Iterator[dict[str, float]]:
    """Samples the workers' RSS every 2 ms while the block runs; afterwards `extra_mb` is the
    largest rise of one worker above its RSS at the start, `lost` the workers that died."""
    start = {pid: rss_kb(pid) or 0 for pid in pids}
    peak = dict(start)
    result: dict[str, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in pids:
                now = rss_kb(pid)
                if now is not None and now > peak[pid]:
                    peak[pid] = now
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield result
    finally:
        done.set()
        sampler.join()
        result["extra_mb"] = max(peak[pid] - start[pid] for pid in pids) / 1024
        result["lost"] = sum(1 for pid in pids if rss_kb(pid) is None)


# --- the attacks ------------------------------------------------------------------------------


def targets() -> tuple[tuple[str, str, dict[str, str]], ...]:
    entry = {
        "day": date.today().isoformat(),  # noqa: DTZ011 -- the server's calendar day is fine
        "kind": "application",
        "organisation": "Zip bomb test",
        "job_title": "Tester",
        "channel": "email",
        "status": "sent",
    }
    return (("CV upload", "/werkmap/cv/upload", {}), ("proof upload", "/werkmap/new", entry))


def attack(
    browser: Browser, pids: list[int], path: str, fields, upload
) -> tuple[str, float, float]:
    """One upload: (outcome, seconds, extra MB of the worker that took it)."""
    with peak_memory(pids) as memory:
        start = time.perf_counter()
        try:
            status: int | str = browser.post(path, fields, upload)[0]
        except (OSError, urllib.error.URLError) as error:
            status = f"no answer ({error.__class__.__name__})"
        seconds = time.perf_counter() - start
    if memory["lost"]:
        outcome = f"KILLED A WORKER: {status}"
    elif status == 200:
        outcome = "refused"
    elif status == 302:
        outcome = "ACCEPTED (stored)"
    else:
        outcome = f"answered {status}"
    return outcome, seconds, memory["extra_mb"]


SEVERITY = ("refused", "answered", "ACCEPTED", "KILLED")


def severity(outcome: str) -> int:
    return next(n for n, word in enumerate(SEVERITY) if outcome.startswith(word))


def run(
    base_url: str, session_factory=None, master: int | None = None, repeats: int = 3
) -> list[str]:
    """One line per attack and target (see the module's docstring): the worst outcome of
    `repeats` uploads, the median time and the median and largest extra memory."""
    master = master or int(os.environ.get("ABUSE_GUNICORN_PID", 0)) or None
    email = os.environ.get("ABUSE_EMAIL", DEMO_EMAIL)
    password = os.environ.get("ABUSE_PASSWORD", DEMO_PASSWORD)

    def signed_in() -> Browser:
        if session_factory is not None:  # bench/abuse.py: a new applicant, signed in
            return Browser(base_url, session=session_factory(role="applicant"))
        browser = Browser(base_url)
        browser.sign_in(email, password)
        return browser

    browser = signed_in()
    for _target, path, fields in targets():  # warm up: templates compiled, pages cached
        for _ in range(4):
            browser.post(path, fields, ("warm-up.txt", b"not a document"))
    lines = []
    for label, filename, build, megabytes in ATTACKS:
        data = build(megabytes)
        for target, path, fields in targets():
            results = []
            for _ in range(repeats):
                pids = workers(base_url, master)  # again: a killed worker is replaced
                results.append(attack(browser, pids, path, fields, (filename, data)))
                if results[-1][0].startswith("KILLED"):
                    browser = signed_in()
            outcome = max((r[0] for r in results), key=severity)
            seconds = statistics.median(r[1] for r in results)
            memory = sorted(r[2] for r in results)
            lines.append(
                f"zip bomb ({label}, {len(data) / MB:.1f} MB) at the {target}: {outcome} in "
                f"{seconds:.2f} s with {statistics.median(memory):.0f} MB extra memory "
                f"(medians of {repeats}; at most {memory[-1]:.0f} MB)"
            )
    return lines


# --- standing alone: optionally with a gunicorn of its own ------------------------------------


@contextmanager
def serve(workers_count: int = 2) -> Iterator[tuple[str, int]]:
    """gunicorn on a free port of 127.0.0.1 with a temporary SQLite database and the demo data."""
    folder = Path(tempfile.mkdtemp(prefix="zip-bomb-"))
    env = {
        **os.environ,
        "PORTAL_ENV": "development",  # wsgi.py needs the mode by name
        "DATABASE_URL": f"sqlite:///{folder}/portal.db",
        "PORTAL_UPLOAD_DIR": str(folder / "uploads"),
        "PORTAL_DEMO": "1",
        "SECRET_KEY": "zip-bomb-bench-" + "x" * 40,
    }
    portal = str(Path(sys.executable).with_name("portal"))
    for command in ("init-db", "seed-demo"):
        subprocess.run([portal, command], env=env, cwd=ROOT, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = f"-w {workers_count} --timeout 30 -b 127.0.0.1:{port} wsgi:app".split()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *options],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            with suppress(OSError):
                if Browser(base, timeout=2).request("/healthz")[0] == 200:
                    break
            time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running portal, e.g. http://127.0.0.1:8000")
    parser.add_argument("--pid", type=int, help="the gunicorn master's pid (else: by port)")
    parser.add_argument("--serve", action="store_true", help="start a gunicorn of its own")
    parser.add_argument("--email", help="an applicant account (default: the demo applicant)")
    parser.add_argument("--password")
    parser.add_argument("--repeats", type=int, default=3, help="uploads of each (default 3)")
    args = parser.parse_args()
    if args.email:
        os.environ["ABUSE_EMAIL"], os.environ["ABUSE_PASSWORD"] = args.email, args.password or ""
    if args.serve:
        with serve() as (base, pid):
            lines = run(base, None, pid, args.repeats)
    elif args.base_url:
        lines = run(args.base_url, None, args.pid, args.repeats)
    else:
        parser.error("give --base-url or --serve")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
