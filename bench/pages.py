"""Data for the page benchmarks (ratio.py, profile_page.py): small and large cases of each page.

Two applicants (5 and 500 log entries and messages, an open search period, a questionnaire in
progress) and two e-coaches (5 and 500 Zelfdoeners, each with a few log entries, every third
with an unread message). `seed()` runs inside an app context on a migrated database and
returns the accounts and the pages to measure.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.signin import confirmed_app
from portal.auth.password_services import hash_password
from portal.caseload.models import Assignment
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.intake.models import ServiceLine
from portal.messages.models import Message
from portal.people import User
from portal.roles import Role
from portal.searchperiod.models import OPEN, Application
from portal.werkmap.models import LogEntry
from questionnaires.examples import SELF_STARTER

PASSWORD = "bench-password-0123"
FIRST_STEP = "work"
STEP_ANSWERS = {"work_last": "within_year", "work_years": "under_one", "education": "primary"}


def _person(email: str, name: str, password_hash: str | None, now) -> User:
    person = User(
        email=email, name=name, role=Role.APPLICANT, password_hash=password_hash, activated_at=now
    )
    db.session.add(person)
    db.session.flush()
    return person


def _log(person: User, count: int, on) -> None:
    db.session.add_all(
        LogEntry(
            owner_id=person.id,
            day=on - timedelta(days=k % 60),
            kind="application" if k % 3 else "network_contact",
            organisation=f"Bedrijf {k}",
            job_title="Medewerker",
            created_by_id=person.id,
        )
        for k in range(count)
    )


def _messages(person: User, coach: User, count: int, now) -> None:
    db.session.add_all(
        Message(
            person_id=person.id,
            author_id=person.id if k % 2 else coach.id,
            from_person=bool(k % 2),
            body=f"Bericht {k}: hoe gaat het met solliciteren? Zie https://werk.nl/vacature/{k}",
            at=now - timedelta(minutes=count - k),
            read_at=now,
        )
        for k in range(count)
    )


def caseload(coach: User, size: int, decision_id: int, now, first: User | None = None) -> None:
    """`size` Zelfdoeners for the coach (`first` the first of them, if given), each with a
    few log entries, every third with an unread message (bench/caseload.py uses it too)."""
    on = today(now)
    for n in range(size):
        person = first if (n == 0 and first is not None) else None
        if person is None:
            person = _person(
                f"p{coach.id}-{n}@example.nl", f"Persoon {coach.id}-{n:03d}", None, now
            )
        db.session.add(
            ServiceLine(
                applicant_id=person.id,
                scheme="drie_lijnen",
                outcome="zelfdoeners",
                decision_id=decision_id,
                since=now - timedelta(days=n % 120),
            )
        )
        db.session.add(
            Assignment(
                applicant_id=person.id, coach_id=coach.id, started_at=now - timedelta(days=n % 120)
            )
        )
        if person is not first:
            db.session.add_all(
                LogEntry(
                    owner_id=person.id,
                    day=on - timedelta(days=3 * k),
                    kind="application",
                    organisation=f"Bedrijf {k}",
                )
                for k in range(n % 4)
            )
            if n % 3 == 0:
                db.session.add(
                    Message(
                        person_id=person.id,
                        author_id=person.id,
                        from_person=True,
                        body="Vraag",
                        at=now,
                    )
                )


def seed() -> dict:
    """Accounts and pages; call inside an app context on an empty, migrated database."""
    now = utcnow()
    on = today(now)
    hashed = hash_password(PASSWORD)
    with unit_of_work():
        coaches = {
            size: User(
                email=f"coach{size}@example.nl",
                name=f"Coach {size}",
                role=Role.ECOACH,
                password_hash=hashed,
                activated_at=now,
            )
            for size in (5, 500)
        }
        consultant = User(
            email="consultant@example.nl",
            name="Consulent",
            role=Role.CONSULTANT,
            password_hash=hashed,
            activated_at=now,
        )
        db.session.add_all([*coaches.values(), consultant])
        db.session.flush()
        secrets = {f"coach{size}": confirmed_app(coach) for size, coach in coaches.items()}
        applicants = {
            size: _person(f"applicant{size}@example.nl", f"Aanvrager {size}", hashed, now)
            for size in (5, 500)
        }
        for size, person in applicants.items():
            db.session.add(
                Application(
                    applicant_id=person.id,
                    name=person.name,
                    born_on=on - timedelta(days=40 * 365),
                    email=person.email,
                    applied_on=on - timedelta(days=10),
                    under_27=False,
                    period_start=on - timedelta(days=10),
                    period_last_day=on + timedelta(days=17),
                    channel="self",
                    status=OPEN,
                    person_key=f"bench|{size}",
                    created_at=now,
                )
            )
            _log(person, size, on)
            _messages(person, coaches[size], size, now)
            intake.start(person, "entreevragenlijst", "drie_lijnen", now)
        first = _person("first@example.nl", "Eerste", None, now)
        response = intake.start(first, "entreevragenlijst", "drie_lijnen", now)
        response.answers = dict(SELF_STARTER)
        intake.submit(response, now)
        decision = intake.decide(consultant, response, "zelfdoeners", "", now)
        for size, coach in coaches.items():
            caseload(coach, size, decision.id, now, applicants[size])
    step = f"/questions/entreevragenlijst/page/{FIRST_STEP}"
    return {
        "second_factor": secrets,  # account -> its authenticator app's secret
        "accounts": {
            "applicant5": "applicant5@example.nl",
            "applicant500": "applicant500@example.nl",
            "coach5": "coach5@example.nl",
            "coach500": "coach500@example.nl",
        },
        "person500": applicants[500].id,
        # (label, account, method, path)
        "pages": [
            ("questionnaire GET", "applicant5", "GET", step),
            ("questionnaire POST", "applicant5", "POST", step),
            ("Werkmap log, 5", "applicant5", "GET", "/werkmap/"),
            ("Werkmap log, 500", "applicant500", "GET", "/werkmap/"),
            ("checklist", "applicant5", "GET", "/search-period/"),
            ("caseload, 5", "coach5", "GET", "/coach/"),
            ("caseload, 500", "coach500", "GET", "/coach/"),
            ("messages, 5", "applicant5", "GET", "/messages/"),
            ("messages, 500", "applicant500", "GET", "/messages/"),
            (
                "coach's thread, 500",
                "coach500",
                "GET",
                f"/coach/people/{applicants[500].id}/messages",
            ),
        ],
    }
