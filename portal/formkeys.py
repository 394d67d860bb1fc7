"""One-time form keys: the same form sent twice makes one thing, never two, never an error.

A form that creates something (`KeyedForm`) carries a hidden key, new every time the form is
shown. The view's unit of work starts with `once(form)`: the first submission claims the key
(a row with a unique constraint on owner and key), the work is done in the same transaction,
and `claim.done(result)` stores where its result can be seen. A second submission with the same
key — a double click, a reload of the POST, two hundred scripted copies — waits for the first to
commit, finds the key taken and raises `Repeated` with that result; the view shows it (`follow`)
instead of making a duplicate. When the first submission fails (bad input), its transaction and
so its claim are rolled back: the corrected form may use the same key.

A key is only a token of intent: a form posted without one (no browser does that) is handled as
before, without this protection. Keys are kept for `KEEP` and then purged.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask import flash, redirect
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import String, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.wrappers import Response
from wtforms import HiddenField

from portal.db import Base, db, unit_of_work, utcnow
from portal.validation import Form

KEEP = timedelta(days=7)
FORMAT = re.compile(r"[A-Za-z0-9_-]{20,64}")


class FormKey(Base):
    """A claimed form key and where the result of its first submission can be seen."""

    __tablename__ = "form_key"
    __table_args__ = (UniqueConstraint("owner", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(40))  # 'user:<id>' or 'anonymous'
    key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(index=True)
    result: Mapped[str] = mapped_column(String(300), default="")


def new_key() -> str:
    return secrets.token_urlsafe(24)


class KeyedForm(Form):
    """A form that creates something: it carries a one-time key (render `form.form_key`)."""

    form_key = HiddenField(default=new_key)


class Repeated(Exception):  # noqa: N818 -- reads as what happened
    """The form was sent before with this key; `result` is what the first submission stored."""

    def __init__(self, result: str):
        super().__init__(result)
        self.result = result


class Claim:
    def __init__(self, row: FormKey | None):
        self.row = row

    def done(self, result: str) -> None:
        """Store where the result is (a URL, or what the view needs to show it again)."""
        if self.row is not None:
            self.row.result = result[:300]
            db.session.flush()


def owner_of(user) -> str:
    return f"user:{user.id}" if getattr(user, "is_authenticated", False) else "anonymous"


def claim(key: str | None, owner: str, now: datetime) -> Claim:
    """Claim the key; the first write of the transaction (a refused claim rolls it back)."""
    if not key or not FORMAT.fullmatch(key):
        return Claim(None)
    row = FormKey(owner=owner, key=key, created_at=now, result="")
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        first = db.session.scalar(
            select(FormKey.result).where(FormKey.owner == owner, FormKey.key == key)
        )
        raise Repeated(first or "") from None
    return Claim(row)


@contextmanager
def once(form: KeyedForm) -> Iterator[Claim]:
    """The POST's unit of work, started by claiming the form's key; raises `Repeated`."""
    with unit_of_work():
        yield claim(form.form_key.data, owner_of(current_user), utcnow())


def follow(repeated: Repeated, fallback: str) -> Response:
    """Show the result of the first submission: where it went, with a word of explanation."""
    flash(_("You sent this form twice. It was saved once."), "info")
    target = repeated.result if repeated.result.startswith("/") else fallback
    return redirect(target)


def purge(now: datetime) -> int:
    """Forget keys older than KEEP (run by `portal run-scheduled`)."""
    result = db.session.execute(delete(FormKey).where(FormKey.created_at < now - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)
