"""Worker CPU per request of the portal's key pages, next to a bare Flask app in the same run.

    .venv/bin/python bench/ratio.py [--requests 300] [--rounds 5] [--only TEXT]

Requests per second are not stable on a shared machine; the CPU time the gunicorn workers
spend per request is. Both apps run under gunicorn with 2 sync workers (the portal with
production settings on a SQLite file seeded by bench/pages.py); one client sends the requests
one after another. For each page: `--requests` requests after 10 warm-up ones, the workers' CPU
time read from /proc/<pid>/task/*/schedstat before and after; that is done `--rounds` times,
interleaved with the bare app's small template (GET) and SQLite write (POST), and the medians
are printed. Ratio = bare CPU / page CPU (1.0 would be as cheap as the bare app). "Paired":
the bare app is measured again (100 requests) just before each page in each round, and the
median of those per-round ratios is printed too; the growth of a page with its data likewise
as the median of each round's quotient. On a shared machine the speed drifts within a round;
a ratio of two measurements a second apart is steadier than a ratio of two medians.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp

from bench import pages
from bench.signin import PRODUCTION_KEYS
from portal import create_app
from portal.migrate import upgrade


def free_port() -> int:
    """A port nobody listens on now (the bench must not import the tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = "bench-secret-key-" + "x" * 40
PAIRED = 100  # requests of the bare app measured just before each page
# What any signed-in request costs before a page does its own work: a 404 for a signed-in
# applicant (session look-up, the layout with its menu) and the language switch (a POST: the
# CSRF check, the session cookie written again, a redirect; no row changes, as the language
# is the one already chosen). (label, account, method, path, form, expected status)
FLOORS = (
    ("floor: signed-in 404", "applicant5", "GET", "/nothing-here", None, 404),
    ("floor: signed-in POST", "applicant5", "POST", "/language", {"locale": "nl"}, 302),
)


class Gunicorn:
    """A gunicorn master with two sync workers; CPU time read from its workers' /proc."""

    def __init__(self, name: str, app: str, env: dict[str, str], log: Path):
        self.name, self.port = name, free_port()
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-w",
                "2",
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{self.port}",
                app,
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while len(self.workers()) < 2 or not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start; see {log}")
            time.sleep(0.1)

    def _answers(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            return True
        except OSError:
            return False

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except FileNotFoundError:
            return []

    def cpu_ns(self) -> int:
        total = 0
        for pid in self.workers():
            for task in Path(f"/proc/{pid}/task").iterdir():
                total += int((task / "schedstat").read_text().split()[0])
        return total

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(20)
        self.log.close()


class Client:
    """Cookies kept by hand (the portal's cookies are Secure in production; this is HTTP)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, data

    def csrf(self, path: str) -> str:
        status, data = self.request("GET", path)
        found = CSRF.search(data.decode())
        assert found, (path, status)
        return found.group(1)

    def login(self, email: str, secret: str | None = None) -> None:
        """The login form; for staff then the authenticator app's code."""
        token = self.csrf("/login")
        status, _ = self.request(
            "POST", "/login", {"email": email, "password": pages.PASSWORD, "csrf_token": token}
        )
        assert status == 302, f"login of {email}: {status}"
        if secret:
            token = self.csrf("/second-factor")
            form = {"code": pyotp.TOTP(secret).now(), "csrf_token": token}
            status, _ = self.request("POST", "/second-factor", form)
            assert status == 302, f"second factor of {email}: {status}"


def measure(server: Gunicorn, send, count: int) -> float:
    """Worker CPU ms per request over `count` requests (after 10 warm-up requests)."""
    for _ in range(10):
        send()
    before = server.cpu_ns()
    for _ in range(count):
        send()
    return (server.cpu_ns() - before) / count / 1e6


def sender(client: Client, method: str, path: str, expect: int, form: dict | None = None):
    def send() -> None:
        status, _ = client.request(method, path, form)
        assert status == expect, f"{method} {path}: {status}"

    return send


def prepare(folder: Path) -> tuple[str, dict]:
    url = f"sqlite:///{folder / 'portal.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": SECRET,
            "PORTAL_UPLOAD_DIR": str(folder / "files"),
            **PRODUCTION_KEYS,
        }
    )
    upgrade(url)
    with app.app_context():
        plan = pages.seed()
    app.extensions["db_engine"].dispose()
    return url, plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="measure only pages whose label has this")
    parser.add_argument(
        "--no-floors", action="store_true", help="leave out the signed-in floor (FLOORS)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ratio-"))
    url, plan = prepare(folder)
    env = {
        "PORTAL_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": url,
        "MAIL_BACKEND": "smtp",
        "PORTAL_CLAMD": "off",  # no uploads are measured
        "PORTAL_UPLOAD_DIR": str(folder / "files"),
        **PRODUCTION_KEYS,
    }
    portal = Gunicorn("portal", "wsgi:app", env, folder / "portal.log")
    bare = Gunicorn(
        "bare",
        "bench.bare_app:app",
        {"BARE_SQLITE": str(folder / "bare.db")},
        folder / "bare.log",
    )
    try:
        clients = {}
        for key, email in plan["accounts"].items():
            clients[key] = Client(portal.port)
            clients[key].login(email, plan["second_factor"].get(key))
        chosen = [p for p in plan["pages"] if args.only.lower() in p[0].lower()]
        senders = {}
        for label, account, method, path in chosen:
            client = clients[account]
            if method == "POST":
                form = {**pages.STEP_ANSWERS, "csrf_token": client.csrf(path)}
                senders[label] = sender(client, "POST", path, 302, form)
            else:
                senders[label] = sender(client, "GET", path, 200)
        for label, account, method, path, form, expect in () if args.no_floors else FLOORS:
            client = clients[account]
            if form is not None:
                form = {**form, "next": "/", "csrf_token": client.csrf("/werkmap/")}
            senders[label] = sender(client, method, path, expect, form)
            chosen.append((label, account, method, path))
        bare_client = Client(bare.port)
        bare_get = sender(bare_client, "GET", "/page", 200)
        bare_post = sender(bare_client, "POST", "/write", 201, {"text": "Een notitie"})
        results: dict[str, list[float]] = {label: [] for label in senders}
        results["bare GET"], results["bare POST"] = [], []
        paired: dict[str, list[float]] = {label: [] for label in senders}
        posts = {label for label, _account, method, _path in chosen if method == "POST"}
        for _round in range(args.rounds):
            results["bare GET"].append(measure(bare, bare_get, args.requests))
            results["bare POST"].append(measure(bare, bare_post, args.requests))
            for label, send in senders.items():
                # The bare app again just before the page: a ratio of two measurements a
                # second apart, which the machine's drift within a round does not move.
                near = measure(bare, bare_post if label in posts else bare_get, PAIRED)
                results[label].append(measure(portal, send, args.requests))
                paired[label].append(near / results[label][-1])
        report(results, paired, chosen, args)
    finally:
        portal.stop()
        bare.stop()


def report(
    results: dict[str, list[float]], paired: dict[str, list[float]], chosen: list, args
) -> None:
    """Medians over the rounds; `paired`: the median of each round's ratio to the bare app
    measured just before the page, and the growth as the median of each round's quotient."""
    median = {label: statistics.median(values) for label, values in results.items()}
    print(
        f"worker CPU per request, median of {args.rounds} rounds of {args.requests} requests "
        "(gunicorn, 2 sync workers; portal in production settings on SQLite)"
    )
    print(f"{'page':<24} {'CPU ms':>8} {'bare ms':>8} {'ratio':>6} {'paired':>6}")
    for label in ("bare GET", "bare POST"):
        print(f"{label:<24} {median[label]:8.2f}")
    for label, _account, method, _path in chosen:
        base = median["bare POST" if method == "POST" else "bare GET"]
        print(
            f"{label:<24} {median[label]:8.2f} {base:8.2f} {base / median[label]:6.2f} "
            f"{statistics.median(paired[label]):6.2f}"
        )
    for small, large in (
        ("Werkmap log, 5", "Werkmap log, 500"),
        ("caseload, 5", "caseload, 500"),
        ("messages, 5", "messages, 500"),
    ):
        if small in median and large in median:
            rounds = [b / a for a, b in zip(results[small], results[large], strict=True)]
            print(
                f"{large} / {small}: {median[large] / median[small]:.2f}× "
                f"(per round: {statistics.median(rounds):.2f}×)"
            )


if __name__ == "__main__":
    main()
