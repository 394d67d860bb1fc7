"""Signing a bench's staff member in as the portal wants it: password, then the code of an
authenticator app (set up here directly, as if scanned)."""

import pyotp
from sqlalchemy import select

from portal.auth import mfa_services as mfa
from portal.auth.mfa_models import TotpFactor
from portal.db import db, unit_of_work, utcnow
from portal.people import User


def give_app(app, email: str) -> str:
    """A confirmed authenticator app for the account with this email; returns its secret."""
    with app.app_context(), unit_of_work():
        user = db.session.scalar(select(User).where(User.email == email))
        secret = mfa.begin(user, utcnow())
        db.session.get(TotpFactor, user.id).confirmed_at = utcnow()
    return secret


def sign_in(client, email: str, password: str, secret: str | None = None) -> None:
    """The login form (CSRF off in the benches), then the app's code for staff."""
    client.post("/login", data={"email": email, "password": password})
    if secret:
        client.post("/second-factor", data={"code": pyotp.TOTP(secret).now()})
