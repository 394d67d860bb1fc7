"""The plans behind a slow page: every SQL statement of one request, run again under
EXPLAIN ANALYZE on the same connection settings (used by bench/scale.py --explain).

The statements are caught with their parameters while the page is requested once; each is
then explained on a fresh connection (inside a transaction that is rolled back, so an
UPDATE the page made is not repeated for real). Statements slower than `slower_than` ms are
printed with their plan."""

from __future__ import annotations

import cProfile
import pstats
import re

from sqlalchemy import event

TIME = re.compile(r"Execution Time: ([\d.]+) ms")


def statements_of(client, engine, path: str) -> list[tuple[str, object]]:
    caught: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, *_rest):
        caught.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        response = client.get(path)
        response.get_data()
        response.close()
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    return caught


def profile(client, path: str, top: int = 25) -> None:
    """Where the request's time goes, when it is not the statements (cumulative)."""
    found = cProfile.Profile()
    found.enable()
    client.get(path).get_data()
    found.disable()
    pstats.Stats(found).sort_stats("cumtime").print_stats(top)


def explain(client, engine, path: str, slower_than: float = 2.0) -> None:
    caught = statements_of(client, engine, path)
    raw = engine.raw_connection()
    try:
        timed = []
        for statement, parameters in caught:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE", "DELETE")):
                continue
            with raw.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            raw.rollback()
            found = TIME.search(plan)
            timed.append((float(found.group(1)) if found else 0.0, statement, plan))
        print(f"\n== {path}: {len(caught)} statements, {sum(t for t, *_ in timed):.1f} ms in all")
        for took, statement, plan in sorted(timed, key=lambda t: -t[0]):
            if took < slower_than:
                break
            print(f"-- {took:.1f} ms: {' '.join(statement.split())[:600]}\n{plan}\n")
    finally:
        raw.close()
    profile(client, path)
