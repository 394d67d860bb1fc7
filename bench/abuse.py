"""Run the abuse scenarios of bench/attacks/ against a running portal; one line per outcome.

This script starts nothing. Start the portal yourself, production-like, on 127.0.0.1, with a
database made for this run (never a real one), and run this script in the same environment:

    export PORTAL_ENV=production PORTAL_BASE_URL=http://127.0.0.1:8000 \\
           SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \\
           MAIL_BACKEND=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=2525 \\
           PORTAL_CLAMD=off \\
           DATABASE_URL=sqlite:////tmp/abuse/portal.db
           # or DATABASE_URL=postgresql+psycopg://…, e.g. inside scripts/with-postgres.sh
    .venv/bin/portal init-db
    .venv/bin/gunicorn -w 4 -b 127.0.0.1:8000 wsgi:app &
    .venv/bin/python bench/abuse.py --base-url http://127.0.0.1:8000

(No mail worker is needed: mail stays in the outbox. PORTAL_CLAMD=off runs without a virus
scanner; set PORTAL_CLAMD_SOCKET instead to have uploads scanned. With PostgreSQL, the whole
sequence can run inside `bash scripts/with-postgres.sh bash -c '…'`, which sets DATABASE_URL.)

Accounts. The portal has no way to make test accounts, and gets none: the runner makes them
itself, directly in the database the server uses. It builds the app with the same settings (the
environment, or --database-url for DATABASE_URL), adds an activated account with a random
password, and signs in through the login form like a browser. Before each attack the runner clears
the rate-limit counts, so that every attack (and a repeated run) starts like a new client.

Attacks. Every module in bench/attacks/ that defines `run(base_url, session_factory)` returning
a list of lines is run, in name order (`--only NAME` for some). `session_factory(role="applicant",
application=False)` returns a `requests.Session` (a PortalSession) signed in as a new account of
that role, with an open application if asked; `role="anonymous"` gives a visitor who is not signed
in. `session.account` holds the account's id, email, name, role, password and born_on;
`session.clone()` is a second tab of the same browser. These sessions keep the portal's `Secure`
cookies over plain HTTP to 127.0.0.1, as behind the TLS proxy of a production server (a plain
`requests.Session` would lose its session cookie after the first response). A line that starts
with "FAIL" is a finding: the script then exits with status 1 (also when an attack crashes).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import secrets
import sys
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pyotp
import requests
from sqlalchemy import delete, inspect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app
from portal.auth import crypto_services as crypto
from portal.auth import mfa_services as mfa
from portal.auth.mfa_models import TotpFactor
from portal.auth.password_services import hash_password
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.limits import RateLimit
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services as periods

ATTACKS = Path(__file__).resolve().parent / "attacks"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _as_behind_the_proxy(response: requests.Response, *_args, **_kwargs) -> requests.Response:
    """Drop "Secure" from the cookies the portal sets (a response hook runs before the session
    stores them): this client talks plain HTTP to 127.0.0.1, where a TLS proxy would."""
    headers = response.raw._original_response.msg if response.raw is not None else None
    cookies = headers.get_all("Set-Cookie") if headers is not None else None
    if cookies:
        del headers["Set-Cookie"]
        for cookie in cookies:
            headers["Set-Cookie"] = re.sub(r";\s*Secure(?=;|$)", "", cookie, flags=re.IGNORECASE)
    return response


class PortalSession(requests.Session):
    """A session as a browser behind the TLS proxy has it; `clone()` is a second tab (the same
    cookies, its own connection), `account` the signed-in account (None: anonymous)."""

    def __init__(self, account: dict | None = None):
        super().__init__()
        self.hooks["response"].append(_as_behind_the_proxy)
        self.account = account

    def clone(self) -> PortalSession:
        twin = PortalSession(self.account)
        twin.cookies = self.cookies.copy()
        return twin


def csrf_token(session: requests.Session, url: str) -> str:
    found = CSRF.search(session.get(url, timeout=30).text)
    if found is None:
        raise RuntimeError(f"no CSRF token on {url}")
    return found.group(1)


def make_factory(app, base_url: str) -> Callable[..., requests.Session]:
    def factory(role: str = "applicant", application: bool = False) -> PortalSession:
        if role == "anonymous":
            return PortalSession()
        password = secrets.token_urlsafe(18)
        tag = secrets.token_hex(5)
        email = f"abuse-{tag}@example.nl"
        born_on = date(1980, 1, 1 + int(tag[:2], 16) % 28)
        with app.app_context(), unit_of_work():
            user = User(
                role=Role(role),
                email=email,
                name=f"Abuse {tag.upper()}",
                password_hash=hash_password(password),
                activated_at=utcnow(),
            )
            db.session.add(user)
            db.session.flush()
            secret = None
            if mfa.needed(user):  # staff: an authenticator app, as if set up
                secret = pyotp.random_base32()
                db.session.add(
                    TotpFactor(
                        user_id=user.id,
                        secret_encrypted=crypto.encrypt(secret, mfa.PURPOSE),
                        confirmed_at=utcnow(),
                    )
                )
            if application:
                periods.register(
                    periods.Registration(
                        name=user.name, born_on=born_on, applied_on=today(utcnow()), email=email
                    ),
                    "self",
                    None,
                    utcnow(),
                    "nl",
                )
            user_id = user.id
        session = PortalSession()
        token = csrf_token(session, f"{base_url}/login")
        response = session.post(
            f"{base_url}/login",
            data={"email": email, "password": password, "csrf_token": token},
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code == 302 and secret is not None:
            location = urljoin(base_url, response.headers["Location"])
            response = session.post(
                f"{base_url}/second-factor",
                data={
                    "code": pyotp.TOTP(secret).now(),
                    "next": "",
                    "csrf_token": csrf_token(session, location),
                },
                allow_redirects=False,
                timeout=30,
            )
        if response.status_code != 302:
            raise RuntimeError(f"signing in as a new {role} failed: HTTP {response.status_code}")
        session.account = {
            "id": user_id,
            "email": email,
            "name": f"Abuse {tag.upper()}",
            "role": role,
            "password": password,
            "born_on": born_on,
        }
        return session

    return factory


def fresh_limits(app) -> None:
    """Each attack starts like a new client: the rate-limit counts of the run are cleared."""
    with app.app_context(), unit_of_work():
        if inspect(db.engine).has_table(RateLimit.__tablename__):  # (not on a server of before)
            db.session.execute(delete(RateLimit))


def attacks(only: list[str]) -> list[tuple[str, Callable]]:
    found = []
    for path in sorted(ATTACKS.glob("*.py")):
        if path.stem.startswith("_") or (only and path.stem not in only):
            continue
        spec = importlib.util.spec_from_file_location(f"attacks.{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        if callable(getattr(module, "run", None)):
            found.append((path.stem, module.run))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8000")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="the server's DATABASE_URL (default: the environment's)",
    )
    parser.add_argument("--only", action="append", default=[], help="run only this attack")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("set DATABASE_URL (the server's) or pass --database-url")
    base_url = args.base_url.rstrip("/")
    app = create_app({"DATABASE_URL": args.database_url})
    factory = make_factory(app, base_url)
    failed = False
    for name, run in attacks(args.only):
        fresh_limits(app)
        started = time.perf_counter()
        try:
            lines = run(base_url, factory)
        except Exception:  # report the crash and go on with the next attack
            lines = ["FAIL: the attack crashed: " + traceback.format_exc().strip().splitlines()[-1]]
        seconds = time.perf_counter() - started
        for line in lines or ["FAIL: no outcome"]:
            print(f"{name:<12} {line}  ({seconds:.1f} s)")
            failed = failed or line.startswith("FAIL")
    app.extensions["db_engine"].dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
