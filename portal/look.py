"""The municipality's look: its name, address and phone number (in the header, letters and the
next-steps sheet), the theme colours and the logo. Kept through `portal.policy` under the names
of the settings they replace, so the configuration gives the defaults.

The colours of the configuration are in the stylesheet bundle (`portal.assets`); colours chosen
on the screen come on top from `/theme.css?v=<their hash>`, linked only when they differ. A logo
is a PNG or JPEG (never SVG: it can carry scripts), checked by its content with bounded work,
kept in the database (every app server reaches it) and served under its hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from portal import policy, theme
from portal.assets import static_url
from portal.db import Base, db, utcnow
from portal.domain import DomainError
from portal.uploads import JPEG, PNG, UncheckableError, picture_size, sniff

NAME, ADDRESS, PHONE = (
    "PORTAL_MUNICIPALITY_NAME",
    "PORTAL_MUNICIPALITY_ADDRESS",
    "PORTAL_MUNICIPALITY_PHONE",
)
PRIMARY, PRIMARY_DARK, ACCENT_BG = (
    "PORTAL_THEME_PRIMARY",
    "PORTAL_THEME_PRIMARY_DARK",
    "PORTAL_THEME_ACCENT_BG",
)
COLOURS = (PRIMARY, PRIMARY_DARK, ACCENT_BG)
LOGO = "PORTAL_LOGO"
KEYS = (NAME, ADDRESS, PHONE, *COLOURS, LOGO)
LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_SIDE = 2000
LOGO_MIN_SIDE = 16
LOGO_KINDS = {PNG: "png", JPEG: "jpg"}


class Logo(Base):
    """An uploaded logo, under the SHA-256 of its bytes."""

    __tablename__ = "theme_logo"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class Municipality:
    name: str
    address: str
    phone: str

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


def municipality() -> Municipality:
    return Municipality(policy.text(NAME), policy.text(ADDRESS), policy.text(PHONE))


def colours() -> dict[str, str]:
    return {key: policy.text(key) for key in COLOURS}


def field(key: str) -> str:
    """The form field of a setting: PORTAL_THEME_PRIMARY → theme_primary."""
    return key.removeprefix("PORTAL_").lower()


def check_colour(key: str, value: str) -> str:
    """The colour as kept (#rrggbb, lower case); DomainError at the field of that setting when it
    is not a colour or text on it would have less than 4.5:1 contrast (WCAG 2.1 AA)."""
    value = value.strip().lower()
    if not theme.HEX.match(value):
        raise DomainError(
            _("Write the colour as # and six characters, like #1a4f7a."), field=field(key)
        )
    against = theme.AGAINST[key]
    ratio = theme.contrast(value, against)
    if ratio < theme.MINIMUM:
        raise DomainError(
            _(
                "Text on this colour is hard to read: the contrast is %(ratio)s to 1, it must be at least 4.5 to 1. Choose a darker or lighter colour.",
                ratio=f"{ratio:.1f}",
            ),
            field=field(key),
        )
    return value


def version() -> str:
    """A short hash of the colours that hold (part of the stylesheet's address)."""
    joined = ",".join(colours()[key] for key in COLOURS)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def colours_changed() -> bool:
    """Whether colours chosen on the screen differ from those in the stylesheet bundle."""
    return any(policy.is_set(key) and colours()[key] != policy.default(key) for key in COLOURS)


def stylesheet() -> str:
    """The colours that hold, as custom properties."""
    found = colours()
    return theme.theme_css(found)


def logo_digest() -> str | None:
    """The hash of the uploaded logo in use, or None (the configured file under static/)."""
    return policy.stored().get(LOGO)


def check_logo(data: bytes) -> str:
    """The content type of an acceptable logo; DomainError (field `file`) otherwise. Only the
    first bytes and the header are read: a hostile file costs no more than a good one."""
    if not data:
        raise DomainError(_("Choose a file."), field="file")
    if len(data) > LOGO_MAX_BYTES:
        raise DomainError(
            _("The logo is too big. It can be at most %(kb)s KB.", kb=LOGO_MAX_BYTES // 1024),
            field="file",
        )
    try:
        kind = sniff(data, tuple(LOGO_KINDS))
        size = picture_size(data)
    except UncheckableError:
        kind, size = None, None
    if kind not in LOGO_KINDS:
        raise DomainError(
            _("Choose a PNG or JPEG picture. Other files, like SVG, cannot be used."), field="file"
        )
    if size is None or not all(LOGO_MIN_SIDE <= side <= LOGO_MAX_SIDE for side in size):
        raise DomainError(
            _(
                "The picture must be between %(least)s and %(most)s pixels wide and high.",
                least=LOGO_MIN_SIDE,
                most=LOGO_MAX_SIDE,
            ),
            field="file",
        )
    return str(kind)


def keep_logo(data: bytes, content_type: str, now: datetime) -> str:
    """Store a checked logo (once per content); its hash."""
    digest = hashlib.sha256(data).hexdigest()
    if db.session.get(Logo, digest) is None:
        db.session.add(Logo(digest=digest, content_type=content_type, data=data, created_at=now))
        db.session.flush()
    return digest


def logo(digest: str) -> Logo | None:
    return db.session.get(Logo, digest)


def logo_url() -> str:
    """Where the logo in use is: an uploaded one under its hash, else the configured file."""
    digest = logo_digest()
    if digest:
        return url_for("home.logo", digest=digest)
    return static_url(str(policy.default(LOGO)))


def theme_url() -> str | None:
    """The stylesheet with the colours chosen on the screen, when they differ from the bundle's."""
    return url_for("home.theme", v=version()) if colours_changed() else None
