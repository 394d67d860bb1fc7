"""Proof files with log entries: checked by content, size limit keeping the form, download as an
attachment only in scope, removed with the entry."""

import io
from pathlib import Path

from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal import files
from portal.audit import AuditEvent
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.portal.werkmap.test_log import ENTRY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _upload(client, data: bytes, name: str, **fields):
    return client.submit(
        "/werkmap/new",
        {**ENTRY, **fields, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _entry() -> LogEntry:
    db.session.expire_all()
    return db.session.scalar(select(LogEntry))


def test_proof_is_kept_and_downloaded_as_attachment(client, login_as, app):
    login_as(Role.APPLICANT)
    assert _upload(client, PNG, "brief.png").status_code == 302
    entry = _entry()
    stored = db.session.get(StoredFile, entry.proof_file_id)
    path = Path(app.config["PORTAL_UPLOAD_DIR"]) / stored.storage_name
    assert PNG not in path.read_bytes() and "static" not in path.parts  # sealed at rest
    assert files.read(stored) == PNG
    response = client.get(f"/werkmap/{entry.id}/proof")
    assert response.status_code == 200 and response.data == PNG
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Type"] == "image/png"
    response.close()
    assert "met bewijs" in client.get("/werkmap/").get_data(as_text=True)


def test_renamed_exe_is_refused_and_the_form_kept(client, login_as):
    login_as(Role.APPLICANT)
    html = _upload(
        client, b"MZ\x90\x00" + b"\x00" * 100, "bewijs.pdf", job_title="Magazijnmedewerker"
    ).get_data(as_text=True)
    assert "Dit soort bestand kan niet. Kies een bestand van het type PDF, JPG, PNG." in html
    assert 'value="Magazijnmedewerker"' in html and 'value="Bakkerij De Zon"' in html
    assert _entry() is None and db.session.scalar(select(StoredFile)) is None


def test_eleven_megabytes_is_refused_with_a_clear_message(client, login_as):
    login_as(Role.APPLICANT)
    boundary, body = encode_multipart(
        {
            **ENTRY,
            "notes": "Gebeld met Anja",
            "csrf_token": client.csrf_token(),
            "file": FileStorage(io.BytesIO(b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024)), "scan.pdf"),
        }
    )
    html = client.post(
        "/werkmap/new", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    ).get_data(as_text=True)
    assert "Het bestand is te groot. Het mag hoogstens 10 MB zijn." in html
    assert "Gebeld met Anja" in html and "Al het andere dat u invulde staat er nog." in html
    assert _entry() is None


def test_replacing_and_removing_proof_and_deleting_the_entry_free_the_file(client, login_as, app):
    login_as(Role.APPLICANT)
    _upload(client, PNG, "eerste.png")
    entry = _entry()
    first = db.session.get(StoredFile, entry.proof_file_id)
    first_path = Path(app.config["PORTAL_UPLOAD_DIR"]) / first.storage_name
    client.submit(
        f"/werkmap/{entry.id}",
        {**ENTRY, "version": entry.version, "file": (io.BytesIO(b"%PDF-1.4 x"), "tweede.pdf")},
        content_type="multipart/form-data",
    )
    entry = _entry()
    assert not first_path.exists()
    assert db.session.get(StoredFile, entry.proof_file_id).original_name == "tweede.pdf"
    client.submit(f"/werkmap/{entry.id}", {**ENTRY, "version": entry.version, "remove_proof": "y"})
    assert _entry().proof_file_id is None and db.session.scalar(select(StoredFile)) is None
    _upload(client, PNG, "derde.png", organisation="Ander bedrijf")
    entry = db.session.scalar(select(LogEntry).where(LogEntry.organisation == "Ander bedrijf"))
    path = (
        Path(app.config["PORTAL_UPLOAD_DIR"])
        / db.session.get(StoredFile, entry.proof_file_id).storage_name
    )
    client.submit(f"/werkmap/{entry.id}/delete")
    assert not path.exists() and db.session.scalar(select(StoredFile)) is None


def test_proof_in_scope_only_and_every_staff_look_logged(
    client, make_client, make_user, login, app
):
    owner = make_user(Role.APPLICANT)
    login(owner)
    _upload(client, PNG, "brief.png")
    entry = _entry()
    coach, other_coach, stranger = (
        make_user(Role.ECOACH),
        make_user(Role.ECOACH),
        make_user(Role.APPLICANT),
    )
    with unit_of_work():
        caseload.assign(owner.id, coach.id, None, utcnow())
    url = f"/people/{owner.id}/werkmap/entries/{entry.id}/proof"
    for who, path in (
        (stranger, f"/werkmap/{entry.id}/proof"),
        (other_coach, url),
        (other_coach, f"/people/{owner.id}/werkmap/"),
    ):
        other = make_client()
        login(who, target=other)
        assert other.get(path).status_code == 404, (who.role, path)
    mine = make_client()
    login(coach, target=mine)
    response = mine.get(url)
    assert response.status_code == 200 and response.data == PNG
    response.close()
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == coach.id)).all()
    assert [(e.action, e.subject_id) for e in events] == [("werkmap.read.proof", owner.id)]
