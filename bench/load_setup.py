"""Accounts and data for the load test (bench/locustfile.py), in the database of DATABASE_URL.

    .venv/bin/python bench/load_setup.py ACCOUNTS.json [applicants]

Made through the portal's own services, as the demo data is: applicants (default 150) with an
application, a few log entries and a submitted Entreevragenlijst waiting for a consultant's
decision; twelve e-coaches sharing the applicants; eight consultants. Every simulated staff member
needs an account of their own: an authenticator code works once (two users of one account in
the same 30 seconds would be refused, as they should). Staff have an
authenticator app (their TOTP secret goes into the file, so the load test passes the second
factor as a person would). Writes ACCOUNTS.json: the shared password and the accounts.
"""

import json
import secrets
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyotp

from portal import create_app
from portal.auth import crypto_services as crypto
from portal.auth import mfa_services as mfa
from portal.auth.mfa_models import TotpFactor
from portal.auth.password_services import hash_password
from portal.caseload import services as caseload
from portal.clock import today
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db, unit_of_work, utcnow
from portal.demo import _READY as READY_ANSWERS  # the demo applicants' answers
from portal.intake import services as intake
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.werkmap import services as werkmap

COACHES, CONSULTANTS = 12, 8  # more than the users of each kind at 80 users (weights 2 and 1 of 15)


def _account(role: Role, tag: str, password_hash: str) -> tuple[User, str | None]:
    user = User(
        role=role,
        email=f"load-{tag}@example.nl",
        name=f"Load {tag.title()}",
        password_hash=password_hash,
        activated_at=utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    secret = None
    if mfa.needed(user):
        secret = pyotp.random_base32()
        db.session.add(
            TotpFactor(
                user_id=user.id,
                secret_encrypted=crypto.encrypt(secret, mfa.PURPOSE),
                confirmed_at=utcnow(),
            )
        )
    return user, secret


def main() -> None:
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    password = secrets.token_urlsafe(16)
    app = create_app()
    scheme = app.config["PORTAL_ROUTING_SCHEME"]
    accounts: dict = {"password": password, "applicants": [], "ecoaches": [], "consultants": []}
    with app.app_context():
        hashed = hash_password(password)
        now = utcnow()
        with unit_of_work():
            coaches = []
            for n in range(COACHES):
                coach, secret = _account(Role.ECOACH, f"coach{n}", hashed)
                coaches.append(coach)
                accounts["ecoaches"].append({"email": coach.email, "secret": secret})
            for n in range(CONSULTANTS):
                consultant, secret = _account(Role.CONSULTANT, f"consultant{n}", hashed)
                accounts["consultants"].append({"email": consultant.email, "secret": secret})
        for n in range(count):
            with unit_of_work():
                person, _ = _account(Role.APPLICANT, f"applicant{n}", hashed)
                periods.register(
                    periods.Registration(
                        name=person.name,
                        born_on=date(1960 + n % 30, 1 + n % 12, 1 + n % 28),  # 27 and older,
                        applied_on=today(now) - timedelta(days=n % 20),
                        email=person.email,
                    ),
                    "self",
                    None,
                    now,
                    "nl",
                )
                for days in (1, 4):
                    werkmap.add(
                        person.id,
                        person,
                        werkmap.EntryData(
                            day=today(now) - timedelta(days=days),
                            kind="application",
                            organisation=f"Werkgever {days}",
                            job_title="Medewerker",
                            channel="online_form",
                        ),
                        today(now),
                        now,
                    )
                response = intake.start(person, MAIN_QUESTIONNAIRE[0], scheme, now)
                response.answers = dict(READY_ANSWERS)
                intake.submit(response, now)
                caseload.assign(person.id, coaches[n % len(coaches)].id, None, now)
                accounts["applicants"].append({"email": person.email})
    target.write_text(json.dumps(accounts, indent=1))
    print(
        f"load accounts: {count} applicants, {COACHES} e-coaches, {CONSULTANTS} consultants → {target}"
    )


if __name__ == "__main__":
    main()
