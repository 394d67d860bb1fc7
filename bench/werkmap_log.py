"""Server time and SQL statements of the Werkmap log pages for 5 and for 500 entries.

    .venv/bin/python bench/werkmap_log.py [repeats]

One process, a temporary SQLite database migrated to head, one applicant signed in through
the real login form. Each page is requested `repeats` times (default 200) after 10 warm-up
requests; the median of the server time (WSGI call to last byte, through Flask's test client)
is printed with the number of SQL statements the page makes.
"""

import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from bench.setup import PASSWORD, account, bench_app
from bench.signin import give_app, sign_in
from portal.caseload import services as caseload
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.roles import Role
from portal.werkmap.models import KINDS, LogEntry, StatusChange

PAGES = ("/werkmap/", "/werkmap/weeks", "/people/{person}/werkmap/")


def measure(client, url: str, engine, repeats: int) -> tuple[float, int]:
    for _ in range(10):
        client.get(url).close()
    statements = []
    listener = lambda *_args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    response = client.get(url)
    event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url).get_data()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000, len(statements)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    app = bench_app()
    person = account(app, "p@example.nl", "Bench Persoon", Role.APPLICANT)
    coach = account(app, "c@example.nl", "Bench Coach", Role.ECOACH)
    with app.app_context():
        with unit_of_work():
            caseload.assign(person.id, coach.id, None, utcnow())
        person_id, on = person.id, today(utcnow())
        engine = app.extensions["db_engine"]

    def add(count: int, start: int) -> None:
        with app.app_context(), unit_of_work():
            for n in range(start, start + count):
                entry = LogEntry(
                    owner_id=person_id,
                    day=on - timedelta(days=n % 120),
                    kind=KINDS[n % len(KINDS)],
                    organisation=f"Bedrijf {n}",
                    job_title="Medewerker",
                    notes="Gebeld en gemaild.",
                )
                entry.history.append(StatusChange(status="sent"))
                db.session.add(entry)

    applicant, staff = app.test_client(), app.test_client()
    sign_in(applicant, "p@example.nl", PASSWORD)
    sign_in(staff, "c@example.nl", PASSWORD, give_app(app, "c@example.nl"))
    results = {}
    for total, extra, start in ((5, 5, 0), (500, 495, 5)):
        add(extra, start)
        for page in PAGES:
            client = staff if page.startswith("/people") else applicant
            results[(page, total)] = measure(client, page.format(person=person_id), engine, repeats)
    print(f"median server time over {repeats} requests (ms) and SQL statements per request")
    for page in PAGES:
        (t5, q5), (t500, q500) = results[(page, 5)], results[(page, 500)]
        print(
            f"{page:28} 5 entries: {t5:6.2f} ms, {q5:2d} statements | "
            f"500 entries: {t500:6.2f} ms, {q500:2d} statements"
        )


if __name__ == "__main__":
    main()
