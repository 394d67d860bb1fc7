"""Files are recognised by their content, never by their name."""

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import files
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.files import DOCX, JPEG, ODT, PDF, PNG, StoredFile, download, path_of, sniff
from portal.messages.models import Message
from portal.people import User
from portal.roles import Role
from portal.werkmap.models import LogEntry


def _zip(members: dict[str, str]) -> bytes:
    """A zip archive with a fixed date on every member: the same bytes on every call (a
    member named by a string alone gets the current time, two seconds apart they differ)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def odt_bytes() -> bytes:
    return _zip({"mimetype": ODT, "content.xml": "<office:document-content/>"})


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


PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _kept(app) -> set[str]:
    folder = Path(app.config["PORTAL_UPLOAD_DIR"])
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def _store(owner) -> StoredFile:
    return files.store(owner.id, "brief.png", PNG_BYTES, (PNG,), utcnow())


def _upload_then_fail(owner) -> None:
    with unit_of_work():
        _store(owner)
        raise RuntimeError("something after the upload failed")


def _remove_in_a_savepoint_then_fail(stored: StoredFile) -> None:
    with unit_of_work():
        with db.session.begin_nested():
            files.remove(db.session.merge(stored))
        raise RuntimeError("the transaction rolls back")


def test_the_bytes_of_an_upload_rolled_back_are_not_kept(app, make_user):
    owner = make_user(Role.APPLICANT)
    before = _kept(app)  # the suite's folder: other tests' files are there too
    with pytest.raises(RuntimeError):
        _upload_then_fail(owner)
    assert db.session.scalar(select(StoredFile)) is None
    assert _kept(app) == before


def test_files_follow_the_savepoint_or_transaction_they_were_written_in(app, make_user):
    owner = make_user(Role.APPLICANT)
    before = _kept(app)
    with unit_of_work():
        kept = _store(owner)
        with contextlib.suppress(RuntimeError), db.session.begin_nested():
            dropped = _store(owner).storage_name
            raise RuntimeError("the savepoint rolls back")
        with db.session.begin_nested():
            released = _store(owner).storage_name
    assert _kept(app) - before == {kept.storage_name, released} and dropped not in _kept(app)
    # A removal undone with its savepoint, or with the transaction around a released
    # savepoint, leaves the bytes; a removal committed deletes them.
    with unit_of_work(), contextlib.suppress(RuntimeError), db.session.begin_nested():
        files.remove(db.session.merge(kept))
        raise RuntimeError("the savepoint rolls back")
    with pytest.raises(RuntimeError):
        _remove_in_a_savepoint_then_fail(kept)
    assert _kept(app) - before == {kept.storage_name, released}
    with unit_of_work():
        files.remove(db.session.merge(kept))
    assert _kept(app) - before == {released}
