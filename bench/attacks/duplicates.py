"""200 identical POSTs of one log entry at the same moment: how many rows? The bar: exactly 1.

One applicant opens the form once (one CSRF token, one one-time form key) and sends it 200
times from 50 threads, each past a barrier so they leave together. The rows are counted in the
applicant's own CSV export (every entry, not one page of the log).
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

COPIES, THREADS = 200, 50
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
KEY = re.compile(r'name="form_key" (?:type="hidden" )?value="([^"]+)"')
DAY = re.compile(
    r'id="day" name="day" (?:type="date" )?value="([0-9-]+)"|name="day"[^>]*value="([0-9-]+)"'
)


def run(base_url: str, session_factory) -> list[str]:
    applicant = session_factory()
    page = applicant.get(f"{base_url}/werkmap/new", timeout=30).text
    key = KEY.search(page)
    day = DAY.search(page)
    organisation = f"Dubbel BV {secrets.token_hex(4)}"
    data = {
        "csrf_token": CSRF.search(page).group(1),
        "day": next(g for g in day.groups() if g) if day else "",
        "kind": "application",
        "organisation": organisation,
        "job_title": "Tester",
        "channel": "email",
        "status": "sent",
    }
    if key:
        data["form_key"] = key.group(1)
    barrier = threading.Barrier(THREADS)
    local = threading.local()

    def post(_n: int) -> int:
        if not hasattr(local, "session"):
            local.session = applicant.clone()
            barrier.wait(timeout=60)
        response = local.session.post(
            f"{base_url}/werkmap/new", data=data, allow_redirects=False, timeout=120
        )
        return response.status_code

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = Counter(pool.map(post, range(COPIES)))
    export = applicant.get(f"{base_url}/werkmap/export.csv", timeout=60).text
    rows = sum(organisation in line for line in export.splitlines())
    verdict = "OK" if rows == 1 else "FAIL"
    shown = ", ".join(f"{status}×{count}" for status, count in sorted(statuses.items()))
    line = (
        f"{verdict}: {COPIES} identical POSTs of a log entry ({THREADS} threads) → {rows} "
        f"row{'s' if rows != 1 else ''} (HTTP {shown}; form key {'sent' if key else 'absent'})"
    )
    return [line]
