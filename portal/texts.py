"""Texts a functional administrator changed: an override of one message in one language.

An override is data (table `text_override`), never an edit of the catalogues: the shipped
translation stays, and "back to the shipped text" deletes the override. `OverlayDomain` is the
translation domain of the app (portal.extensions): every `_()` in Python and in templates,
mails included, reads the overrides of its language first. They are read once per request and
language; when the database cannot be reached the shipped texts are used.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from flask import g, has_app_context
from flask_babel import Domain, get_locale
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, bindparam, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from portal import stamp
from portal.db import Base, db, fetch, utcnow
from portal.domain import DomainError

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
PERCENT = re.compile(r"%(?:\(\w+\)[sd]|%)")
MAX_LENGTH = 5000


class TextOverride(Base):
    __tablename__ = "text_override"
    __table_args__ = (UniqueConstraint("locale", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(64))  # SHA-256 of the msgid: an index of fixed size
    msgid: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)


def key_of(msgid: str) -> str:
    return hashlib.sha256(msgid.encode()).hexdigest()


def placeholders(text: str) -> set[str]:
    """The named placeholders of a message, like `name` in `Dear %(name)s,`."""
    return set(PLACEHOLDER.findall(text))


def check(msgid: str, text: str) -> str:
    """The override as it will be kept, or DomainError (field `text`) when it is empty, too
    long, or its placeholders differ from the shipped text's (unknown or missing ones)."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise DomainError(_("Write the text, or go back to the shipped text."), field="text")
    if len(text) > MAX_LENGTH:
        raise DomainError(_("Use at most %(count)s characters.", count=MAX_LENGTH), field="text")
    wanted, found = placeholders(msgid), placeholders(text)
    if unknown := sorted(found - wanted):
        raise DomainError(
            _(
                "This text cannot use %(names)s. It can use: %(allowed)s.",
                names=", ".join(f"%({n})s" for n in unknown),
                allowed=", ".join(f"%({n})s" for n in sorted(wanted)) or _("nothing"),
            ),
            field="text",
        )
    if missing := sorted(wanted - found):
        raise DomainError(
            _(
                "Keep %(names)s in the text: the portal fills in the right value there.",
                names=", ".join(f"%({n})s" for n in missing),
            ),
            field="text",
        )
    if "%" in PERCENT.sub("", text):
        raise DomainError(_("Write a percent sign twice, like this: %%."), field="text")
    return text


# Built once: every request reads the overrides of its language.
_OVERRIDES = select(TextOverride.msgid, TextOverride.text).where(
    TextOverride.locale == bindparam("locale")
)


def _load(locale: str) -> dict[str, str] | None:
    try:
        rows = fetch(_OVERRIDES, {"locale": locale}).all()
    except SQLAlchemyError:  # the database is down: the shipped texts (and nothing kept)
        db.session.rollback()
        return None
    return dict(rows)


# The last overrides read per language in this process, with a number that changes whenever
# they do (what is rendered once and kept, like the page layout, is kept per number) and the
# settings stamp seen before they were read (portal.stamp): while the stamp stays the same, a
# request reads no overrides.
_SEEN: dict[str, tuple[dict[str, str], int, int | None]] = {}
_NUMBERS = itertools.count(1)
SHIPPED = 0  # the number of the shipped texts (`shipped()`)


def _read(locale: str) -> tuple[dict[str, str], object]:
    """The overrides of a language and their number, read once per request (app context)."""
    cache = g.setdefault("_text_overrides", {})
    if locale not in cache:
        now = stamp.current()
        seen = _SEEN.get(locale)
        if now is None or seen is None or seen[2] != now:
            found = _load(locale)
            if found is None:
                cache[locale] = ({}, SHIPPED)
                return cache[locale]
            if seen is None or seen[0] != found:
                seen = (found, next(_NUMBERS), now)
            else:
                seen = (seen[0], seen[1], now)
            _SEEN[locale] = seen
        cache[locale] = (seen[0], seen[1])
    return cache[locale]


def overrides(locale: str) -> dict[str, str]:
    """The overrides of a language, read once per request (app context)."""
    return _read(locale)[0]


def version(locale: str) -> object:
    """What identifies the texts this request shows in a language: the same number as long as
    the overrides are the same; during a preview (`trying`) an object equal to nothing else."""
    if g.get("_text_overrides_off"):
        return SHIPPED
    return _read(locale)[1]


def forget() -> None:
    """After a change in this request: read the overrides again."""
    if has_app_context():
        g.pop("_text_overrides", None)
        stamp.forget()


@contextmanager
def trying(locale: str, msgid: str, text: str) -> Iterator[None]:
    """Render with a text that is not saved yet (the preview)."""
    current = _read(locale)
    g._text_overrides[locale] = ({**current[0], msgid: text}, object())
    try:
        yield
    finally:
        g._text_overrides[locale] = current


class _Overlay:
    """Shipped translations with the overrides of their language in front."""

    def __init__(self, base, texts: dict[str, str]):
        self._base = base
        self._texts = texts

    def ugettext(self, message: str) -> str:
        return self._texts.get(message) or self._base.ugettext(message)

    gettext = ugettext

    def __getattr__(self, name: str):
        return getattr(self._base, name)


class OverlayDomain(Domain):
    """Every lazy text (`_l()`: labels, menus, choices) asks for the catalogue when it is
    shown, a hundred times on a caseload page; the catalogue with its overlay is kept for the
    request, per locale object and overrides (so `force_locale`, `trying`, `forget` and
    `shipped` each get their own)."""

    def get_translations(self):
        if not has_app_context():
            return super().get_translations()
        locale = get_locale()
        texts = None if g.get("_text_overrides_off") else overrides(str(locale or ""))
        kept = g.get("_overlay_translations")
        if kept is not None and kept[0] is locale and kept[1] is texts:
            return kept[2]
        base = super().get_translations()
        found = _Overlay(base, texts) if texts else base
        g._overlay_translations = (locale, texts, found)
        return found


@contextmanager
def shipped() -> Iterator[None]:
    """Render with the shipped texts only (the diff)."""
    g._text_overrides_off = True
    try:
        yield
    finally:
        g._text_overrides_off = False
