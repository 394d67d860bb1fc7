"""Two tabs save different questionnaire pages at the same moment, 50 rounds: answers lost?

One applicant, two tabs (the same session cookie, as in a browser). Each round both tabs open
their page ("work" and "skills"), then post new answers at the same moment (a barrier); after
the round both pages are read back. A round loses answers when either page does not show what
was just saved. The bar: 0 of 50.
"""

from __future__ import annotations

import re
import threading

import requests

ROUNDS = 50
BASE = "/questions/entreevragenlijst"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
CHECKED = re.compile(r'<input checked[^>]*name="(\w+)"[^>]*value="([^"]*)"')
# Two answer sets per page; each round saves the other set, so a lost save shows.
PAGES = {
    "work": (
        {"work_last": "within_year", "work_years": "over_five", "education": "hbo_wo"},
        {"work_last": "over_three", "work_years": "under_one", "education": "primary"},
    ),
    "skills": (
        {
            "dutch_speaking": "well",
            "dutch_reading": "well",
            "digital": "alone",
            "driving_licence": "yes",
        },
        {
            "dutch_speaking": "a_little",
            "dutch_reading": "not",
            "digital": "no",
            "driving_licence": "no",
        },
    ),
}


def _saved(session: requests.Session, base_url: str, step: str) -> dict[str, str]:
    html = session.get(f"{base_url}{BASE}/page/{step}", timeout=30).text
    return dict(CHECKED.findall(html))


def _round(base_url: str, tabs: list, wanted: dict[str, dict[str, str]]) -> list[int]:
    """Both tabs open their page, then post at the same moment; the statuses."""
    barrier = threading.Barrier(len(tabs))
    statuses: list[int] = []

    def save(session: requests.Session, step: str) -> None:
        page = session.get(f"{base_url}{BASE}/page/{step}", timeout=30).text
        data = {**wanted[step], "csrf_token": CSRF.search(page).group(1)}
        barrier.wait(timeout=30)
        response = session.post(
            f"{base_url}{BASE}/page/{step}", data=data, allow_redirects=False, timeout=60
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=save, args=tab) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def run(base_url: str, session_factory) -> list[str]:
    first = session_factory()
    second = first.clone()
    token = CSRF.search(first.get(f"{base_url}/questions/", timeout=30).text).group(1)
    first.post(f"{base_url}{BASE}/start", data={"csrf_token": token}, timeout=30)
    tabs = list(zip((first, second), PAGES, strict=True))
    lost, failed = 0, 0
    for round_number in range(ROUNDS):
        wanted = {step: PAGES[step][round_number % 2] for step in PAGES}
        statuses = _round(base_url, tabs, wanted)
        failed += sum(status != 302 for status in statuses)
        saved = {step: _saved(first, base_url, step) for step in PAGES}
        lost += any(saved[step] != wanted[step] for step in PAGES)
    verdict = "OK" if lost == 0 and failed == 0 else "FAIL"
    line = (
        f"{verdict}: two tabs saving different questionnaire pages at once, {ROUNDS} rounds → "
        f"answers lost in {lost} rounds ({failed} saves refused)"
    )
    return [line]
