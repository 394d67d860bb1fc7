"""Files are recognised by their content, never by their name."""

import io
import zipfile

from sqlalchemy import select

from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.files import DOCX, JPEG, ODT, PDF, PNG, StoredFile, download, path_of, sniff
from portal.messages.models import Message
from portal.people import User
from portal.roles import Role
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


# --- downloads are named by the checked type; hostile files get a message at the field ------


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


def _check_download(response, name: str, kind: str) -> None:
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    assert response.headers["Content-Type"] == kind
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_downloads_get_the_extension_of_the_checked_type_never_the_uploaded_one(
    client, login, make_user, make_client
):
    """Before: proof 'brief.html' came back as brief.html, which a browser opens as a page."""
    person, coach = make_user(Role.APPLICANT), make_user(Role.ECOACH)
    with unit_of_work():
        caseload.assign(person.id, coach.id, None, utcnow())
    login(person)
    assert _send(client, "/werkmap/new", b"%PDF-1.4 x", "brief.html", **ENTRY).status_code == 302
    assert _send(client, "/werkmap/cv/upload", docx_bytes(), "cv.bat").status_code == 302
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50
    assert _send(client, "/messages/", png, "foto.exe", body="Zie bijlage").status_code == 302
    entry_id = _entry_id()
    message_id = db.session.scalar(select(Message.id))
    _check_download(client.get(f"/werkmap/{entry_id}/proof"), "bewijs.pdf", PDF)
    _check_download(client.get("/werkmap/cv/file"), "cv.docx", DOCX)
    _check_download(client.get(f"/messages/{message_id}/attachment"), "bijlage.png", PNG)
    staff = make_client()
    login(coach, target=staff)
    base = f"/people/{person.id}/werkmap"
    _check_download(staff.get(f"{base}/entries/{entry_id}/proof"), "bewijs.pdf", PDF)
    _check_download(staff.get(f"{base}/cv/file"), "cv.docx", DOCX)
    attachment = f"/coach/people/{person.id}/messages/{message_id}/attachment"
    _check_download(staff.get(attachment), "bijlage.png", PNG)
    with unit_of_work():
        db.session.get(User, person.id).locale = "en"
    _check_download(client.get(f"/werkmap/{entry_id}/proof"), "proof.pdf", PDF)


def test_a_name_outside_ascii_gets_a_filename_star(app):
    """RFC 6266: an ASCII fallback and the UTF-8 name in filename* (Werkzeug writes both)."""
    stored = StoredFile(content_type=PDF, storage_name="x.pdf")
    path_of(stored).write_bytes(b"%PDF-1.4")
    with app.test_request_context():
        response = download(stored, "bewijsstuk-één")
    response.close()
    disposition = response.headers["Content-Disposition"]
    assert (
        disposition
        == "attachment; filename=bewijsstuk-een.pdf; filename*=UTF-8''bewijsstuk-%C3%A9%C3%A9n.pdf"
    )
