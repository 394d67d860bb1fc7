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
from flask_babel import LazyString
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

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


def _folder() -> Path:
    folder = Path(current_app.config["PORTAL_UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


def store(
    owner_id: int, filename: str, data: bytes, accepted: tuple[str, ...], now: datetime
) -> StoredFile:
    """Check and keep an upload; DomainError (field 'file') when it is refused."""
    check_size(data)
    kind = sniff(data)
    if kind not in accepted:
        raise DomainError(
            _(
                "This kind of file cannot be used. Choose a %(kinds)s file.",
                kinds=", ".join(EXTENSIONS[k].upper() for k in accepted),
            ),
            field="file",
        )
    used = db.session.scalar(
        select(func.coalesce(func.sum(StoredFile.size), 0)).where(StoredFile.owner_id == owner_id)
    )
    if used + len(data) > current_app.config["PORTAL_QUOTA_MB"] * MB:
        raise DomainError(
            _("You have used all the room for files. Ask the municipality for help."), field="file"
        )
    storage_name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind]}"
    (_folder() / storage_name).write_bytes(data)
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
    return _folder() / stored.storage_name


def of_owner(owner_id: int, file_id: int | None) -> StoredFile | None:
    """The owner's stored file; anybody else's (or none) is None."""
    if file_id is None:
        return None
    return db.session.scalar(
        select(StoredFile).where(StoredFile.id == file_id, StoredFile.owner_id == owner_id)
    )


def remove(stored: StoredFile) -> None:
    """Forget a file: the row now (the quota is freed), the bytes once that is committed."""
    db.session.info.setdefault(_UNLINK, []).append(path_of(stored))
    db.session.delete(stored)
    db.session.flush()


_UNLINK = "portal.files.unlink_after_commit"


@event.listens_for(Session, "after_commit")
def _unlink_removed(session) -> None:
    for path in session.info.pop(_UNLINK, []):
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_rollback")
def _keep_removed(session) -> None:
    session.info.pop(_UNLINK, None)


def download(stored: StoredFile):
    """Always as an attachment under its original name, never shown inline."""
    return send_file(
        path_of(stored),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.original_name,
        max_age=0,
    )
