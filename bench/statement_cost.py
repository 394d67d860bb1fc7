"""What one statement costs in the portal's process, by the way it is run: the login session's
lookup (the query every signed-in request asks) through the ORM session as entities, as Core
rows through the session, as Core rows on the session's connection (`portal.db.fetch`), and
`sessions.find` with and without a commit around it.

    .venv/bin/python bench/statement_cost.py [--repeats 2000]

CPU time per call (time.process_time), the best of 5 runs of `--repeats` calls each, on a
SQLite file at head with one account and one session (bench/setup.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import bindparam, select

from bench.setup import account, bench_app
from portal.auth import session_services as sessions
from portal.auth.session_models import LoginSession
from portal.db import db, fetch, unit_of_work, utcnow
from portal.people import User
from portal.roles import Role

CORE = (
    select(*LoginSession.__table__.columns, *User.__table__.columns)
    .outerjoin(User.__table__, User.id == LoginSession.user_id)
    .where(LoginSession.token_hash == bindparam("token_hash"))
)


def cost_us(app, action: Callable[[], object], repeats: int) -> float:
    """CPU µs per call: the best of 5 runs in one request context (after 50 untimed calls)."""
    best = []
    with app.test_request_context():
        for _ in range(50):
            action()
        for _ in range(5):
            started = time.process_time()
            for _ in range(repeats):
                action()
            best.append((time.process_time() - started) / repeats * 1e6)
    return min(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2000)
    args = parser.parse_args()
    app = bench_app()
    person = account(app, "sessie@example.nl", "Sessie Meting", Role.APPLICANT)
    with app.app_context(), unit_of_work():
        token = sessions.start(db.session.merge(person), "password", utcnow())
    digest = {"token_hash": sessions._digest(token)}

    def find_committed() -> None:
        with unit_of_work():
            sessions.find(token, utcnow())

    ways = {
        "ORM session, two entities": lambda: db.session.execute(sessions._FIND, digest).first(),
        "ORM session, Core rows": lambda: db.session.execute(CORE, digest).first(),
        "session's connection (db.fetch)": lambda: fetch(CORE, digest).first(),
        "sessions.find, no commit": lambda: sessions.find(token, utcnow()),
        "sessions.find in a unit of work": find_committed,
    }
    print(f"CPU µs per call, best of 5 runs of {args.repeats}")
    for label, action in ways.items():
        print(f"{label:<34} {cost_us(app, action, args.repeats):7.1f}")


if __name__ == "__main__":
    main()
