"""A citizen's DigiD identity: the BSN only as a keyed hash (to find the account) and
encrypted (to show its last digits or hand it to a system that may have it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class CitizenIdentity(Base):
    __tablename__ = "citizen_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    bsn_hash: Mapped[str] = mapped_column(String(64), unique=True)  # HMAC-SHA256, hex
    bsn_encrypted: Mapped[str] = mapped_column(Text)  # AES-GCM, base64
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_acr: Mapped[str | None] = mapped_column(String(200))
