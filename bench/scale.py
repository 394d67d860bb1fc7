"""The portal at a large municipality's size on PostgreSQL: p50/p95 server time of every page.

    bash scripts/with-postgres.sh .venv/bin/python bench/scale.py [--applicants 100000]
        [--entries 2000000] [--messages 500000] [--repeats 30]

Fills the database at DATABASE_URL (PostgreSQL; it is emptied first) with COPY: applicants
with their application and search period, questionnaire responses (most decided, 10,000
waiting), service lines, Zelfdoeners over 50 e-coaches, job-search log entries and messages;
then computes the caseload signals and the figures' facts and counters, runs ANALYZE and
requests each staff and applicant page `--repeats` times through the WSGI app (server time:
the call up to the last byte) and prints p50 and p95 per page. Minutes, not hours.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp
from sqlalchemy import create_engine, text

import questionnaires
from bench.explain import explain
from bench.signin import give_app
from portal import create_app
from portal.auth.password_services import hash_password
from portal.coaching import signal_services as signals
from portal.db import unit_of_work, utcnow
from portal.figures import count_services as counts
from portal.figures import facts_services as facts
from portal.figures import snapshot_services as file_counts
from portal.migrate import upgrade
from questionnaires.examples import SELF_STARTER

PASSWORD = "scale-password-0123"
COACHES, CONSULTANTS, TEAMS = 50, 20, 4
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
KINDS = ("application", "application", "open_application", "network_contact", "job_fair")
OUTCOMES = ("zelfdoeners", "klantondersteuning", "maatschappelijke_participatie")


def copy(connection, table: str, columns: tuple[str, ...], rows) -> int:
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out,
    ):
        for row in rows:
            out.write_row(row)
            count += 1
    return count


def fill(url: str, args) -> dict:
    """Everything by COPY on one connection; returns the ids the pages need."""
    rng = random.Random(7)
    now = datetime.now(UTC)
    today = now.date()
    engine = create_engine(url)
    raw = engine.raw_connection()
    connection = raw.driver_connection
    staff_hash = hash_password(PASSWORD)
    n = args.applicants
    copy(connection, "team", ("id", "name"), ((t + 1, f"Team {t + 1}") for t in range(TEAMS)))
    staff = [("team_lead", 1), *[("ecoach", 2 + c) for c in range(COACHES)]]
    staff += [("consultant", 2 + COACHES + c) for c in range(CONSULTANTS)]
    first_applicant = len(staff) + 1
    users = [
        (
            uid,
            f"{role}{uid}@example.nl",
            f"{role.title()} {uid}",
            role,
            staff_hash,
            True,
            None,
            1,
            now,
            now,
            None,
            1 + (uid % TEAMS) if role == "consultant" else None,
        )
        for role, uid in staff
    ]
    columns = (
        "id",
        "email",
        "name",
        "role",
        "password_hash",
        "active",
        "locale",
        "session_version",
        "created_at",
        "activated_at",
        "invited_by_id",
        "team_id",
    )
    copy(connection, "user_account", columns, users)
    applicant_hash = staff_hash
    copy(
        connection,
        "user_account",
        columns,
        (
            (
                first_applicant + k,
                f"a{k}@example.nl",
                f"Aanvrager {k:06d}",
                "applicant",
                applicant_hash if k < 10 else None,
                True,
                None,
                1,
                now,
                now,
                None,
                None,
            )
            for k in range(n)
        ),
    )
    applicants = range(first_applicant, first_applicant + n)
    # Applications: spread over two years; the newest 4% still in their four weeks.
    apps = []
    for k, uid in enumerate(applicants):
        start = today - timedelta(days=int(730 * (1 - k / n)))
        ended = k % 9 == 0
        apps.append(
            (
                uid,
                f"Aanvrager {k:06d}",
                date(1980, 1, 1) + timedelta(days=k % 9000),
                start,
                False,
                start,
                start + timedelta(days=27),
                "self",
                1 + k % TEAMS,
                now,
                "ended" if ended else "open",
                f"p|{k}",
                "found_work" if ended else None,
            )
        )
    copy(
        connection,
        "application",
        (
            "applicant_id",
            "name",
            "born_on",
            "applied_on",
            "under_27",
            "period_start",
            "period_last_day",
            "channel",
            "team_id",
            "created_at",
            "status",
            "person_key",
            "end_reason",
        ),
        apps,
    )
    # Questionnaires: 85% submitted; of those all but the newest 10,000 decided.
    submitted = [uid for k, uid in enumerate(applicants) if k % 20 < 17]
    waiting = set(submitted[-min(10_000, len(submitted) // 8) :])
    result = questionnaires.evaluate(
        questionnaires.load("entreevragenlijst", 1), SELF_STARTER, "drie_lijnen"
    )
    evaluated = {
        "answers": json.dumps(result.answers),
        "route_id": result.route_id,
        "reasons": json.dumps(list(result.reasons)),
        "scores": json.dumps(result.scores),
        "bands": json.dumps(result.bands),
        "signals": json.dumps(list(result.signals)),
    }
    responses = []
    for k, uid in enumerate(submitted):
        at = now - timedelta(minutes=len(submitted) - k)
        outcome = OUTCOMES[k % 5 % 3] if k % 5 else "zelfdoeners"
        responses.append(
            (
                uid,
                "entreevragenlijst",
                1,
                "drie_lijnen",
                "submitted",
                evaluated["answers"],
                at,
                at,
                at,
                evaluated["route_id"],
                outcome,
                evaluated["reasons"],
                evaluated["scores"],
                evaluated["bands"],
                evaluated["signals"],
                uid not in waiting,
            )
        )
    copy(
        connection,
        "questionnaire_response",
        (
            "applicant_id",
            "questionnaire_id",
            "version",
            "scheme",
            "status",
            "answers",
            "started_at",
            "updated_at",
            "submitted_at",
            "route_id",
            "advised_outcome",
            "reasons",
            "scores",
            "bands",
            "signals",
            "decided",
        ),
        responses,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO routing_decision (response_id, advised_outcome, final_outcome, overridden,"
            " reason, decided_by_id, decided_at) SELECT id, advised_outcome, CASE WHEN id %% 7 = 0"
            " THEN 'klantondersteuning' ELSE advised_outcome END, id %% 7 = 0 AND advised_outcome <>"
            " 'klantondersteuning', NULL, %s, submitted_at + interval '3 days'"
            " FROM questionnaire_response WHERE decided",
            (2 + COACHES,),
        )
        cursor.execute(
            "INSERT INTO service_line (applicant_id, scheme, outcome, decision_id, since)"
            " SELECT r.applicant_id, r.scheme, d.final_outcome, d.id, d.decided_at"
            " FROM routing_decision d JOIN questionnaire_response r ON r.id = d.response_id"
        )
        cursor.execute(
            "INSERT INTO routing_figure (month, questionnaire_id, scheme, route_id,"
            " advised_outcome, decisions, overridden) SELECT CAST(date_trunc('month',"
            " d.decided_at AT TIME ZONE 'UTC') AS date), r.questionnaire_id, r.scheme, r.route_id,"
            " d.advised_outcome, count(*), sum(CASE WHEN d.overridden THEN 1 ELSE 0 END)"
            " FROM routing_decision d JOIN questionnaire_response r ON r.id = d.response_id"
            " GROUP BY 1, 2, 3, 4, 5"
        )
        # Zelfdoeners over the e-coaches (all but the newest 500 waiting for one).
        cursor.execute(
            "INSERT INTO caseload_assignment (applicant_id, coach_id, started_at)"
            " SELECT applicant_id, 2 + (row_number() OVER (ORDER BY applicant_id)) %% %s, since"
            " FROM (SELECT applicant_id, since FROM service_line WHERE outcome = 'zelfdoeners'"
            " ORDER BY since DESC OFFSET 500) s",
            (COACHES,),
        )
        cursor.execute("SELECT applicant_id FROM caseload_assignment")
        coached = [row[0] for row in cursor.fetchall()]
    per_person = args.entries / n
    entries = (
        (
            uid,
            today - timedelta(days=rng.randrange(0, 400)),
            KINDS[rng.randrange(5)],
            f"Bedrijf {rng.randrange(5000)}",
            "Medewerker",
            "",
            "",
            "",
            "sent",
            now,
            now,
            1,
        )
        for uid in applicants
        for _ in range(int(per_person) + (1 if rng.random() < per_person % 1 else 0))
    )
    logged = copy(
        connection,
        "werkmap_entry",
        (
            "owner_id",
            "day",
            "kind",
            "organisation",
            "job_title",
            "vacancy",
            "contact",
            "notes",
            "status",
            "created_at",
            "updated_at",
            "version",
        ),
        entries,
    )
    per_coached = args.messages / len(coached)
    messages = (
        (
            uid,
            uid if k % 2 else 2 + uid % COACHES,
            bool(k % 2),
            "Hoe gaat het met solliciteren?",
            now - timedelta(hours=rng.randrange(1, 5000)),
            None if k % 11 == 0 else now,
        )
        for uid in coached
        for k in range(int(per_coached) + (1 if rng.random() < per_coached % 1 else 0))
    )
    sent = copy(
        connection,
        "message",
        ("person_id", "author_id", "from_person", "body", "at", "read_at"),
        messages,
    )
    connection.commit()
    raw.close()
    engine.dispose()
    return {
        "coached": coached,
        "entries": logged,
        "messages": sent,
        "first_applicant": first_applicant,
        "waiting": len(waiting),
    }


def measure(client, path: str, repeats: int) -> tuple[float, float]:
    for _ in range(3):
        client.get(path).close()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(path)
        response.get_data()
        response.close()
        assert response.status_code == 200, (path, response.status_code)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=2_000_000)
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument(
        "--explain",
        default="",
        help="the pages whose path has one of these texts (comma-separated): first the plans "
        "of their slow statements (EXPLAIN ANALYZE on the generated data)",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (scripts/with-postgres.sh does).")
    started = time.monotonic()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade(url)
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "scale-" + "x" * 40,
            "PORTAL_UPLOAD_DIR": "/tmp/scale-uploads",  # noqa: S108 -- nothing is uploaded
        }
    )
    with app.app_context():
        made = fill(url, args)
        coached = made["coached"]
        for start in range(0, len(coached), 2000):
            with unit_of_work():
                signals.refresh(coached[start : start + 2000], utcnow())
        with unit_of_work():  # the management figures, as `portal figures rebuild` makes them
            facts.rebuild(utcnow())
            counts.rebuild()
            file_counts.snapshot_all(utcnow())
    with engine.connect() as connection:  # AUTOCOMMIT: VACUUM runs outside a transaction
        connection.execute(text("VACUUM ANALYZE"))
    filled = time.monotonic() - started
    print(
        f"filled in {filled:.0f} s: {args.applicants} applicants, {made['entries']} log entries,"
        f" {made['messages']} messages, {len(made['coached'])} with an e-coach,"
        f" {made['waiting']} advices waiting"
    )
    coach_person = made["coached"][0]
    with engine.connect() as connection:
        coach = connection.execute(
            text("SELECT coach_id FROM caseload_assignment WHERE applicant_id = :p"),
            {"p": coach_person},
        ).scalar()
        response = connection.execute(
            text(
                "SELECT r.id FROM questionnaire_response r JOIN application a ON a.applicant_id ="
                " r.applicant_id WHERE NOT r.decided AND a.team_id = 1 ORDER BY r.id LIMIT 1"
            )
        ).scalar()
        application = connection.execute(
            text(
                "SELECT id FROM application WHERE team_id = 1 AND status = 'open' ORDER BY id DESC"
                " LIMIT 1"
            )
        ).scalar()
        consultant = connection.execute(
            text("SELECT id FROM user_account WHERE role = 'consultant' AND team_id = 1 LIMIT 1")
        ).scalar()
    pages = {
        "a0@example.nl": [
            "/applicant",
            "/search-period/",
            "/werkmap/",
            "/werkmap/weeks",
            "/werkmap/cv/",
            "/questions/",
            "/messages/",
            "/my-coach/",
            "/my-help/",
            "/account/",
            "/my-plan/",
            "/scan/",
        ],
        f"ecoach{coach}@example.nl": [
            "/ecoach",
            "/coach/",
            "/coach/?show=all",
            "/coach/?show=all&page=20",
            "/coach/?show=quiet",
            f"/coach/people/{coach_person}",
            f"/coach/people/{coach_person}/messages",
            f"/people/{coach_person}/werkmap/",
            f"/coach/people/{coach_person}/plan/",
            "/meetings/",
        ],
        f"consultant{consultant}@example.nl": [
            "/consultant",
            "/advice/",
            f"/advice/{response}",
            "/consult/",
            f"/consult/{application}",
            "/coach/handovers",
        ],
        "team_lead1@example.nl": [
            "/team-lead",
            "/advice/figures",
            "/caseload/assign",
            "/consult/outflow",
            "/catalogue/",
            "/admin/accounts",
            "/figures/",
            "/figures/advice",
            "/figures/file",
            "/figures/file?year=2025&part=year",
            "/figures/coaching",
            "/figures/audit/",
            "/labour-market/",
            "/labour-market/candidates",
        ],
    }
    print(f"server time per page over {args.repeats} requests (ms)")
    print(f"{'page':<44} {'p50':>7} {'p95':>7}")
    worst = 0.0
    for email, paths in pages.items():
        client = app.test_client()
        token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
        login = client.post(
            "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
        )
        assert login.status_code == 302, email
        if not email.startswith("a0@"):  # staff: then the authenticator app's code
            secret = give_app(app, email)
            token = CSRF.search(client.get("/second-factor").get_data(as_text=True)).group(1)
            code = pyotp.TOTP(secret).now()
            passed = client.post("/second-factor", data={"code": code, "csrf_token": token})
            assert passed.status_code == 302, email
        for path in paths:
            if args.explain and any(part in path for part in args.explain.split(",")):
                explain(client, app.extensions["db_engine"], path)
            p50, p95 = measure(client, path, args.repeats)
            worst = max(worst, p95)
            print(f"{email.split('@')[0][:12] + ' ' + path:<44} {p50:7.1f} {p95:7.1f}")
    print(f"highest p95: {worst:.1f} ms; total {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
