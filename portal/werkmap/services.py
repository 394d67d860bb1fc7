"""The job-search log: add, change (optimistic locking), delete; counts for the checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm.exc import StaleDataError

from portal import audit, files
from portal.authz import Permission, ensure, ensure_for
from portal.db import db, fetch
from portal.domain import DomainError
from portal.pages import Page, paginate
from portal.werkmap.cv_models import PersonalNorm
from portal.werkmap.models import APPLYING, CHANNELS, KINDS, STATUSES, LogEntry, StatusChange


@dataclass
class EntryData:
    day: date
    kind: str
    organisation: str
    job_title: str = ""
    vacancy: str = ""
    channel: str | None = None
    contact: str = ""
    status: str = "sent"
    follow_up_on: date | None = None
    notes: str = ""


class Duplicate(DomainError):  # noqa: N818 -- reads as the fact it reports
    """The same organisation, job and day is already in the log."""


# Built once: the owner is a bound parameter (see paginate's `params`).
_LOG = (
    select(*LogEntry.__table__.columns)
    .where(LogEntry.owner_id == bindparam("owner"))
    .order_by(LogEntry.day.desc(), LogEntry.id.desc())
)


def entries(owner_id: int, page: int = 1, per_page: int = 25) -> Page:
    """One page of the log, newest first (a page reads its rows by the owner-and-day index),
    as rows of its columns: the pages only show them (no entity to build for each)."""
    return paginate(_LOG, page, per_page, params={"owner": owner_id}, columns=True)


_APPLICATIONS_BETWEEN = (
    select(func.count())
    .select_from(LogEntry)
    .where(
        LogEntry.owner_id == bindparam("owner_id"),
        LogEntry.kind.in_(APPLYING),
        LogEntry.day >= bindparam("first"),
        LogEntry.day <= bindparam("last"),
    )
)


def applications_between(owner_id: int, first: date, last: date) -> int:
    """How many applications (kinds that count as applying) fall between two dates."""
    params = {"owner_id": owner_id, "first": first, "last": last}
    return fetch(_APPLICATIONS_BETWEEN, params).scalar() or 0


def _check(data: EntryData, on: date) -> None:
    if data.kind not in KINDS:
        raise DomainError(_("Choose what you did."), field="kind")
    if data.channel and data.channel not in CHANNELS:
        raise DomainError(_("Choose how you applied."), field="channel")
    if data.status not in STATUSES:
        raise DomainError(_("Choose a status."), field="status")
    if data.day > on:
        raise DomainError(_("This date is in the future."), field="day")
    if not data.organisation.strip():
        raise DomainError(_("Enter the name of the company."), field="organisation")


def _duplicate(owner_id: int, data: EntryData, except_id: int | None = None) -> bool:
    query = (
        select(func.count())
        .select_from(LogEntry)
        .where(
            LogEntry.owner_id == owner_id,
            LogEntry.day == data.day,
            func.lower(LogEntry.organisation) == data.organisation.strip().lower(),
            func.lower(LogEntry.job_title) == data.job_title.strip().lower(),
        )
    )
    if except_id is not None:
        query = query.where(LogEntry.id != except_id)
    return bool(db.session.scalar(query))


def _apply(entry: LogEntry, data: EntryData) -> None:
    entry.day, entry.kind = data.day, data.kind
    entry.organisation, entry.job_title = data.organisation.strip(), data.job_title.strip()
    entry.vacancy, entry.channel = data.vacancy.strip(), data.channel or None
    entry.contact, entry.follow_up_on = data.contact.strip(), data.follow_up_on
    entry.notes = data.notes.strip()


def add(
    owner_id: int,
    actor,
    data: EntryData,
    on: date,
    now: datetime,
    allow_duplicate: bool = False,
    assisted_session_id: int | None = None,
) -> LogEntry:
    """A new entry; a duplicate is refused with a warning unless the person confirms it."""
    ensure_for(actor, owner_id, Permission.OWN_WERKMAP, now)
    _check(data, on)
    if not allow_duplicate and _duplicate(owner_id, data):
        raise Duplicate(
            _(
                "You already logged this: the same company, job and date. Is this "
                "really another one? Tick the box and save again."
            ),
            field="organisation",
        )
    entry = LogEntry(
        owner_id=owner_id,
        status=data.status,
        created_at=now,
        updated_at=now,
        created_by_id=getattr(actor, "id", None),
        assisted_session_id=assisted_session_id,
    )
    _apply(entry, data)
    entry.history.append(StatusChange(status=data.status, at=now, by_id=getattr(actor, "id", None)))
    db.session.add(entry)
    db.session.flush()
    return entry


def change(
    entry: LogEntry, actor, data: EntryData, seen_version: int, on: date, now: datetime
) -> None:
    """Save changes made to the version the person saw; a newer version in between is refused
    (the form keeps what they typed)."""
    ensure(actor, Permission.OWN_WERKMAP)
    _check(data, on)
    if entry.version != seen_version:
        raise DomainError(
            _(
                "This entry was changed in the meantime, for example in another "
                "window. Your changes are still in the form: check them against "
                "the saved entry and save again."
            )
        )
    _apply(entry, data)
    if data.status != entry.status:
        entry.status = data.status
        entry.history.append(
            StatusChange(status=data.status, at=now, by_id=getattr(actor, "id", None))
        )
    entry.updated_at = now
    try:
        db.session.flush()
    except StaleDataError:
        raise DomainError(_("This entry was changed in the meantime. Save again.")) from None


def delete(entry: LogEntry) -> None:
    proof = files.of_owner(entry.owner_id, entry.proof_file_id)
    db.session.delete(entry)
    db.session.flush()
    if proof is not None:
        files.remove(proof)


PROOF_FILES = (files.PDF, files.JPEG, files.PNG)


def attach_proof(entry: LogEntry, filename: str, data: bytes, now: datetime) -> None:
    """Keep a proof file with the entry (a newer one replaces the old)."""
    stored = files.store(entry.owner_id, filename, data, PROOF_FILES, now)
    remove_proof(entry)
    entry.proof_file_id = stored.id
    db.session.flush()


def remove_proof(entry: LogEntry) -> None:
    old = files.of_owner(entry.owner_id, entry.proof_file_id)
    entry.proof_file_id = None
    db.session.flush()
    if old is not None:
        files.remove(old)


def proof_of(entry: LogEntry):
    return files.of_owner(entry.owner_id, entry.proof_file_id)


def weekly_norm(owner_id: int, default: int) -> int:
    """The person's own norm when their e-coach or consultant set one, else the default."""
    norm = db.session.get(PersonalNorm, owner_id)
    return norm.weekly if norm else default


def set_norm(owner_id: int, weekly: int | None, actor, now: datetime) -> None:
    """Set (or, with None, clear) a person's norm of applications per week."""
    ensure(actor, Permission.READ_WERKMAPS)
    if weekly is not None and not 0 <= weekly <= 20:
        raise DomainError(_("Enter a number from 0 to 20."), field="weekly")
    norm = db.session.get(PersonalNorm, owner_id)
    if weekly is None:
        if norm is not None:
            db.session.delete(norm)
    elif norm is None:
        db.session.add(
            PersonalNorm(owner_id=owner_id, weekly=weekly, set_by_id=actor.id, set_at=now)
        )
    else:
        norm.weekly, norm.set_by_id, norm.set_at = weekly, actor.id, now
    db.session.flush()
    audit.record(actor, "werkmap.norm", "user", owner_id, detail=f"weekly={weekly}")
