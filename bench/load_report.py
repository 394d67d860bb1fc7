"""The load test's figures from Locust's CSV files: p50 and p95 per page, and errors.

    python3 bench/load_report.py PREFIX...     (PREFIX_stats.csv of each step, in order)

Prints one table per step and, at the end, the most users a step held with p95 ≤ 500 ms over
all requests and no errors. Exit 1 when no step held.
"""

import csv
import sys
from pathlib import Path

LIMIT_MS = 500


def rows(prefix: str) -> list[dict]:
    with Path(f"{prefix}_stats.csv").open(newline="") as file:
        return list(csv.DictReader(file))


def main() -> int:
    held = None
    for prefix in sys.argv[1:]:
        users = Path(prefix).name.rsplit("-", 1)[-1]
        stats = rows(prefix)
        print(f"\n{users} users")
        print(f"  {'page':<34} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}")
        total = None
        for row in stats:
            line = (
                f"  {row['Name'][:34]:<34} {row['Request Count']:>8} {row['Failure Count']:>6} "
                f"{row['50%']:>7} {row['95%']:>7}"
            )
            if row["Name"] == "Aggregated":
                total = row
                print("  " + "-" * 66)
            print(line)
        if total is None:
            continue
        ok = int(total["Failure Count"]) == 0 and float(total["95%"]) <= LIMIT_MS
        print(
            f"  => {'held' if ok else 'NOT held'} (p95 {total['95%']} ms, errors {total['Failure Count']})"
        )
        if ok:
            held = users
    print(f"\nMost users held with p95 <= {LIMIT_MS} ms and 0 errors: {held or 'none'}")
    return 0 if held else 1


if __name__ == "__main__":
    raise SystemExit(main())
