"""What the one-process benches share: a portal on a temporary SQLite file migrated to head,
accounts, and the median of a timed action.

    app = bench_app()                  # development settings (sign in: bench/signin.py)
    person = account(app, "p@example.nl", "Naam", Role.APPLICANT)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app
from portal.auth.password_services import hash_password
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role

PASSWORD = "bench-password"


def bench_app():
    """The portal (development settings) on a fresh SQLite file at head. CSRF stays on: a
    page renders its forms' tokens, and without them some templates cannot render."""
    folder = tempfile.mkdtemp(prefix="bench-")
    url = f"sqlite:///{folder}/bench.db"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-" + "x" * 40,
            "PORTAL_UPLOAD_DIR": folder,
            "MAIL_BACKEND": "dev",
        }
    )
    with app.app_context():
        upgrade(url)
    return app


def account(app, email: str, name: str, role: Role, password: str | None = PASSWORD) -> User:
    """An activated account (with `password`, or none: it cannot sign in)."""
    with app.app_context(), unit_of_work():
        user = User(
            email=email,
            name=name,
            role=role,
            password_hash=hash_password(password) if password else None,
            activated_at=utcnow(),
        )
        db.session.add(user)
    return user


def median_ms(action: Callable[[], object], repeats: int, warm_up: int = 10) -> float:
    """The median wall time of `action` in ms, after `warm_up` untimed calls."""
    for _ in range(warm_up):
        action()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000
