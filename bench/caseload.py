"""Server time and SQL statements of the caseload page for caseloads of 50 and 500.

    .venv/bin/python bench/caseload.py [repeats]

One process, a temporary SQLite database migrated to head; two e-coaches, one with 50 and one
with 500 Zelfdoeners (each with a few log entries, every third with a message). Each page is
requested `repeats` times (default 50) after 5 warm-up requests; medians are printed.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from bench.pages import caseload as caseload_of
from bench.setup import PASSWORD, account, bench_app
from bench.signin import give_app, sign_in
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.roles import Role
from questionnaires.examples import SELF_STARTER

SIZES = (50, 500)


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
    app = bench_app()
    now = utcnow()
    coaches = [
        account(app, f"coach{size}@example.nl", f"Coach {size}", Role.ECOACH) for size in SIZES
    ]
    consultant = account(app, "k@example.nl", "K", Role.CONSULTANT, None)
    first = account(app, "first@example.nl", "Eerste", Role.APPLICANT, None)
    with app.app_context():
        with unit_of_work():
            response = intake.start(first, "entreevragenlijst", "drie_lijnen", now)
            response.answers = dict(SELF_STARTER)
            intake.submit(response, now)
            decision = intake.decide(consultant, response, "zelfdoeners", "", now)
            for coach, size in zip(coaches, SIZES, strict=True):
                caseload_of(db.session.merge(coach), size, decision.id, now)
        engine = app.extensions["db_engine"]
    print(f"caseload page (/coach/?show=all): median server time over {repeats} requests")
    for size in SIZES:
        client = app.test_client()
        email = f"coach{size}@example.nl"
        sign_in(client, email, PASSWORD, give_app(app, email))
        median, statements = measure(client, engine, repeats)
        print(f"  {size:3d} people: {median:7.2f} ms, {statements} SQL statements per request")


if __name__ == "__main__":
    main()
