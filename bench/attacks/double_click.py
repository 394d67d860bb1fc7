"""A double click on "Send my application" (/apply), 10 rounds: any server error? The bar: none.

Each round a new visitor opens the form once and sends it twice at the same moment (the same
CSRF token and one-time form key, a barrier between them), with a new address.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import Counter

ROUNDS = 10  # 20 posts: within the 20 an hour per client
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
KEY = re.compile(r'name="form_key" (?:type="hidden" )?value="([^"]+)"')


def _round(base_url: str, session_factory) -> list[int]:
    visitor = session_factory("anonymous")
    page = visitor.get(f"{base_url}/apply", timeout=30).text
    data = {
        "csrf_token": CSRF.search(page).group(1),
        "name": "Dubbel Klik",
        "born_on": "1975-05-05",
        "email": f"klik-{secrets.token_hex(4)}@example.nl",
        "phone": "",
    }
    key = KEY.search(page)
    if key:
        data["form_key"] = key.group(1)
    tabs = [visitor, visitor.clone()]
    barrier = threading.Barrier(len(tabs))
    statuses: list[int] = []

    def click(tab) -> None:
        barrier.wait(timeout=30)
        response = tab.post(f"{base_url}/apply", data=data, allow_redirects=False, timeout=60)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=click, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def run(base_url: str, session_factory) -> list[str]:
    statuses = Counter(
        status for _ in range(ROUNDS) for status in _round(base_url, session_factory)
    )
    errors = sum(count for status, count in statuses.items() if status >= 500)
    shown = ", ".join(f"{status}×{count}" for status, count in sorted(statuses.items()))
    verdict = "OK" if errors == 0 else "FAIL"
    return [f"{verdict}: {ROUNDS} double clicks on /apply → {errors} server errors (HTTP {shown})"]
