"""The people the portal knows (accounts of every role) and the teams staff work in.

Every feature refers to people, so they live below the features; signing in, tokens and
throttling belong to portal.auth.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow
from portal.roles import Role


def normalise_email(email: str) -> str:
    """An email address as it is stored and compared: no spaces around it, lower case."""
    return email.strip().lower()


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for an applicant registered without email, until they activate with a letter code.
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # Eight digits to sign in with, for an applicant who activated by letter without email.
    client_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(
        Enum(
            Role,
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
        ),
        index=True,
    )
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    # Part of the login session's id: bumping it ends every session of this account.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    activated_at: Mapped[datetime | None]
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    # A double registration merged into another account: kept (deactivated) for the audit log.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)

    # Flask-Login's interface.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_activated(self) -> bool:
        return self.password_hash is not None

    @property
    def client_number_shown(self) -> str:
        """The client number as people read and type it: two groups of four digits."""
        number = self.client_number or ""
        return f"{number[:4]} {number[4:]}" if len(number) == 8 else number

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


class Team(Base):
    """A team of staff; applications registered by a team member belong to that team."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
