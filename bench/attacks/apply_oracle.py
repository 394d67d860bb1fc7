"""Does the anonymous /apply tell anything about the people the portal knows?

Four kinds of input, four times each and taking turns (after one warm-up post), from a fresh
visitor each time: an address nobody has, an applicant's address, a staff address, and the name
and date of birth of someone with an open application (with a new address). The bar: one page (after taking out the CSRF token, the form
key and the typed address), one status, and medians within a few milliseconds of each other.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import statistics
import time

# Per kind; with one warm-up 17 posts, within the 20 an hour per client. For a closer look at
# the times, start the server with higher PORTAL_APPLY_MAX_PER_CLIENT and _PER_ADDRESS and set
# ABUSE_APPLY_SAMPLES.
SAMPLES = int(os.environ.get("ABUSE_APPLY_SAMPLES", "4"))
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="[^"]+"')
KEY = re.compile(r'name="form_key" (?:type="hidden" )?value="[^"]*"')


def _visit(base_url: str, visitor, data: dict[str, str]) -> tuple[int, str, float]:
    page = visitor.get(f"{base_url}/apply", timeout=30).text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    key = re.search(r'name="form_key" (?:type="hidden" )?value="([^"]+)"', page)
    form = {**data, "csrf_token": token, "phone": ""}
    if key:
        form["form_key"] = key.group(1)
    started = time.perf_counter()
    response = visitor.post(f"{base_url}/apply", data=form, allow_redirects=False, timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    body = KEY.sub("", CSRF.sub("", response.text)).replace(data["email"], "EMAIL")
    return response.status_code, hashlib.sha256(body.encode()).hexdigest()[:12], elapsed


def run(base_url: str, session_factory) -> list[str]:
    applicant = session_factory().account
    staff = session_factory(role="consultant").account
    known = session_factory(application=True).account
    kinds = {
        "unknown address": lambda: {
            "name": "Nieuw Mens",
            "born_on": "1970-01-01",
            "email": f"nieuw-{secrets.token_hex(4)}@example.nl",
        },
        "applicant's address": lambda: {
            "name": "Iemand Anders",
            "born_on": "1971-01-01",
            "email": applicant["email"],
        },
        "staff address": lambda: {
            "name": "Iemand Anders",
            "born_on": "1972-01-01",
            "email": staff["email"],
        },
        "open application": lambda: {
            "name": known["name"],
            "born_on": known["born_on"].isoformat(),
            "email": f"ander-{secrets.token_hex(4)}@example.nl",
        },
    }
    _visit(base_url, session_factory("anonymous"), kinds["unknown address"]())
    results: dict[str, list[tuple[int, str, float]]] = {name: [] for name in kinds}
    for _ in range(SAMPLES):
        for name, make in kinds.items():
            results[name].append(_visit(base_url, session_factory("anonymous"), make()))
    statuses = {status for samples in results.values() for status, _body, _ms in samples}
    pages = {body for samples in results.values() for _status, body, _ms in samples}
    medians = {
        name: statistics.median(ms for _status, _body, ms in samples)
        for name, samples in results.items()
    }
    spread = max(medians.values()) - min(medians.values())
    verdict = "OK" if len(pages) == 1 and len(statuses) == 1 else "FAIL"
    times = ", ".join(f"{name} {ms:.0f} ms" for name, ms in medians.items())
    line = (
        f"{verdict}: /apply with {len(kinds)} kinds of input × {SAMPLES} → {len(pages)} "
        f"different page{'s' if len(pages) != 1 else ''}, HTTP {sorted(statuses)}; medians: "
        f"{times} (spread {spread:.0f} ms)"
    )
    return [line]
