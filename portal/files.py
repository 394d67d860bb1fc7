"""Uploaded files: the type is checked by content (never by name) with bounded work
(`portal.uploads`), every upload is scanned for viruses when a scanner is set (`portal.scan`),
kept outside static/ under a generated name, sealed (AES-GCM, `portal.sealing`), within a
size limit and a per-person quota, and downloaded under a name made from the checked type."""

from __future__ import annotations

import hashlib
import io
import logging
import secrets
from datetime import datetime
from pathlib import Path

from flask import current_app, has_request_context, request, send_file
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import ForeignKey, String, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal import audit, scan, sealing, security, storage
from portal.db import Base, db, utcnow
from portal.domain import DomainError
from portal.uploads import DOCX, JPEG, ODT, PDF, PNG, UncheckableError, sniff

__all__ = ["DOCX", "JPEG", "ODT", "PDF", "PNG", "StoredFile", "sniff"]

MB = 1024 * 1024
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", ODT: "odt"}
logger = logging.getLogger("portal.files")
FILE_USE = "stored_file"  # bound to every sealed file (`portal.sealing`)


class StoredFile(Base):
    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def max_mb() -> int:
    """The largest file people may send, in MB (the setting PORTAL_MAX_FILE_MB)."""
    return current_app.config["PORTAL_MAX_FILE_MB"]


# The limit for texts made at import time (`_l(..., mb=MAX_MB)`): read when the text is shown.
MAX_MB = LazyString(max_mb)


def check_size(data: bytes) -> None:
    """DomainError (field 'file') when nothing was sent or it is over the limit."""
    if not data:
        raise DomainError(_("Choose a file."), field="file")
    if len(data) > max_mb() * MB:
        raise DomainError(
            _("The file is too big. It can be at most %(mb)s MB.", mb=max_mb()), field="file"
        )


def check(data: bytes, accepted: tuple[str, ...]) -> str:
    """The checked kind of an upload; DomainError (field 'file') when it is refused."""
    check_size(data)
    try:
        kind = sniff(data, accepted)
    except UncheckableError as error:
        logger.info("upload refused: cannot be checked (%s)", error.reason)
        if error.reason == "pixels":
            raise DomainError(
                _("This picture is too big to check. Make it smaller and try again."),
                field="file",
            ) from None
        raise DomainError(
            _("This file cannot be checked. Save it as a PDF and try again."), field="file"
        ) from None
    if kind is None or kind not in accepted:
        raise DomainError(
            _(
                "This kind of file cannot be used. Choose a %(kinds)s file.",
                kinds=", ".join(EXTENSIONS[k].upper() for k in accepted),
            ),
            field="file",
        )
    return kind


def screen(owner_id: int, data: bytes) -> None:
    """Scan an upload for viruses; DomainError (field 'file') when clamd finds something or
    gives no verdict. Both are security events; a find also goes into the audit log (after the
    refused transaction: see `_record_refusals`). Never the content or the file name."""
    actor = current_user.id if has_request_context() and current_user.is_authenticated else None
    try:
        found = scan.scan(data, current_app.config)
    except scan.UnavailableError as error:
        logger.error("virus scanner unavailable, upload refused: %s", error)
        security.event("upload.scan_unavailable", result="error", actor=actor, detail=str(error))
        raise DomainError(
            _(
                "We cannot check files for viruses right now, so your file has not been "
                "saved. Please try again later."
            ),
            field="file",
        ) from None
    if found is None:
        return
    digest = hashlib.sha256(data).hexdigest()
    security.event(
        "upload.infected", result="refused", actor=actor, detail=f"owner={owner_id} {found}"
    )
    db.session.connection()  # a transaction whose end writes the record (_record_refusals)
    db.session.info.setdefault(_REFUSED, []).append(
        {
            "actor_id": actor,
            "action": "upload.infected",
            "subject_type": "user",
            "subject_id": owner_id,
            "detail": f"{found} size={len(data)} sha256={digest}"[:200],
            "result": "refused",
            "client": request.remote_addr if has_request_context() else None,
            "at": utcnow(),
        }
    )
    raise DomainError(
        _("This file contains a virus. It has not been saved. Choose another file."),
        field="file",
    )


def store(
    owner_id: int, filename: str, data: bytes, accepted: tuple[str, ...], now: datetime
) -> StoredFile:
    """Check, scan and keep an upload; DomainError (field 'file') when it is refused."""
    kind = check(data, accepted)
    used = db.session.execute(
        select(func.coalesce(func.sum(StoredFile.size), 0)).where(StoredFile.owner_id == owner_id)
    ).scalar_one()
    if used + len(data) > current_app.config["PORTAL_QUOTA_MB"] * MB:
        raise DomainError(
            _("You have used all the room for files. Ask the municipality for help."), field="file"
        )
    screen(owner_id, data)
    storage_name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind]}"
    backend = storage.backend()
    backend.put(storage_name, sealing.seal(data, FILE_USE), kind)
    _note(_WRITTEN, backend, storage_name)  # deleted again if the transaction rolls back
    stored = StoredFile(
        owner_id=owner_id,
        original_name=Path(filename or "file").name[:200],
        content_type=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_name=storage_name,
        created_at=now,
    )
    db.session.add(stored)
    db.session.flush()
    return stored


def path_of(stored: StoredFile) -> Path:
    """Where a file lies with the local folder storage (PORTAL_STORAGE=local)."""
    return storage.LocalFolder(current_app.config["PORTAL_UPLOAD_DIR"]).path(stored.storage_name)


def read(stored: StoredFile) -> bytes:
    """The file's content from the storage backend, unsealed (a file kept before sealing
    comes back as it is); FileNotFoundError when the bytes are gone."""
    return sealing.unseal(storage.backend().get(stored.storage_name), FILE_USE)


def reseal(stored: StoredFile) -> bool:
    """Seal the file under the current key if it is not (plain, or an older key); True when
    it was rewritten. The new content replaces the old in one step (a rename on the local
    folder, one PUT on an object store)."""
    backend = storage.backend()
    try:
        data = backend.get(stored.storage_name)
    except FileNotFoundError:
        return False
    if not sealing.needs_reseal(data):
        return False
    backend.put(
        stored.storage_name,
        sealing.seal(sealing.unseal(data, FILE_USE), FILE_USE),
        stored.content_type,
    )
    return True


def of_owner(owner_id: int, file_id: int | None) -> StoredFile | None:
    """The owner's stored file; anybody else's (or none) is None."""
    if file_id is None:
        return None
    return db.session.scalar(
        select(StoredFile).where(StoredFile.id == file_id, StoredFile.owner_id == owner_id)
    )


def remove(stored: StoredFile) -> None:
    """Forget a file: the row now (the quota is freed), the bytes once that is committed."""
    _note(_UNLINK, storage.backend(), stored.storage_name)
    db.session.delete(stored)
    db.session.flush()


# Bytes follow the transaction of their row. Written bytes are noted with the transaction (or
# savepoint) they were written in and deleted when it rolls back; removed bytes are deleted
# once the whole transaction commits, and kept when the removal is rolled back.
_WRITTEN = "portal.files.written_before_commit"
_UNLINK = "portal.files.unlink_after_commit"
_REFUSED = "portal.files.refused_uploads"


def _note(key: str, backend: storage.Storage, name: str) -> None:
    session = db.session
    session.connection()  # the transaction the file belongs to has begun
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(key, []).append((transaction, backend, name))


def _within(transaction, ended) -> bool:
    """Whether `transaction` is `ended` or one of the savepoints inside it."""
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _delete(backend: storage.Storage, name: str) -> None:
    try:
        backend.delete(name)
    except Exception:  # the database is right; a stray file is only room taken
        logger.exception("could not delete stored bytes %s", name)


def _undo(session: Session, ended) -> None:
    """The transaction or savepoint `ended` rolled back (None: the whole transaction ended
    without a commit): delete what it wrote, forget what it would have removed."""
    written = session.info.get(_WRITTEN, [])
    for entry in [e for e in written if ended is None or _within(e[0], ended)]:
        written.remove(entry)
        _delete(entry[1], entry[2])
    removed = session.info.get(_UNLINK, [])
    removed[:] = [e for e in removed if ended is not None and not _within(e[0], ended)]


@event.listens_for(Session, "after_commit")
def _unlink_removed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the transaction may roll back
        return
    session.info.pop(_WRITTEN, None)
    for _transaction, backend, name in session.info.pop(_UNLINK, []):
        _delete(backend, name)


@event.listens_for(Session, "after_soft_rollback")
def _savepoint_rolled_back(session: Session, transaction) -> None:
    if transaction.nested:
        _undo(session, transaction)


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction) -> None:
    if transaction.parent is None:  # committed: nothing is left; rolled back or closed: undo
        _undo(session, None)


@event.listens_for(Session, "after_transaction_end")
def _record_refusals(session: Session, transaction) -> None:
    """Audit refused infected uploads in a transaction of their own, once the request's
    transaction has ended (rolled back: nothing of the upload is kept) and its connection is
    released: the record of the refusal must stay."""
    if transaction.parent is not None or not session.info.get(_REFUSED):
        return
    refused = session.info.pop(_REFUSED)
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        return
    try:
        audit.record_apart(bind, refused)  # chained like every audit row
    except Exception:  # the refusal stands; its security event is already logged
        logger.exception("could not write the audit record of a refused upload")


def download(stored: StoredFile, name: str):
    """Always as an attachment, never shown inline, with the checked type: named `name` plus
    the extension of that type (never the uploaded name, which may end in .html or .exe),
    `filename*` for names outside ASCII (RFC 6266, by Werkzeug), and no sniffing."""
    response = send_file(
        io.BytesIO(read(stored)),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=f"{name}.{EXTENSIONS[stored.content_type]}",
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
