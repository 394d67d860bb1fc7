"""Server time and SQL statements of the scan's result page (occupations and vacancies with
their reasons) for the demo lists and for 2,000 open vacancies.

    .venv/bin/python bench/scan_result.py [repeats]

One process, a temporary SQLite database migrated to head, the demo lists (16 competences,
10 occupations, 5 vacancies), one applicant with a filled-in scan signed in through the real
login form. The page is requested `repeats` times (default 50) after 5 warm-up requests; the
median of the server time (WSGI call to last byte, through Flask's test client) is printed
with the number of SQL statements the page makes.
"""

import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, select

from portal import create_app
from portal.auth.password_services import hash_password
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.labour import import_services, services
from portal.labour.models import Competence, Vacancy
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role

PAGE = "/scan/result"


def measure(client, engine, repeats: int) -> tuple[float, int]:
    for _ in range(5):
        client.get(PAGE).close()
    statements = []
    listener = lambda *_args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    response = client.get(PAGE)
    event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, response.status_code
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(PAGE).get_data()
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
    with app.app_context():
        upgrade(url)
        now = utcnow()
        with unit_of_work():
            import_services.seed_demo(today(now), now)
            person = User(
                email="p@example.nl",
                name="Bench Persoon",
                role=Role.APPLICANT,
                password_hash=hash_password("bench-password"),
                activated_at=now,
            )
            db.session.add(person)
            db.session.flush()
            scan = services.start(person, person.id, now)
            codes = {c.code: c.id for c in db.session.scalars(select(Competence))}
            levels = {codes[c]: 2 for c in ("zorgzaam", "nederlands_b1", "op_tijd", "vca")}
            services.save_ratings(person, scan, levels, now)
            services.save_answers(
                person, scan, {"sectors": ["care", "logistics"], "hours": 24}, now
            )
        engine = app.extensions["db_engine"]
    client = app.test_client()
    client.post("/login", data={"email": "p@example.nl", "password": "bench-password"})
    small = measure(client, engine, repeats)
    with app.app_context(), unit_of_work():
        competences = db.session.scalars(select(Competence)).all()
        for n in range(2000):
            db.session.add(
                Vacancy(
                    reference=f"bench-{n}",
                    title=f"Vacature {n}",
                    employer=f"Werkgever {n}",
                    sector=("care", "logistics", "retail", "cleaning")[n % 4],
                    hours_per_week=16 + n % 24,
                    closes_on=today(utcnow()) + timedelta(days=30),
                    requirements=list(
                        {c.id: c for c in (competences[n % 16], competences[(n * 7) % 16])}.values()
                    ),
                )
            )
    large = measure(client, engine, repeats)
    print(f"median server time over {repeats} requests (ms) and SQL statements per request")
    print(f"{PAGE}  demo lists (5 vacancies): {small[0]:7.2f} ms, {small[1]:2d} statements")
    print(f"{PAGE}  2,005 open vacancies:     {large[0]:7.2f} ms, {large[1]:2d} statements")


if __name__ == "__main__":
    main()
