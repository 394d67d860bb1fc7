"""Demo data for `make run`: one account per role and a handful of applicants (idempotent)."""
from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.authz import Role
from portal.db import db, utcnow

DEMO_PASSWORD = "demo-wachtwoord-2026"

# (role, email, name): the logins shown on the home page and in the terminal in demo mode.
DEMO_ACCOUNTS: tuple[tuple[Role, str, str], ...] = (
    (Role.APPLICANT, "aanvrager@demo.example", "Samira El Amrani"),
    (Role.ECOACH, "ecoach@demo.example", "Eva de Coach"),
    (Role.STIP, "stip@demo.example", "Stefan Vrijwilliger"),
    (Role.CONSULTANT, "consulent@demo.example", "Karin Klantondersteuner"),
    (Role.ADMIN, "teamleider@demo.example", "Tom Teamleider"),
)

DEMO_APPLICANTS: tuple[tuple[str, str], ...] = (
    ("jan.jansen@demo.example", "Jan Jansen"),
    ("fatma.yilmaz@demo.example", "Fatma Yılmaz"),
    ("ahmad.haidari@demo.example", "Ahmad Haidari"),
    ("linda.bakker@demo.example", "Linda Bakker"),
    ("mohamed.diallo@demo.example", "Mohamed Diallo"),
)


def seed_demo() -> list[tuple[Role, str, str]]:
    """Create the demo accounts that do not exist yet; return the role logins."""
    now = utcnow()
    password_hash = hash_password(DEMO_PASSWORD)
    wanted = [*DEMO_ACCOUNTS, *((Role.APPLICANT, e, n) for e, n in DEMO_APPLICANTS)]
    existing = set(db.session.scalars(select(User.email).where(
        User.email.in_([email for _, email, _ in wanted]))))
    for role, email, name in wanted:
        if email not in existing:
            db.session.add(User(email=email, name=name, role=role, password_hash=password_hash,
                                activated_at=now))
    db.session.flush()
    return list(DEMO_ACCOUNTS)
