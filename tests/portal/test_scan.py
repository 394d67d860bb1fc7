"""Every upload is scanned by a real clamd (tests/servers/clamd.py: it knows the EICAR string).
Infected: refused at the field, nothing kept, an audit record and a security event. Scanner
down or silent: refused with "try again later", nothing kept, a security event. Production
will not start without a scanner unless PORTAL_CLAMD=off says so."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import create_app, scan
from portal.audit import AuditEvent
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.intake import services as intake
from portal.messages.models import Message
from portal.roles import Role
from portal.werkmap.cv_models import Cv
from portal.werkmap.models import LogEntry
from tests.portal.test_app import PRODUCTION_IDENTITY
from tests.servers.clamd import EICAR

INFECTED = "In dit bestand zit een virus. Het is niet bewaard. Kies een ander bestand."
LATER = "We kunnen bestanden nu niet op virussen controleren."
ENTRY = {
    "day": "2026-11-02",
    "kind": "application",
    "organisation": "Bakkerij De Zon",
    "job_title": "Verkoper",
    "channel": "email",
    "status": "sent",
}


def pdf(body: bytes) -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< >>\nstream\n" + body + b"\nendstream\nendobj\n%%EOF\n"


CLEAN, SICK = pdf(b"Curriculum vitae"), pdf(b"Curriculum vitae " + EICAR)


def werkmap_json(content: bytes) -> bytes:
    """A take-along file with one log entry, infected when `content` is. An infected one is not
    JSON: the EICAR string holds a backslash, which JSON would escape (and so hide); the scan
    comes first anyway."""
    if EICAR in content:
        return b'{"format": "werkmap-export", "log": [{"notes": "' + EICAR + b'"}]}'
    entry = {k: ENTRY[k] for k in ("day", "kind", "organisation", "status")}
    document = {
        "format": "werkmap-export",
        "version": 1,
        "exported_at": "2026-11-23T10:00:00+00:00",
        "log": [{**entry, "notes": "Gebeld"}],
        "cv": None,
        "profile": None,
    }
    return json.dumps(document).encode()


@pytest.fixture
def scanned(client, make_user, make_response, login, clamd):
    """A client of an app that scans with the test clamd (or what `build` is given), signed in
    as an applicant with an e-coach; `client.coach` is a client of that coach. The settings
    are set on the test's web app (building an app costs 0.4 s) and restored afterwards."""
    web = client.application
    saved = {key: web.config.get(key) for key in ("PORTAL_CLAMD_SOCKET", "PORTAL_CLAMD_TIMEOUT")}

    def build(socket_path: str = clamd, timeout: int = 20):
        web.config.update(PORTAL_CLAMD_SOCKET=socket_path, PORTAL_CLAMD_TIMEOUT=timeout)
        person, coach = make_user(Role.APPLICANT), make_user(Role.ECOACH)
        response = make_response(person)
        with unit_of_work():
            decided = db.session.merge(response)
            intake.decide(make_user(Role.CONSULTANT), decided, "zelfdoeners", "", utcnow())
            caseload.assign(person.id, coach.id, None, utcnow())
        coach_client = web.test_client()
        login(person)
        login(coach, target=coach_client)
        client.person, client.coach = person, coach_client
        client.upload_dir = Path(web.config["PORTAL_UPLOAD_DIR"])
        return client

    yield build
    web.config.update(saved)


def _post(client, path: str, data: bytes, name: str = "cv.pdf", **fields):
    return client.submit(
        path, {**fields, "file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def _existing_entry(client):
    """A log entry without proof; the upload then goes with a change of it."""
    assert client.submit("/werkmap/new", ENTRY).status_code == 302
    db.session.expire_all()
    entry = db.session.scalar(select(LogEntry).order_by(LogEntry.id.desc()))
    return lambda data: _post(client, f"/werkmap/{entry.id}", data, **ENTRY, version=entry.version)


# Each path: set up what it needs, then a function that uploads.
PATHS = {
    "proof with a new log entry": lambda c: lambda data: _post(c, "/werkmap/new", data, **ENTRY),
    "proof of an existing entry": _existing_entry,
    "uploaded CV": lambda c: lambda data: _post(c, "/werkmap/cv/upload", data),
    "attachment to the e-coach": lambda c: (
        lambda data: _post(c, "/messages/", data, body="Mijn cv")
    ),
    "attachment from the e-coach": lambda c: (
        lambda data: _post(c.coach, f"/coach/people/{c.person.id}/messages", data, body="Uw cv")
    ),
    "take-along import": lambda c: (
        lambda data: _post(c, "/werkmap/take-along/import", werkmap_json(data), "w.json")
    ),
}


def _rows() -> tuple[int, ...]:
    """Stored files, messages, log entries, uploaded CVs."""
    db.session.expire_all()
    uploaded_cv = select(Cv).where(Cv.uploaded_file_id.is_not(None))
    return tuple(
        len(db.session.scalars(query).all())
        for query in (select(StoredFile), select(Message), select(LogEntry), uploaded_cv)
    )


def _security(caplog) -> list[dict]:
    """The security log's upload events (the sign-ins of the fixtures are logged too)."""
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "portal.security"]
    return [e for e in logged if e["event"].startswith("upload.")]


@pytest.mark.parametrize("path", PATHS)
def test_eicar_in_a_pdf_is_refused_on_every_upload_path(scanned, path, caplog):
    client = scanned()
    upload = PATHS[path](client)
    before, kept = _rows(), set(client.upload_dir.iterdir())
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = upload(SICK)
    assert response.status_code == 200
    assert INFECTED in response.get_data(as_text=True)
    assert _rows() == before and set(client.upload_dir.iterdir()) == kept
    (record,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "upload.infected"))
    assert record.subject_id == client.person.id and "Portal.Test.EICAR" in record.detail
    assert "Curriculum" not in record.detail and "cv.pdf" not in record.detail
    (logged,) = _security(caplog)
    assert (logged["event"], logged["result"]) == ("upload.infected", "refused")
    assert "cv.pdf" not in logged["detail"]


@pytest.mark.parametrize("path", PATHS)
def test_a_clean_file_is_scanned_and_kept(scanned, path):
    client = scanned()
    upload = PATHS[path](client)
    before = _rows()
    response = upload(CLEAN)
    if path == "take-along import":
        assert "Klaar: 1 regel" in response.get_data(as_text=True)
        assert _rows()[2] == before[2] + 1
    else:
        assert response.status_code == 302
        assert _rows()[0] == before[0] + 1


@pytest.mark.parametrize("path", PATHS)
def test_scanner_down_refuses_with_try_again_later_and_keeps_nothing(
    scanned, path, tmp_path, caplog
):
    client = scanned(str(tmp_path / "no-clamd.sock"))
    upload = PATHS[path](client)
    before, kept = _rows(), set(client.upload_dir.iterdir())
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = upload(CLEAN)
    assert response.status_code == 200 and LATER in response.get_data(as_text=True)
    assert _rows() == before and set(client.upload_dir.iterdir()) == kept
    assert [(e["event"], e["result"]) for e in _security(caplog)] == [
        ("upload.scan_unavailable", "error")
    ]


def test_a_scanner_that_does_not_answer_times_out_and_refuses(scanned, tmp_path):
    """A socket that takes the connection and never replies: the upload waits
    PORTAL_CLAMD_TIMEOUT seconds, then is refused."""
    path = str(tmp_path / "silent.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.bind(path)
        silent.listen(5)
        client = scanned(path, timeout=1)
        response = _post(client, "/werkmap/cv/upload", CLEAN)
    assert LATER in response.get_data(as_text=True)
    assert db.session.scalar(select(StoredFile)) is None


def _pump(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)


@pytest.fixture
def clamd_tcp(clamd) -> Iterator[int]:
    """The test clamd on a TCP port of 127.0.0.1, through a relay to its unix socket."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = listener.accept()
                upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                upstream.connect(clamd)
                back = threading.Thread(target=_pump, args=(upstream, conn))
                back.start()
                _pump(conn, upstream)
                back.join()
                conn.close()
                upstream.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    listener.close()
    thread.join(timeout=5)


def test_scan_answers_clean_infected_or_unavailable(clamd, clamd_tcp, tmp_path):
    unix = {
        "PORTAL_CLAMD": "",
        "PORTAL_CLAMD_SOCKET": clamd,
        "PORTAL_CLAMD_HOST": "",
        "PORTAL_CLAMD_PORT": 3310,
        "PORTAL_CLAMD_TIMEOUT": 5,
    }
    tcp = {**unix, "PORTAL_CLAMD_SOCKET": "", "PORTAL_CLAMD_HOST": "127.0.0.1"}
    for config in (unix, {**tcp, "PORTAL_CLAMD_PORT": clamd_tcp}):
        assert scan.scan(CLEAN, config) is None
        assert scan.scan(SICK, config) == "Portal.Test.EICAR.UNOFFICIAL"
        big = pdf(b"x" * (3 * 1024 * 1024) + EICAR)  # many chunks
        assert scan.scan(big, config) == "Portal.Test.EICAR.UNOFFICIAL"
    assert scan.scan(SICK, {**unix, "PORTAL_CLAMD_SOCKET": ""}) is None  # no scanner set
    assert scan.scan(SICK, {**unix, "PORTAL_CLAMD": "off", "PORTAL_CLAMD_SOCKET": ""}) is None
    for down in (
        {**unix, "PORTAL_CLAMD_SOCKET": str(tmp_path / "x.sock")},
        {**tcp, "PORTAL_CLAMD_PORT": 9},
    ):
        with pytest.raises(scan.UnavailableError):
            scan.scan(CLEAN, down)


PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": "s" * 40,
    "MAIL_BACKEND": "smtp",
    **PRODUCTION_IDENTITY,  # production's keys and login mode (tests/portal/test_app.py)
}


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({}, "Production scans uploads for viruses"),
        ({"PORTAL_CLAMD": "maybe"}, "PORTAL_CLAMD must be empty or 'off'"),
        ({"PORTAL_CLAMD": "off", "PORTAL_CLAMD_HOST": "clamd"}, "contradicts"),
        ({"PORTAL_CLAMD_SOCKET": "/run/c.sock", "PORTAL_CLAMD_HOST": "clamd"}, "not both"),
    ],
)
def test_production_needs_a_scanner_or_an_explicit_off(settings, message, tmp_path):
    with pytest.raises(RuntimeError, match=message):
        create_app({**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db", **settings})


@pytest.mark.parametrize(
    "settings",
    [
        {"PORTAL_CLAMD_SOCKET": "/run/clamav/clamd.ctl"},
        {"PORTAL_CLAMD_HOST": "clamd"},
        {"PORTAL_CLAMD": "OFF"},
    ],
)
def test_production_starts_with_a_scanner_or_explicitly_without(settings, caplog, tmp_path):
    with caplog.at_level(logging.WARNING, logger="portal.scan"):
        app = create_app({**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path}/p.db", **settings})
    app.extensions["db_engine"].dispose()
    warned = [r.getMessage() for r in caplog.records if r.name == "portal.scan"]
    assert warned == (
        ["PORTAL_CLAMD=off: uploads are not scanned for viruses."]
        if "PORTAL_CLAMD" in settings
        else []
    )
