"""Server time and SQL statements of the plan's pages for a small and a full plan, and of
the team lead's start page (the seed 002 indicator) for 20 and 500 trajectories.

    .venv/bin/python bench/plan.py [repeats]

One process, a temporary SQLite database migrated to head; the applicant, their e-coach and
a team lead signed in through the real login forms. Each page is requested `repeats` times
(default 100) after 10 warm-up requests; the median server time (WSGI call to last byte,
through Flask's test client) is printed with the number of SQL statements of one request.
A full plan: 30 goals of 5 steps each (the most a plan holds) and its history.
"""

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.signin import give_app, sign_in
from bench.werkmap_log import measure
from portal import create_app
from portal.auth.password_services import hash_password
from portal.caseload import services as caseload
from portal.catalogue.models import Service
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.intake.models import ServiceLine
from portal.migrate import upgrade
from portal.people import User
from portal.plan import services as plans
from portal.roles import Role
from questionnaires.examples import SELF_STARTER

PAGES = ("/my-plan/", "/my-plan/print", "/coach/people/{person}/plan/")


def _user(email: str, role: Role) -> User:
    return User(
        email=email,
        name=email.split("@")[0].title(),
        role=role,
        password_hash=hash_password("bench-password"),
        activated_at=utcnow(),
    )


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    folder = tempfile.mkdtemp()
    url = f"sqlite:///{folder}/bench.db"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-" + "x" * 40,
            "PORTAL_UPLOAD_DIR": folder,
            "MAIL_BACKEND": "dev",
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade(url)
        with unit_of_work():
            person = _user("persoon@example.nl", Role.APPLICANT)
            coach = _user("coach@example.nl", Role.ECOACH)
            lead = _user("lead@example.nl", Role.TEAM_LEAD)
            deciding = _user("consultant@example.nl", Role.CONSULTANT)
            db.session.add_all(
                [person, coach, lead, deciding, Service(name="Workshop", kind="workshop")]
            )
            db.session.flush()
            caseload.assign(person.id, coach.id, None, utcnow())
        person_id, lead_id = person.id, deciding.id
        engine = app.extensions["db_engine"]

    def fill(goals: int, steps: int) -> None:
        with app.app_context(), unit_of_work():
            owner = db.session.get(User, person_id)
            for g in range(goals):
                goal = plans.add_goal(owner, person_id, f"Doel {g}", None, utcnow())
                for s in range(steps):
                    data = plans.ActionData(f"Stap {s}", None, "Buurman", 1, "busy", "Bezig.")
                    plans.add_action(owner, goal, data, utcnow())

    def trajectories(count: int, start: int) -> None:
        """People routed in the last five months (the real questionnaire and decision), half
        of them with a plan made 0-29 days after the start."""
        with app.app_context(), unit_of_work():
            consultant = db.session.get(User, lead_id)
            for n in range(start, start + count):
                someone = _user(f"t{n}@example.nl", Role.APPLICANT)
                db.session.add(someone)
                db.session.flush()
                response = intake.start(someone, "entreevragenlijst", "drie_lijnen", utcnow())
                response.answers = dict(SELF_STARTER)
                intake.submit(response, utcnow())
                intake.decide(consultant, response, "zelfdoeners", "", utcnow())
                since = utcnow() - timedelta(days=n % 150)
                db.session.get(ServiceLine, someone.id).since = since
                if n % 2:
                    goal = plans.add_goal(someone, someone.id, "Doel", None, utcnow())
                    goal.plan.started_at = since + timedelta(days=n % 30)

    applicant, staff, team_lead = app.test_client(), app.test_client(), app.test_client()
    applicant.post("/login", data={"email": "persoon@example.nl", "password": "bench-password"})
    sign_in(staff, "coach@example.nl", "bench-password", give_app(app, "coach@example.nl"))
    sign_in(team_lead, "lead@example.nl", "bench-password", give_app(app, "lead@example.nl"))
    results = {}
    for label, goals, steps in (("1 goal, 1 step", 1, 1), ("30 goals, 150 steps", 29, 5)):
        fill(goals, steps)
        for page in PAGES:
            client = staff if page.startswith("/coach") else applicant
            results[(page, label)] = measure(client, page.format(person=person_id), engine, repeats)
    for label, count, first in (("20 trajectories", 20, 0), ("500 trajectories", 480, 20)):
        trajectories(count, first)
        results[("/team-lead", label)] = measure(team_lead, "/team-lead", engine, repeats)
    print(f"median server time over {repeats} requests (ms) and SQL statements per request")
    for (page, label), (ms, statements) in results.items():
        print(f"{page:32} {label:22} {ms:7.2f} ms, {statements:3d} statements")


if __name__ == "__main__":
    main()
