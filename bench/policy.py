"""What reading the policy values and the look from the database costs a page.

    .venv/bin/python bench/policy.py [--requests 300]

Renders the public home page (header with the municipality's name, the logo and, when colours
were chosen, the theme stylesheet) with the test client on a migrated SQLite database: first
with no value chosen (the configuration holds), then with every look value and the policy
values set. Prints the SQL statements per request and the median time per request of 5 runs,
and the median time of the one query that reads every chosen value.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from portal import create_app, policy
from portal.db import unit_of_work, utcnow
from portal.migrate import upgrade

CHOSEN = {
    "PORTAL_MUNICIPALITY_NAME": "Gemeente Testdorp",
    "PORTAL_MUNICIPALITY_ADDRESS": "Postbus 12\n1234 AB Testdorp",
    "PORTAL_MUNICIPALITY_PHONE": "14 0123",
    "PORTAL_THEME_PRIMARY": "#004400",
    "PORTAL_THEME_PRIMARY_DARK": "#002200",
    "PORTAL_THEME_ACCENT_BG": "#eef5ee",
    "PORTAL_APPLICATION_NORM": "5",
    "PORTAL_WEEKLY_NORM": "3",
    "PORTAL_REMINDER_DAYS": "7,14",
}


def measure(app, requests: int) -> tuple[float, int]:
    """Median milliseconds per request of 5 runs, and SQL statements per request (each request
    in its own app context, as in production)."""
    client = app.test_client()
    statements = []
    engine = app.extensions["db_engine"]

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get("/")
        statements.clear()
        client.get("/")
        per_request = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(requests):
            client.get("/").close()
        runs.append((time.perf_counter() - start) * 1000 / requests)
    return statistics.median(runs), per_request


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-policy-"))
    url = f"sqlite:///{folder / 'portal.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-secret-" + "x" * 40,
            "PORTAL_UPLOAD_DIR": str(folder / "files"),
            "PORTAL_STATIC_BUILD_DIR": str(folder / "static"),
            "PORTAL_CLAMD": "off",
        }
    )
    upgrade(url)
    plain, plain_sql = measure(app, args.requests)
    with app.app_context(), unit_of_work():
        for key, value in CHOSEN.items():
            policy.change(None, key, value, utcnow())
    chosen, chosen_sql = measure(app, args.requests)
    with app.app_context():
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(args.requests):
                policy.forget()
                policy.stored()
            runs.append((time.perf_counter() - start) * 1000 / args.requests)
        query = statistics.median(runs)
    print(f"home page, nothing chosen: {plain:.2f} ms median, {plain_sql} SQL statements")
    print(f"home page, look and policy chosen: {chosen:.2f} ms median, {chosen_sql} SQL statements")
    print(f"reading every chosen value (the one query of a request): {query:.3f} ms median")


if __name__ == "__main__":
    main()
