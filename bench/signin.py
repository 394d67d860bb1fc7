"""Signing a bench's staff member in as the portal wants it: password, then the code of an
authenticator app (set up here directly, as if scanned)."""

import base64
import re

import pyotp
from sqlalchemy import select

from portal.auth import mfa_services as mfa
from portal.auth.mfa_models import TotpFactor
from portal.db import db, unit_of_work, utcnow
from portal.people import User

# What production refuses to start without (bench-only values): its own keys, and a login mode
# for citizens that needs no DigiD broker. The seeding app and the measured app share them, so
# a second factor set up by the one is read by the other.
PRODUCTION_KEYS = {
    "PORTAL_HASH_KEY": base64.b64encode(b"bench-hash-key-".ljust(32, b"h")).decode(),
    "PORTAL_ENCRYPTION_KEY": base64.b64encode(b"bench-encryption-".ljust(32, b"e")).decode(),
    "PORTAL_DATA_KEY": base64.b64encode(b"bench-data-key-".ljust(32, b"d")).decode(),
    "PORTAL_CITIZEN_LOGIN": "password",
}


def confirmed_app(user: User) -> str:
    """In an open unit of work: a confirmed authenticator app for `user`; returns its secret."""
    secret = mfa.begin(user, utcnow())
    db.session.get(TotpFactor, user.id).confirmed_at = utcnow()
    return secret


def give_app(app, email: str) -> str:
    """A confirmed authenticator app for the account with this email; returns its secret."""
    with app.app_context(), unit_of_work():
        return confirmed_app(db.session.scalar(select(User).where(User.email == email)))


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _token(client, path: str) -> str:
    found = CSRF.search(client.get(path).get_data(as_text=True))
    assert found, f"no form on {path}"
    return found.group(1)


def sign_in(client, email: str, password: str, secret: str | None = None) -> None:
    """The login form as a browser fills it in (with its CSRF token), then the app's code
    for staff."""
    form = {"email": email, "password": password, "csrf_token": _token(client, "/login")}
    response = client.post("/login", data=form)
    assert response.status_code == 302, f"login of {email}: {response.status_code}"
    if secret:
        code = pyotp.TOTP(secret).now()
        token = _token(client, "/second-factor")
        response = client.post("/second-factor", data={"code": code, "csrf_token": token})
        assert response.status_code == 302, f"second factor: {response.status_code}"
