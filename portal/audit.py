"""The audit log: who looked at or changed what, when, from where, with what result. Never the
content itself. Append-only and verifiable:

- Every row carries its place in one chain (`seq`), the previous row's hash and its own: the
  SHA-256 of its content and the previous hash. Changing, removing or reordering a row breaks
  the chain from there on; `verify` (`portal audit verify`) finds the first broken row.
- Rows are chained when their transaction commits (`before_commit`), after all its other
  work: the head of the chain (`audit_chain`, one row) is locked by an UPDATE, so concurrent
  transactions take their turn and never fork the chain; the lock is held only for the insert
  and the commit. A unique `seq` would refuse a fork even so.
- The database refuses UPDATE and DELETE on `audit_event` (a trigger, on PostgreSQL also
  TRUNCATE; see the migration `hardening_infra`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from flask import has_request_context, request
from sqlalchemy import (
    Connection,
    Engine,
    ForeignKey,
    String,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.db import Base, db, utcnow

GENESIS = "0" * 64
_PENDING = "audit_pending"
# Set before hashing (a column default would only be filled in by the INSERT).
_DEFAULTS = {"actor_id": None, "subject_id": None, "detail": "", "client": None, "result": "ok"}


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column(index=True)
    detail: Mapped[str] = mapped_column(String(200), default="")
    client: Mapped[str | None] = mapped_column(String(64))  # the address, after trusted proxies
    result: Mapped[str] = mapped_column(String(20), default="ok")
    seq: Mapped[int] = mapped_column(unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    def content_hash(self, prev_hash: str) -> str:
        return content_hash(self, prev_hash)


def content_hash(row, prev_hash: str) -> str:
    """SHA-256 of a row's content and the previous row's hash (canonical JSON)."""
    content = [
        row.seq,
        prev_hash,
        row.at.isoformat(),
        row.actor_id,
        row.action,
        row.subject_type,
        row.subject_id,
        row.detail,
        row.client,
        row.result,
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=True).encode()).hexdigest()


class AuditChain(Base):
    """The head of the chain: the last `seq` and its hash (one row, id 1); and where the kept
    part starts: rows up to `pruned_seq` were removed when their retention period ended (the
    trigger lets only those go), `pruned_hash` is the hash of the last of them."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))
    pruned_seq: Mapped[int] = mapped_column(default=0, server_default="0")
    pruned_hash: Mapped[str] = mapped_column(String(64), default=GENESIS, server_default=GENESIS)


def record(
    actor,
    action: str,
    subject_type: str,
    subject_id: int | None,
    detail: str = "",
    result: str = "ok",
) -> AuditEvent:
    """Add an audit event to the current transaction; it is written, chained, when the
    transaction commits (and not at all if it rolls back)."""
    client = (request.remote_addr or "")[:64] or None if has_request_context() else None
    entry = AuditEvent(
        at=utcnow(),
        actor_id=getattr(actor, "id", None),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=detail[:200],
        client=client,
        result=result,
    )
    session = db.session
    session.connection()  # in a transaction, so that a rollback also forgets the entry
    session.info.setdefault(_PENDING, []).append(entry)
    return entry


def record_apart(bind: Engine | Connection, entries: list[dict]) -> None:
    """Audit records that must stay although the request's transaction rolled back (a refused
    upload): written and chained in a transaction of their own. Each entry holds the columns
    of `record` (actor_id, action, subject_type, subject_id, detail, result, client, at)."""
    with Session(bind=bind) as session, session.begin():
        session.info[_PENDING] = [
            AuditEvent(**{**_DEFAULTS, "at": utcnow(), **entry}) for entry in entries
        ]


@event.listens_for(Session, "before_commit")
def _chain_pending(session: Session) -> None:
    entries = session.info.pop(_PENDING, [])
    if not entries:
        return
    seq, prev = _take_places(session, len(entries))
    for entry in entries:
        seq += 1
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = prev = entry.content_hash(prev)
        session.add(entry)
    session.execute(
        update(AuditChain)
        .where(AuditChain.id == 1)
        .values(hash=prev)
        .execution_options(synchronize_session=False)
    )


@event.listens_for(Session, "after_soft_rollback")
def _forget_pending(session: Session, _previous_transaction) -> None:
    """Also when the transaction had not reached the database yet."""
    session.info.pop(_PENDING, None)


def _take_places(session: Session, count: int) -> tuple[int, str]:
    """Lock the head and move it `count` places on; the last seq and hash before them."""
    moved = session.execute(
        update(AuditChain)
        .where(AuditChain.id == 1)
        .values(seq=AuditChain.seq + count)
        .returning(AuditChain.seq, AuditChain.hash)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if moved is None:  # made by the migration, never deleted: no audit, no change
        raise RuntimeError("The audit log's chain head (audit_chain, id 1) is missing.")
    return moved[0] - count, moved[1]


@dataclass
class Verified:
    rows: int
    head_seq: int
    head_hash: str
    broken_id: int | None = None
    broken_seq: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_id is None and not self.reason


def _in_order(batch: int, after: int = 0):
    """Every row in chain order, read in batches as plain rows (a long log is not kept)."""
    table = AuditEvent.__table__
    while True:
        rows = db.session.execute(
            select(table).where(table.c.seq > after).order_by(table.c.seq).limit(batch)
        ).all()
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].seq


def prune(before: datetime) -> int:
    """Remove the oldest rows written before `before` (a retention period ended): the chain's
    kept part then starts after them, at `pruned_seq`. Only a whole prefix goes, so the rest
    still verifies. The number of rows removed."""
    table = AuditEvent.__table__
    first_kept = db.session.scalar(select(func.min(table.c.seq)).where(table.c.at >= before))
    last = db.session.scalar(
        select(func.max(table.c.seq)).where(
            table.c.at < before, *([table.c.seq < first_kept] if first_kept else [])
        )
    )
    if last is None:
        return 0
    last_hash = db.session.scalar(select(table.c.hash).where(table.c.seq == last))
    moved = db.session.execute(
        update(AuditChain)
        .where(AuditChain.id == 1, AuditChain.pruned_seq < last)
        .values(pruned_seq=last, pruned_hash=last_hash)
        .execution_options(synchronize_session=False)
    )
    if not getattr(moved, "rowcount", 0):  # another host pruned as far already
        return 0
    gone = db.session.execute(delete(AuditEvent).where(AuditEvent.seq <= last))
    return int(getattr(gone, "rowcount", 0) or 0)


def verify(batch: int = 1000) -> Verified:
    """Walk the chain in order from where its kept part starts; the first row whose place,
    link or hash is wrong."""
    start = db.session.get(AuditChain, 1)
    pruned = (start.pruned_seq, start.pruned_hash) if start is not None else (0, GENESIS)
    prev, expected, rows = pruned[1], pruned[0] + 1, 0
    last_id: int | None = None
    for entry in _in_order(batch, pruned[0]):
        rows += 1
        reason = ""
        if entry.seq != expected:
            reason = f"expected place {expected}, found {entry.seq} (a row is missing)"
        elif entry.prev_hash != prev:
            reason = "its link to the row before does not match"
        elif content_hash(entry, prev) != entry.hash:
            reason = "its content does not match its hash (the row was changed)"
        if reason:
            return Verified(rows, entry.seq, entry.hash, entry.id, entry.seq, reason)
        prev, expected, last_id = entry.hash, expected + 1, entry.id
    head = db.session.get(AuditChain, 1)
    total = db.session.scalar(select(func.count(AuditEvent.id))) or 0
    if head is not None and (head.seq, head.hash) != (expected - 1, prev):
        return Verified(rows, expected - 1, prev, last_id, expected - 1, _tail(head.seq, total))
    return Verified(rows, expected - 1, prev)


def _tail(head_seq: int, total: int) -> str:
    return f"the head says {head_seq} rows, the table holds {total} (rows at the end are gone)"
