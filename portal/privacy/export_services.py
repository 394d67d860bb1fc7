"""Everything the portal keeps about a person (AVG art. 15 and 20), found by walking the
schema: every row that refers to the person's account, every row that refers to those rows,
the audit entries about them and the mail sent to them. A new table that refers to a person is
found without a change here; `rules.SCHEDULE` must name it (a test checks)."""

from __future__ import annotations

import base64
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, or_, select

from portal import audit, files
from portal.audit import AuditEvent
from portal.authz import Permission, ensure
from portal.db import Base, db
from portal.files import StoredFile
from portal.formkeys import FormKey, owner_of
from portal.mail import OutboxMessage
from portal.people import User
from portal.privacy import rules
from portal.privacy.services import about

PEOPLE = "user_account"
# Found by their own query (they refer to the person without a foreign key).
BY_QUERY = ("audit_event", "outbox_message", "form_key")


@dataclass
class Found:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[str, set[Any]] = field(default_factory=dict)

    def add(self, table: Any, records: Sequence[Any]) -> None:
        key = table.primary_key.columns.values()[0].name
        known = self.ids.setdefault(table.name, set())
        for record in records:
            mapping = dict(record._mapping)
            if mapping[key] in known:
                continue
            known.add(mapping[key])
            self.rows.setdefault(table.name, []).append(mapping)


def _links(table: Table, target: str) -> list:
    return [fk.parent for fk in table.foreign_keys if fk.column.table.name == target]


def reachable_tables() -> set[str]:
    """Every table the walk can reach from the person's account (and the ones by query)."""
    reached, tables = {PEOPLE}, Base.metadata.tables
    while True:
        more = {
            name
            for name, table in tables.items()
            if name not in reached
            and any(fk.column.table.name in reached for fk in table.foreign_keys)
        }
        if not more:
            return reached | set(BY_QUERY)
        reached |= more


def collect(person: User) -> Found:
    """Every row about the person, table by table (sealed values opened)."""
    tables = Base.metadata.tables
    found = Found()
    found.add(
        tables[PEOPLE],
        db.session.execute(select(tables[PEOPLE]).where(tables[PEOPLE].c.id == person.id)).all(),
    )
    changed = True
    while changed:
        changed = False
        for name, table in tables.items():
            conditions = []
            for target, ids in found.ids.items():
                conditions += [column.in_(ids) for column in _links(table, target) if ids]
            if not conditions:
                continue
            before = len(found.ids.get(name, ()))
            found.add(table, db.session.execute(select(table).where(or_(*conditions))).all())
            changed |= len(found.ids.get(name, ())) != before
    found.add(
        AuditEvent.__table__,
        db.session.execute(select(AuditEvent.__table__).where(about(person.id))).all(),
    )
    keys = FormKey.__table__
    found.add(keys, db.session.execute(select(keys).where(keys.c.owner == owner_of(person))).all())
    if person.email:
        outbox = OutboxMessage.__table__
        found.add(
            outbox,
            db.session.execute(select(outbox).where(outbox.c.recipient == person.email)).all(),
        )
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def document(found: Found) -> dict[str, Any]:
    """The machine-readable form: table → rows, without secrets (password hashes, keys)."""
    tables = {}
    for name in sorted(found.rows):
        secret = rules.SECRET_COLUMNS.get(name, set())
        tables[name] = [
            {column: _plain(value) for column, value in row.items() if column not in secret}
            for row in found.rows[name]
        ]
    return tables


def stored_files(found: Found) -> list[StoredFile]:
    ids = found.ids.get(StoredFile.__tablename__, set())
    if not ids:
        return []
    return list(
        db.session.scalars(select(StoredFile).where(StoredFile.id.in_(ids)).order_by(StoredFile.id))
    )


def file_content(stored: StoredFile) -> bytes | None:
    try:
        return files.read(stored)
    except FileNotFoundError:
        return None


def export_for(actor: User, person: User) -> Found:
    """The person's own download; audited."""
    ensure(actor, Permission.OWN_DATA)
    if actor.id != person.id:
        raise PermissionError("only one's own data")
    found = collect(person)
    audit.record(actor, "privacy.download", "user", person.id)
    return found
