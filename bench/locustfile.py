"""The load test: the portal's real mix of people, with think time, against a running portal.

    bash bench/load-on-postgres.sh          (gunicorn + PostgreSQL on this machine, all steps)

or by hand, in the bench virtualenv (requirements-bench.lock; README, "Load test"):

    BENCH_ACCOUNTS=accounts.json .venv-bench/bin/locust -f bench/locustfile.py \
        --host http://127.0.0.1:8000 --headless --users 50 --spawn-rate 2 --run-time 2m

The mix (weights): applicants 12 (their start page, the search-period checklist, the Werkmap
log, and logging a job application through the form), e-coaches 2 (the caseload, a person's
file), consultants 1 (the advice queue, an advice, deciding it). Every person signs in first
(staff with their authenticator code) and waits 3 to 10 seconds between pages, as people read.
Pages with ids are grouped by their route (`/coach/people/<id>`), so the statistics are per
page. Accounts come from bench/load_setup.py.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import UTC, datetime, timedelta

import pyotp
from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["BENCH_ACCOUNTS"]).read())  # noqa: SIM115
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
FORM_KEY = re.compile(r'name="form_key" (?:type="hidden" )?value="([^"]+)"')
PERSON = re.compile(r'href="/coach/people/(\d+)"')
ADVICE = re.compile(r'href="/advice/(\d+)"')
OUTCOME = re.compile(r'<input[^>]*name="outcome"[^>]*>')
VALUE = re.compile(r'value="([^"]+)"')
_applicants = itertools.cycle(ACCOUNTS["applicants"])
_coaches = itertools.cycle(ACCOUNTS["ecoaches"])
_consultants = itertools.cycle(ACCOUNTS["consultants"])


def _plain_http_cookies(response, *_args, **_kwargs):
    """Drop "Secure" from the portal's cookies: this client speaks plain HTTP to 127.0.0.1,
    where a TLS proxy would stand in production (as bench/abuse.py does)."""
    headers = response.raw._original_response.msg if response.raw is not None else None
    cookies = headers.get_all("Set-Cookie") if headers is not None else None
    if cookies:
        del headers["Set-Cookie"]
        for cookie in cookies:
            headers["Set-Cookie"] = re.sub(r";\s*Secure(?=;|$)", "", cookie, flags=re.IGNORECASE)
    return response


class Person(HttpUser):
    abstract = True
    wait_time = between(3, 10)  # reading the page before the next click
    pool: itertools.cycle

    def on_start(self) -> None:
        self.client.hooks["response"].append(_plain_http_cookies)
        account = next(self.pool)
        page = self.client.get("/login", name="/login")
        response = self.client.post(
            "/login",
            data={
                "email": account["email"],
                "password": ACCOUNTS["password"],
                "csrf_token": CSRF.search(page.text).group(1),
            },
            allow_redirects=False,
            name="/login (post)",
        )
        if account.get("secret"):
            form = self.client.get(response.headers["Location"], name="/second-factor")
            self.client.post(
                "/second-factor",
                data={
                    "code": pyotp.TOTP(account["secret"]).now(),
                    "next": "",
                    "csrf_token": CSRF.search(form.text).group(1),
                },
                name="/second-factor (post)",
            )

    def page(self, url: str, name: str | None = None):
        with self.client.get(url, name=name or url, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/login" in response.url or "/second-factor" in response.url:
                response.failure("sent to sign in")
            return response


class Applicant(Person):
    weight = 12
    pool = _applicants

    @task(3)
    def start_page(self) -> None:
        self.page("/applicant")

    @task(2)
    def checklist(self) -> None:
        self.page("/search-period/")

    @task(3)
    def log(self) -> None:
        self.page("/werkmap/")

    @task(1)
    def log_an_application(self) -> None:
        form = self.page("/werkmap/new")
        token, key = CSRF.search(form.text), FORM_KEY.search(form.text)
        day = datetime.now(UTC).date() - timedelta(days=random.randint(0, 6))
        data = {
            "csrf_token": token.group(1) if token else "",
            "kind": "application",
            "organisation": f"Werkgever {random.randint(1, 500)}",
            "job_title": "Medewerker magazijn",
            "day": day.isoformat(),
            "day-day": str(day.day),
            "day-month": str(day.month),
            "day-year": str(day.year),
            "channel": "online_form",
            "status": "sent",
            "allow_duplicate": "y",
        }
        if key:
            data["form_key"] = key.group(1)
        with self.client.post(
            "/werkmap/new", data=data, name="/werkmap/new (post)", catch_response=True
        ) as response:
            if response.status_code != 200 or "/werkmap/new" in response.url:
                response.failure(f"not saved (HTTP {response.status_code})")


class ECoach(Person):
    weight = 2
    pool = _coaches

    @task(2)
    def caseload(self) -> None:
        self.people = PERSON.findall(self.page("/coach/").text) or getattr(self, "people", [])

    @task(3)
    def person_file(self) -> None:
        people = getattr(self, "people", None) or PERSON.findall(self.page("/coach/").text)
        self.people = people
        if people:
            self.page(f"/coach/people/{random.choice(people)}", "/coach/people/<id>")


class Consultant(Person):
    weight = 1
    pool = _consultants

    @task
    def decide(self) -> None:
        waiting = ADVICE.findall(self.page("/advice/").text)
        if not waiting:
            return
        response_id = random.choice(waiting[:10])
        detail = self.page(f"/advice/{response_id}", "/advice/<id>")
        options = OUTCOME.findall(detail.text)
        chosen = next((o for o in options if "checked" in o), options[0] if options else "")
        outcome, token = VALUE.search(chosen), CSRF.search(detail.text)
        if not outcome or not token:
            return
        with self.client.post(
            f"/advice/{response_id}/decide",
            data={"csrf_token": token.group(1), "outcome": outcome.group(1), "reason": ""},
            name="/advice/<id>/decide (post)",
            catch_response=True,
        ) as response:
            # A colleague may have decided it a moment earlier: the portal says so (not an error).
            if response.status_code not in (200, 404):
                response.failure(f"HTTP {response.status_code}")
