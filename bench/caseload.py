"""Server time and SQL statements of the caseload page for caseloads of 50 and 500.

    .venv/bin/python bench/caseload.py [repeats]

One process, a temporary SQLite database migrated to head; two e-coaches, one with 50 and one
with 500 Zelfdoeners (each with a few log entries, every third with a message). Each page is
requested `repeats` times (default 50) after 5 warm-up requests; medians are printed.
"""

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from bench.signin import give_app, sign_in
from portal import create_app
from portal.auth.password_services import hash_password
from portal.caseload.models import Assignment
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.intake.models import ServiceLine
from portal.messages.models import Message
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role
from portal.werkmap.models import LogEntry
from questionnaires.examples import SELF_STARTER

PASSWORD = "bench-password"


def seed(size: int, coach: User, decision_id: int, now) -> None:
    on = today(now)
    for n in range(size):
        person = User(
            email=f"p{coach.id}-{n}@example.nl",
            name=f"Persoon {coach.id}-{n:03d}",
            role=Role.APPLICANT,
            activated_at=now,
        )
        db.session.add(person)
        db.session.flush()
        db.session.add(
            ServiceLine(
                applicant_id=person.id,
                scheme="drie_lijnen",
                outcome="zelfdoeners",
                decision_id=decision_id,
                since=now - timedelta(days=n % 120),
            )
        )
        db.session.add(
            Assignment(
                applicant_id=person.id, coach_id=coach.id, started_at=now - timedelta(days=n % 120)
            )
        )
        for k in range(n % 4):
            db.session.add(
                LogEntry(
                    owner_id=person.id,
                    day=on - timedelta(days=3 * k),
                    kind="application",
                    organisation=f"Bedrijf {k}",
                )
            )
        if n % 3 == 0:
            db.session.add(
                Message(
                    person_id=person.id, author_id=person.id, from_person=True, body="Vraag", at=now
                )
            )


def measure(client, engine, repeats: int) -> tuple[float, int]:
    for _ in range(5):
        client.get("/coach/?show=all").close()
    statements = []
    listener = lambda *_args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    assert client.get("/coach/?show=all").status_code == 200
    event.remove(engine, "before_cursor_execute", listener)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get("/coach/?show=all").get_data()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, len(statements)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    folder = tempfile.mkdtemp()
    url = f"sqlite:///{folder}/bench.db"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-" + "x" * 40,
            "PORTAL_UPLOAD_DIR": folder,
            "MAIL_BACKEND": "dev",
            "WTF_CSRF_ENABLED": False,
        }
    )
    now = utcnow()
    with app.app_context():
        upgrade(url)
        with unit_of_work():
            coaches = [
                User(
                    email=f"coach{size}@example.nl",
                    name=f"Coach {size}",
                    role=Role.ECOACH,
                    password_hash=hash_password(PASSWORD),
                    activated_at=now,
                )
                for size in (50, 500)
            ]
            consultant = User(
                email="k@example.nl", name="K", role=Role.CONSULTANT, activated_at=now
            )
            first = User(
                email="first@example.nl", name="Eerste", role=Role.APPLICANT, activated_at=now
            )
            db.session.add_all([*coaches, consultant, first])
            db.session.flush()
            response = intake.start(first, "entreevragenlijst", "drie_lijnen", now)
            response.answers = dict(SELF_STARTER)
            intake.submit(response, now)
            decision = intake.decide(consultant, response, "zelfdoeners", "", now)
            for coach, size in zip(coaches, (50, 500), strict=True):
                seed(size, coach, decision.id, now)
        engine = app.extensions["db_engine"]
    print(f"caseload page (/coach/?show=all): median server time over {repeats} requests")
    for size in (50, 500):
        client = app.test_client()
        email = f"coach{size}@example.nl"
        sign_in(client, email, PASSWORD, give_app(app, email))
        median, statements = measure(client, engine, repeats)
        print(f"  {size:3d} people: {median:7.2f} ms, {statements} SQL statements per request")


if __name__ == "__main__":
    main()
