"""Files are recognised by their content, never by their name."""

import io
import zipfile

from sqlalchemy import select

from portal.db import db
from portal.files import DOCX, JPEG, ODT, PDF, PNG, sniff
from portal.werkmap.models import LogEntry


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_sniff_recognises_the_accepted_kinds():
    assert sniff(b"%PDF-1.7\n...") == PDF
    assert sniff(b"\xff\xd8\xff\xe0....JFIF") == JPEG
    assert sniff(b"\x89PNG\r\n\x1a\n....") == PNG
    assert sniff(docx_bytes()) == DOCX
    assert sniff(odt_bytes()) == ODT


def test_sniff_refuses_everything_else():
    assert sniff(b"MZ\x90\x00 this is a windows program") is None
    assert sniff(b"<html><script>alert(1)</script>") is None
    assert sniff(b"PK\x03\x04 broken zip") is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    assert sniff(buffer.getvalue()) is None


# --- uploads through the forms --------------------------------------------------------------


def _send(client, path: str, data: bytes, name: str, **fields):
    return client.submit(
        path, {**fields, "file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def _entry_id() -> int:
    db.session.expire_all()
    return db.session.scalar(select(LogEntry.id))


ENTRY = {
    "day": "2026-11-02",
    "kind": "application",
    "organisation": "Bakkerij De Zon",
    "channel": "email",
    "status": "sent",
}
