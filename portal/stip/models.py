"""Which STIP location a volunteer belongs to (locations, sessions and actions: portal.acting).
The one-time help codes are account tokens (portal.auth.token_services, purpose "help")."""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base


class Volunteer(Base):
    """Which location a volunteer account belongs to."""

    __tablename__ = "stip_volunteer"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("stip_location.id"), index=True)
