"""Key rotation for what is sealed at rest (`portal.sealing`): every sealed column and every
stored file not sealed with the current key (or not sealed at all, from before sealing
existed) is sealed again with it. Safe to repeat and to stop half-way."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import JSON, select, type_coerce, update

from portal import audit, files, sealing
from portal.db import Base, db
from portal.files import StoredFile


def sealed_columns():
    for table in Base.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, sealing.SealedJSON):
                yield table, column


def rotate(batch: int = 500) -> Counter[str]:
    """Re-seal under the current key; how many values and files were rewritten."""
    done: Counter[str] = Counter()
    for table, column in sealed_columns():
        key = table.primary_key.columns.values()[0]
        raw = type_coerce(column, JSON)
        rows = db.session.execute(select(key, raw).where(column.is_not(None)).order_by(key)).all()
        for ident, stored in rows:
            sealed = sealing.stored_bytes(stored)
            if sealed is not None and not sealing.needs_reseal(sealed):
                continue
            value = sealing.open_json(stored, column.type.use)
            db.session.execute(update(table).where(key == ident).values({column.name: value}))
            done[f"{table.name}.{column.name}"] += 1
    for stored_file in db.session.scalars(select(StoredFile).order_by(StoredFile.id)):
        if files.reseal(stored_file):
            done["stored_file"] += 1
    current = sealing.keys()[0]
    audit.record(None, "privacy.rotate_key", "key", None, detail=f"key={current} {dict(done)}")
    db.session.flush()
    return done
