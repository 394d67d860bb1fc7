"""Retention and erasure: remove what the schedule (`rules.SCHEDULE`) no longer lets us keep.

`run(now)` (the command `portal retention run`, daily from cron) removes, for every applicant
whose file closed, each kind of record whose period ended, anonymises the account once nothing
but the audit log refers to it, removes help sessions, correction requests and audit rows older
than their own periods, and the files that went with them. Every step is a conditional delete
of what has expired now: a second run, or a run on another host at the same moment, finds
nothing left to do. What it removed is written to the audit log (counts, no content).

`erase(actor, person, reason, now)`: a team lead removes one person on request (AVG art. 17),
everything but what the law requires to keep (`rules.erasable`), which is named in the answer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Table, delete, exists, func, select, update

from portal import audit, files
from portal.acting import AssistedSession
from portal.authz import Permission, ensure
from portal.coaching import signal_services as signals
from portal.coaching.models import Signal
from portal.db import Base, db
from portal.files import StoredFile
from portal.intake.models import QuestionnaireResponse, RoutingDecision
from portal.people import User
from portal.privacy import export_services, rules
from portal.privacy.models import CorrectionRequest
from portal.roles import Role
from portal.searchperiod.models import OPEN, Application

ANONYMOUS = "—"


def days(category: rules.Category) -> int:
    return int(current_app.config.get(category.setting, category.default_days))


def closed_at(person: User) -> datetime | None:
    """When the person's file closed: every application ended (the last end); without any
    application, when the account was made. None while an application is open."""
    rows = db.session.execute(
        select(Application.status, Application.ended_at).where(
            Application.applicant_id == person.id
        )
    ).all()
    if not rows:
        return person.created_at
    ends = [ended for status, ended in rows if status != OPEN and ended is not None]
    return max(ends) if len(ends) == len(rows) else None


def got_benefit(person_id: int) -> bool:
    """A consultant decided the person's route: that happens once a benefit is granted."""
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    RoutingDecision.response_id == QuestionnaireResponse.id,
                    QuestionnaireResponse.applicant_id == person_id,
                )
            )
        )
    )


@dataclass
class Removed:
    rows: Counter[str] = field(default_factory=Counter)
    kept: set[str] = field(default_factory=set)  # categories kept by law

    def summary(self) -> str:
        return " ".join(f"{name}={count}" for name, count in sorted(self.rows.items()) if count)


def _sparing(table: Table, ids: set) -> set:
    """Of these rows, the ones no other row still needs: a kept row's nullable reference is
    cleared, a file or a required reference keeps the row."""
    for other in Base.metadata.tables.values():
        for fk in other.foreign_keys:
            if fk.column.table is not table or not ids:
                continue
            column = fk.parent
            if column.nullable and table.name != StoredFile.__tablename__:
                db.session.execute(update(other).where(column.in_(ids)).values({column.name: None}))
            else:
                ids = ids - set(db.session.scalars(select(column).where(column.in_(ids))))
    return ids


def _remove(found: export_services.Found, tables: set[str], removed: Removed) -> None:
    """Delete the found rows of these tables, children first; files once committed."""
    for table in reversed(Base.metadata.sorted_tables):
        ids = set(found.ids.get(table.name, ()))
        if table.name not in tables or not ids or table.name in export_services.BY_QUERY:
            continue
        if table.name == User.__tablename__:
            continue
        ids = _sparing(table, ids)
        if not ids:
            continue
        key = table.primary_key.columns.values()[0]
        if table.name == StoredFile.__tablename__:
            for stored in db.session.scalars(select(StoredFile).where(StoredFile.id.in_(ids))):
                files.remove(stored)
            removed.rows[table.name] += len(ids)
            continue
        gone = db.session.execute(delete(table).where(key.in_(ids)))
        removed.rows[table.name] += int(getattr(gone, "rowcount", 0) or 0)


def _anonymise(person: User, removed: Removed) -> None:
    """The account stays as a number while the audit log refers to it; nothing else of it."""
    if person.name == ANONYMOUS and person.email is None:
        return
    person.name, person.email, person.password_hash = ANONYMOUS, None, None
    person.active, person.locale = False, None
    person.session_version += 1
    removed.rows["user_account"] += 1
    db.session.flush()


def _person(person: User, now: datetime, erasing: bool, removed: Removed) -> None:
    closed = closed_at(person)
    benefit = got_benefit(person.id)
    found = export_services.collect(person)
    doomed: set[str] = set()
    for category in rules.SCHEDULE:
        if category.clock != rules.FILE and not erasing:
            continue
        applies = rules.rules_for(category, benefit)
        if erasing:
            if applies.erasable:
                doomed |= set(category.tables)
            elif any(found.ids.get(t) for t in category.tables):
                removed.kept.add(applies.id)
        elif rules.expired(closed, days(applies), now):
            doomed |= set(category.tables)
    before = sum(removed.rows.values())
    _remove(found, doomed, removed)
    kept_signal = found.ids.get(Signal.__tablename__) and Signal.__tablename__ not in doomed
    if kept_signal and sum(removed.rows.values()) > before:
        signals.mark(db.session, [person.id])  # computed anew from what is left, at the commit
    if "user_account" in doomed:
        _anonymise(person, removed)
    db.session.flush()


def run(now: datetime) -> Removed:
    """One retention run (idempotent); audited with what it removed."""
    removed = Removed()
    if not _lock():
        return removed
    for person in db.session.scalars(
        select(User).where(User.role == Role.APPLICANT).order_by(User.id)
    ):
        _person(person, now, erasing=False, removed=removed)
    _by_date(now, removed)
    if removed.summary():
        audit.record(None, "privacy.retention", "retention", None, detail=removed.summary())
    db.session.flush()
    return removed


LOCK_KEY = 175_000_017  # this job's PostgreSQL advisory lock


def _lock() -> bool:
    """One run at a time across hosts: on PostgreSQL a transaction-level advisory lock (a run
    elsewhere: this one does nothing); SQLite lets one writer in at a time by itself."""
    if db.session.get_bind().dialect.name != "postgresql":
        return True
    return bool(db.session.scalar(select(func.pg_try_advisory_xact_lock(LOCK_KEY))))


def _by_date(now: datetime, removed: Removed) -> None:
    """Help sessions, correction requests and the audit log, each by its own date."""
    help_cutoff = now - timedelta(days=days(rules.BY_ID["help_sessions"]))
    old = set(
        db.session.scalars(
            select(AssistedSession.id).where(AssistedSession.started_at < help_cutoff)
        )
    )
    if old:
        found = export_services.Found(ids={"stip_session": old})
        tables = Base.metadata.tables
        found.ids["stip_action"] = set(
            db.session.scalars(
                select(tables["stip_action"].c.id).where(
                    tables["stip_action"].c.session_id.in_(old)
                )
            )
        )
        _remove(found, {"stip_session", "stip_action"}, removed)
    request_cutoff = now - timedelta(days=days(rules.BY_ID["correction_requests"]))
    gone = db.session.execute(
        delete(CorrectionRequest).where(CorrectionRequest.created_at < request_cutoff)
    )
    removed.rows["correction_request"] += int(getattr(gone, "rowcount", 0) or 0)
    pruned = audit.prune(now - timedelta(days=days(rules.BY_ID["audit_log"])))
    removed.rows["audit_event"] += pruned
    if pruned:  # accounts left only for the audit log's sake may go now
        _orphans(removed)


def _orphans(removed: Removed) -> None:
    """Anonymised accounts nothing refers to any more."""
    refers = [
        fk.parent
        for table in Base.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == User.__tablename__ and table.name != User.__tablename__
    ]
    candidates = select(User.id).where(User.name == ANONYMOUS, User.email.is_(None))
    for column in refers:
        candidates = candidates.where(~exists().where(column == User.id))
    ids = set(db.session.scalars(candidates))
    if ids:
        db.session.execute(delete(User).where(User.id.in_(ids)))
        removed.rows["user_account"] += len(ids)


def erase(actor: User, person: User, reason: str, now: datetime) -> Removed:
    """Remove one applicant on request, except what the law requires to keep."""
    ensure(actor, Permission.ERASE_PEOPLE)
    if person.role is not Role.APPLICANT:
        raise PermissionError("only applicants are erased on request")
    removed = Removed()
    _person(person, now, erasing=True, removed=removed)
    removed.kept.add("audit_log")  # this erasure itself is in it, kept for its period
    detail = f"{reason.strip()} | {removed.summary()} | kept: {','.join(sorted(removed.kept))}"
    audit.record(actor, "privacy.erase", "user", person.id, detail=detail)
    return removed
