"""Server time of every figures page with 100,000 applicants (p50 and p95).

    .venv/bin/python bench/figures.py [--people 100000] [--repeats 40]
    bash scripts/with-postgres.sh .venv/bin/python bench/figures.py   # on PostgreSQL

Without DATABASE_URL a temporary SQLite file is used. The generator writes five years of
history with bulk inserts (applications, search periods that ended early, assessments,
invitations, questionnaires with advice, decisions and service lines, e-coaching with
reviews, 300,000 audit events in their hash chain) past the events, so `portal figures
rebuild` then writes the row per person, the monthly counts and the file counts of every month
end (its time is printed too), and ANALYZE runs. Each page is requested `repeats` times after 3 warm-up requests, by a
signed-in team lead, in Dutch; server time is the time of the whole request in the app.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text

from bench.signin import give_app, sign_in
from portal import create_app
from portal.audit import AuditChain, AuditEvent, content_hash
from portal.auth.password_services import hash_password
from portal.caseload.models import Assignment
from portal.clock import today
from portal.coaching.models import END_STATUSES, Review
from portal.db import db, unit_of_work, utcnow
from portal.figures import count_services, facts_services, snapshot_services
from portal.figures.models import Goal
from portal.intake.models import QuestionnaireResponse, RoutingDecision, ServiceLine
from portal.migrate import upgrade
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod.models import Application, Assessment, ConversationInvite

PASSWORD = "bench-password"  # a throw-away database
LINES = [("zelfdoeners", 35), ("klantondersteuning", 45), ("maatschappelijke_participatie", 20)]
ROUTES = {
    "zelfdoeners": "self_starter",
    "klantondersteuning": "support_to_work",
    "maatschappelijke_participatie": "cannot_work_now",
}
BANDS = ["none", "none", "some", "many"]
GENDERS = ["woman", "woman", "man", "man", "other", None]
CHUNK = 5000


def _at(day: date, rng: random.Random) -> datetime:
    return datetime(
        day.year, day.month, day.day, 8 + rng.randrange(9), rng.randrange(60), tzinfo=UTC
    )


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start : start + CHUNK])


def _chain(rows: list[dict]) -> None:
    """Give bulk audit rows their places in the audit log's hash chain, oldest first, and
    move the chain's head on past them (as portal.audit does for each transaction)."""
    rows.sort(key=lambda row: row["at"])
    head = db.session.get(AuditChain, 1)
    seq, prev = head.seq, head.hash
    for row in rows:
        seq += 1
        row["seq"], row["prev_hash"] = seq, prev
        row["hash"] = prev = content_hash(SimpleNamespace(**row), prev)
    head.seq, head.hash = seq, prev


def generate(people: int, now: datetime) -> dict:
    rng = random.Random(18)
    on = today(now)
    with unit_of_work():
        teams = [Team(name=f"Team {n}") for n in range(5)]
        db.session.add_all(teams)
        db.session.flush()
        staff = []
        for role, count in ((Role.ECOACH, 40), (Role.CONSULTANT, 60)):
            for n in range(count):
                staff.append(
                    User(
                        email=f"{role.value}{n}@bench.example",
                        name=f"{role.label} {n}",
                        role=role,
                        activated_at=now,
                        team_id=teams[n % 5].id,
                    )
                )
        lead = User(
            email="lead@bench.example",
            name="Teamleider",
            role=Role.TEAM_LEAD,
            password_hash=hash_password(PASSWORD),
            activated_at=now,
        )
        db.session.add_all([*staff, lead])
        db.session.flush()
        coaches = [u.id for u in staff if u.role == Role.ECOACH]
        consultants = [u.id for u in staff if u.role == Role.CONSULTANT]
        first_id = (max(u.id for u in staff) if staff else 0) + 10
        users, applications, assessments, invites = [], [], [], []
        responses, decisions, lines, assignments, reviews, audit = [], [], [], [], [], []
        for n in range(people):
            person = first_id + n
            applied = on - timedelta(days=rng.randrange(5 * 365))
            born = date(1960 + rng.randrange(42), 1 + rng.randrange(12), 1 + rng.randrange(28))
            users.append(
                {
                    "id": person,
                    "email": f"p{n}@bench.example",
                    "name": f"Persoon {n}",
                    "role": Role.APPLICANT,
                    "active": True,
                    "session_version": 1,
                    "created_at": _at(applied, rng),
                }
            )
            last_day = applied + timedelta(days=27)
            early = rng.random() < 0.15
            end_day = applied + timedelta(days=rng.randrange(27))
            applications.append(
                {
                    "id": n + 1,
                    "applicant_id": person,
                    "name": f"Persoon {n}",
                    "born_on": born,
                    "applied_on": applied,
                    "under_27": False,
                    "period_start": applied,
                    "period_last_day": last_day,
                    "channel": rng.choice(["self", "self", "consultant", "stip"]),
                    "team_id": teams[n % 5].id if n % 7 else None,
                    "created_at": _at(applied, rng),
                    "status": "ended" if early else "open",
                    "person_key": f"{born.isoformat()}|persoon {n}",
                    "end_reason": rng.choice(["found_work", "started_study", "withdrawn"])
                    if early
                    else None,
                    "ended_at": _at(end_day, rng) if early else None,
                }
            )
            if early:
                continue
            talk = last_day + timedelta(days=5 + rng.randrange(15))
            if talk <= on:
                invites.append(
                    {
                        "application_id": n + 1,
                        "starts_at": _at(talk, rng),
                        "mode": "in_person",
                        "place": "Werkplein",
                        "invited_by_id": rng.choice(consultants),
                        "created_at": _at(last_day, rng),
                    }
                )
                items = {
                    k: {"met": rng.random() < 0.8, "note": ""}
                    for k in ("uwv", "cv", "applications", "questionnaire")
                }
                assessments.append(
                    {
                        "application_id": n + 1,
                        "items": items,
                        "conclusion": "Besproken.",
                        "assessed_by_id": rng.choice(consultants),
                        "assessed_at": _at(talk, rng),
                    }
                )
            if rng.random() > 0.85:
                continue
            submitted = applied + timedelta(days=rng.randrange(25))
            advised = rng.choices([o for o, _ in LINES], [w for _, w in LINES])[0]
            responses.append(
                {
                    "id": len(responses) + 1,
                    "applicant_id": person,
                    "questionnaire_id": "entreevragenlijst",
                    "version": 1,
                    "scheme": "drie_lijnen",
                    "status": "submitted",
                    "answers": {"gender": rng.choice(GENDERS)} if rng.random() < 0.9 else {},
                    "started_at": _at(submitted, rng),
                    "updated_at": _at(submitted, rng),
                    "submitted_at": _at(submitted, rng),
                    "route_id": ROUTES[advised],
                    "advised_outcome": advised,
                    "reasons": [],
                    "scores": {},
                    "bands": {"barriers": rng.choice(BANDS)},
                    "signals": [],
                }
            )
            decided = talk + timedelta(days=rng.randrange(3))
            if decided > on:
                continue
            final = advised if rng.random() < 0.85 else rng.choice([o for o, _ in LINES])
            decisions.append(
                {
                    "id": len(decisions) + 1,
                    "response_id": responses[-1]["id"],
                    "advised_outcome": advised,
                    "final_outcome": final,
                    "overridden": final != advised,
                    "reason": "Gesprek." if final != advised else None,
                    "decided_by_id": rng.choice(consultants),
                    "decided_at": _at(decided, rng),
                }
            )
            lines.append(
                {
                    "applicant_id": person,
                    "scheme": "drie_lijnen",
                    "outcome": final,
                    "decision_id": decisions[-1]["id"],
                    "since": _at(decided, rng),
                }
            )
            if final != "zelfdoeners":
                continue
            review_day = decided + timedelta(days=90)
            ended = review_day <= on and rng.random() < 0.5
            assignments.append(
                {
                    "applicant_id": person,
                    "coach_id": rng.choice(coaches),
                    "started_at": _at(decided, rng),
                    "ended_at": _at(review_day, rng) if ended else None,
                }
            )
            if review_day <= on:
                reviews.append(
                    {
                        "person_id": person,
                        "due_on": review_day,
                        "done_at": _at(review_day, rng),
                        "by_id": assignments[-1]["coach_id"],
                        "outcome": "ended" if ended else "continue",
                        "end_status": rng.choice(END_STATUSES) if ended else None,
                        "reason": "",
                    }
                )
        for _ in range(300_000):
            day = on - timedelta(days=rng.randrange(5 * 365))
            audit.append(
                {
                    "at": _at(day, rng),
                    "client": None,
                    "result": "ok",
                    "actor_id": rng.choice(coaches + consultants),
                    "action": rng.choice(
                        ["file.open", "werkmap.read.log", "file.note", "routing.confirm"]
                    ),
                    "subject_type": "user",
                    "subject_id": first_id + rng.randrange(people),
                    "detail": "",
                }
            )
        _chain(audit)
        for model, rows in (
            (User, users),
            (Application, applications),
            (ConversationInvite, invites),
            (Assessment, assessments),
            (QuestionnaireResponse, responses),
            (RoutingDecision, decisions),
            (ServiceLine, lines),
            (Assignment, assignments),
            (Review, reviews),
            (AuditEvent, audit),
        ):
            _bulk(model, rows)
        for measure, target in (("under_27", 45), ("age_50_plus", 180)):
            db.session.add(
                Goal(
                    name=measure,
                    measure=measure,
                    comparison="at_most",
                    target=target,
                    due_on=date(on.year + 1, 1, 1),
                    created_by_id=lead.id,
                )
            )
        team_id = teams[0].id
    return {"decisions": len(decisions), "reviews": len(reviews), "team": team_id}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def measure(client, path: str, repeats: int) -> tuple[float, float, float, float]:
    """(p50, p95) of the wall time and of this process's CPU time, in ms. On a busy machine
    the CPU time is the steadier of the two; PostgreSQL's own work is only in the wall time."""
    for _ in range(3):
        assert client.get(path).status_code == 200, path
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        response.get_data()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    return statistics.median(wall), _p95(wall), statistics.median(cpu), _p95(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("pages", nargs="*", help="paths to measure (default: every page)")
    parser.add_argument(
        "--keep", help="a SQLite file to generate once and reuse; with DATABASE_URL: reuse it"
    )
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{args.keep or folder + '/bench.db'}"
    reuse = bool(args.keep) and (Path(args.keep).exists() or url.startswith("postgresql"))
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-" + "x" * 40,
            "PORTAL_UPLOAD_DIR": folder,
            "MAIL_BACKEND": "dev",
            "WTF_CSRF_ENABLED": False,
        }
    )
    now = utcnow()
    with app.app_context():
        upgrade(url)
        if reuse:
            counts = {"team": db.session.scalar(select(func.min(Team.id)))}
        else:
            started = time.perf_counter()
            counts = generate(args.people, now)
            generated = time.perf_counter() - started
            started = time.perf_counter()
            with unit_of_work():
                in_file = facts_services.rebuild(now)
                counted = count_services.rebuild()
                kept = snapshot_services.snapshot_all(now)
            rebuilt = time.perf_counter() - started
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))  # what autovacuum (PostgreSQL) would do by now
            print(
                f"{url.split(':')[0]}: {args.people:,} applicants, {counts['decisions']:,} "
                f"decisions, {counts['reviews']:,} reviews, 300,000 audit events (generated in "
                f"{generated:.0f} s); `portal figures rebuild`: {in_file:,} people in the "
                f"file, {counted:,} monthly counts and {kept:,} file counts in {rebuilt:.1f} s"
            )
    client = app.test_client()
    secret = give_app(app, "lead@bench.example")
    sign_in(client, "lead@bench.example", PASSWORD, secret)
    year = today(now).year
    pages = args.pages or [
        f"/figures/?year={year}&part=year",
        f"/figures/?year={year - 1}&part=year",
        f"/figures/?year={year - 1}&part=m06",
        f"/figures/advice?year={year}&part=year",
        f"/figures/advice?year={year - 1}&part=year",
        f"/figures/file?year={year}&part=year",
        f"/figures/file?year={year - 1}&part=year&team={counts['team']}",
        f"/figures/coaching?year={year}&part=year",
        f"/figures/coaching?year={year - 1}&part=year",
        "/figures/goals",
        f"/figures/coaching/outflow.csv?year={year - 1}&part=year",
        "/figures/audit/",
        "/figures/audit/?kind=reads&first=2024-01-01&last=2024-03-31",
    ]
    print(
        f"server time per page, {args.repeats} requests after 3 warm-ups (ms; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):"
    )
    print(f"  {'page':<62} {'p50':>7} {'p95':>7} {'cpu p50':>8} {'cpu p95':>8}")
    for path in pages:
        p50, p95, cpu50, cpu95 = measure(client, path, args.repeats)
        print(f"  {path:<62} {p50:7.1f} {p95:7.1f} {cpu50:8.1f} {cpu95:8.1f}")


if __name__ == "__main__":
    main()
