"""Uploaded files: the type is checked by content (never by name), stored outside static/
under a generated name, within a size limit and a per-person quota."""

from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from datetime import datetime
from pathlib import Path

from flask import current_app, send_file
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal import storage
from portal.db import Base, db, utcnow
from portal.domain import DomainError

MB = 1024 * 1024
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", ODT: "odt"}


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


def sniff(data: bytes) -> str | None:
    """The real type of the content, or None when it is none of the accepted kinds."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                    return ODT
        except zipfile.BadZipFile:
            return None
    return None


def store(
    owner_id: int, filename: str, data: bytes, accepted: tuple[str, ...], now: datetime
) -> StoredFile:
    """Check and keep an upload; DomainError (field 'file') when it is refused."""
    cfg = current_app.config
    if not data:
        raise DomainError(_("Choose a file."), field="file")
    if len(data) > cfg["PORTAL_MAX_FILE_MB"] * MB:
        raise DomainError(
            _("The file is too big. It can be at most %(mb)s MB.", mb=cfg["PORTAL_MAX_FILE_MB"]),
            field="file",
        )
    kind = sniff(data)
    if kind not in accepted:
        raise DomainError(
            _(
                "This kind of file cannot be used. Choose a %(kinds)s file.",
                kinds=", ".join(EXTENSIONS[k].upper() for k in accepted),
            ),
            field="file",
        )
    used = db.session.execute(
        select(func.coalesce(func.sum(StoredFile.size), 0)).where(StoredFile.owner_id == owner_id)
    ).scalar_one()
    if used + len(data) > cfg["PORTAL_QUOTA_MB"] * MB:
        raise DomainError(
            _("You have used all the room for files. Ask the municipality for help."), field="file"
        )
    storage_name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind]}"
    storage.backend().put(storage_name, data, kind)
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


def of_owner(owner_id: int, file_id: int | None) -> StoredFile | None:
    """The owner's stored file; anybody else's (or none) is None."""
    if file_id is None:
        return None
    return db.session.scalar(
        select(StoredFile).where(StoredFile.id == file_id, StoredFile.owner_id == owner_id)
    )


def remove(stored: StoredFile) -> None:
    """Forget a file: the row now (the quota is freed), the bytes once that is committed."""
    db.session.info.setdefault(_UNLINK, []).append((storage.backend(), stored.storage_name))
    db.session.delete(stored)
    db.session.flush()


_UNLINK = "portal.files.unlink_after_commit"


@event.listens_for(Session, "after_commit")
def _unlink_removed(session) -> None:
    for backend, name in session.info.pop(_UNLINK, []):
        backend.delete(name)


@event.listens_for(Session, "after_rollback")
def _keep_removed(session) -> None:
    session.info.pop(_UNLINK, None)


def download(stored: StoredFile):
    """Always as an attachment under its original name, never shown inline."""
    return send_file(
        io.BytesIO(storage.backend().get(stored.storage_name)),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.original_name,
        max_age=0,
    )
