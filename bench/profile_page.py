"""Where a page's CPU time goes: cProfile over many requests of one page, in one process.

    .venv/bin/python bench/profile_page.py [LABEL] [--requests 500] [--sort tottime] [--top 40]

LABEL is part of a page label of bench/pages.py (default "Werkmap log, 5"; e.g. "questionnaire
GET", "caseload, 500", "messages, 500"). The app runs with production settings on a seeded
SQLite file; requests go through Flask's test client (the whole WSGI path, without gunicorn).
Prints the SQL statements of one request, then the profile's top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp
from sqlalchemy import event

from bench import pages
from bench.signin import PRODUCTION_KEYS
from portal import create_app
from portal.migrate import upgrade

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("label", nargs="?", default="Werkmap log, 5")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--path", default="", help="request this path as the page's account")
    parser.add_argument("--callers", default="", help="also print the callers of this function")
    parser.add_argument("--callees", default="", help="also print what this function calls")
    parser.add_argument(
        "--packages", action="store_true", help="also print the own time per package"
    )
    parser.add_argument("--dump", default="", help="also write the profile to this file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="profile-"))
    url = f"sqlite:///{folder / 'portal.db'}"
    settings = {
        "DATABASE_URL": url,
        "SECRET_KEY": "profile-secret-" + "x" * 40,
        "PORTAL_UPLOAD_DIR": str(folder / "files"),
        **PRODUCTION_KEYS,
    }
    seeding = create_app(settings)
    upgrade(url)
    with seeding.app_context():
        plan = pages.seed()
    app = create_app(
        {**settings, "PORTAL_ENV": "production", "MAIL_BACKEND": "smtp", "PORTAL_CLAMD": "off"}
    )
    label, account, method, path = next(
        p for p in plan["pages"] if args.label.lower() in p[0].lower()
    )
    path = args.path or path
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    email = plan["accounts"][account]
    login = client.post(
        "/login", data={"email": email, "password": pages.PASSWORD, "csrf_token": token}
    )
    assert login.status_code == 302, login.status_code
    secret = plan["second_factor"].get(account)
    if secret:
        token = CSRF.search(client.get("/second-factor").get_data(as_text=True)).group(1)
        code = pyotp.TOTP(secret).now()
        passed = client.post("/second-factor", data={"code": code, "csrf_token": token})
        assert passed.status_code == 302, passed.status_code
    form = None
    if method == "POST":
        token = CSRF.search(client.get(path).get_data(as_text=True)).group(1)
        form = {**pages.STEP_ANSWERS, "csrf_token": token}

    def send():
        response = client.open(path, method=method, data=form)
        response.get_data()
        response.close()
        return response.status_code

    for _ in range(20):
        send()
    statements: list[str] = []
    engine = app.extensions["db_engine"]

    def listener(_conn, _cursor, statement, *_rest):
        statements.append(" ".join(statement.split())[:160])

    event.listen(engine, "before_cursor_execute", listener)
    status = send()
    event.remove(engine, "before_cursor_execute", listener)
    print(f"{label}: {method} {path} -> {status}; {len(statements)} SQL statements")
    for statement in statements:
        print("  ", statement)
    chunks = []
    for _ in range(5):
        started = time.process_time()
        for _ in range(args.requests // 5):
            send()
        chunks.append((time.process_time() - started) * 1000 / (args.requests // 5))
    print(
        f"\nwithout the profiler: {min(chunks):.2f} ms CPU per request at best, "
        f"{statistics.median(chunks):.2f} median of 5 runs (no gunicorn)"
    )
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.requests):
        send()
    profile.disable()
    stats = pstats.Stats(profile)
    if args.dump:
        stats.dump_stats(args.dump)
    print(
        f"with the profiler: {stats.total_tt * 1000 / args.requests:.2f} ms and "
        f"{stats.total_calls / args.requests:.0f} Python function calls per request"
    )
    stats.sort_stats(args.sort).print_stats(args.top)
    if args.packages:
        print_packages(stats)
    if args.callers:
        stats.print_callers(args.callers)
    if args.callees:
        stats.sort_stats("cumtime").print_callees(args.callees)


def package_of(path: str) -> str:
    """Where a profiled function lives: a library, the portal's templates or code, Python."""
    if "site-packages/" in path:
        return path.split("site-packages/")[1].split("/")[0]
    if "/portal/templates/" in path:
        return "portal templates"
    for own in ("portal", "questionnaires", "bench"):
        if f"/{own}/" in path:
            return f"{own} (Python)"
    return "built-ins" if path == "~" else "standard library"


def print_packages(stats: pstats.Stats) -> None:
    """The profile's own time (not counting what a function calls) summed per package."""
    totals: dict[str, float] = {}
    for (path, _line, _name), row in stats.stats.items():  # type: ignore[attr-defined]  # pstats keeps it untyped
        totals[package_of(path)] = totals.get(package_of(path), 0.0) + row[2]
    whole = sum(totals.values()) or 1.0
    print("\nown time per package")
    for name, spent in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {name:28s} {spent / whole * 100:5.1f} %")


if __name__ == "__main__":
    main()
