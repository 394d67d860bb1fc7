"""The Werkmap as one JSON document: valid against its schema, and back into a new account."""

import io
import json

from sqlalchemy import select

from portal.db import db
from portal.roles import Role
from portal.werkmap import portable_services as portable
from portal.werkmap.cv_models import Cv, WorkProfile
from portal.werkmap.models import LogEntry
from tests.portal.werkmap.test_cv import _build
from tests.portal.werkmap.test_log import ENTRY
from tests.portal.werkmap.test_proof import PNG


def _fill(client) -> None:
    client.submit(
        "/werkmap/new",
        {**ENTRY, "file": (io.BytesIO(PNG), "brief.png")},
        content_type="multipart/form-data",
    )
    entry = db.session.scalar(select(LogEntry))
    client.submit(f"/werkmap/{entry.id}", {**ENTRY, "status": "invited", "version": entry.version})
    client.submit("/werkmap/new", {**ENTRY, "organisation": "Gemeente", "kind": "job_fair"})
    _build(client)
    client.submit(
        "/werkmap/profile",
        {
            "jobs": "Kassa",
            "hours_per_week": "24",
            "share_limits": "y",
            "limits": "Geen nachtdienst",
        },
    )


def _import(client, raw: bytes):
    return client.submit(
        "/werkmap/take-along/import",
        {"file": (io.BytesIO(raw), "w.json")},
        content_type="multipart/form-data",
    )


def test_export_then_import_into_a_fresh_account(client, login_as, make_client, make_user, login):
    old = login_as(Role.APPLICANT)
    _fill(client)
    response = client.get("/werkmap/take-along/werkmap.json")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    document = json.loads(response.data)
    assert list(portable.validator().iter_errors(document)) == []
    assert document["format"] == "werkmap-export" and document["version"] == 2
    assert [e["status"] for e in document["log"][0]["history"]] == ["sent", "invited"]
    fresh_client = make_client()
    fresh = make_user(Role.APPLICANT)
    login(fresh, target=fresh_client)
    html = _import(fresh_client, response.data).get_data(as_text=True)
    assert "Klaar: 2 regels uit uw logboek staan nu hier" in html and "brief.png" in html
    again = json.loads(fresh_client.get("/werkmap/take-along/werkmap.json").data)
    for part in (document, again):
        part.pop("exported_at")
        for entry in part["log"]:
            entry.pop("proof")
        part["cv"].pop("uploaded_file")
    assert again == document
    assert (
        db.session.scalar(select(Cv).where(Cv.owner_id == fresh.id)).full_name == "Samira El Amrani"
    )
    assert old.id != fresh.id


def test_import_refuses_a_non_empty_werkmap_and_bad_files(client, login_as):
    login_as(Role.APPLICANT)
    html = _import(client, b"not json").get_data(as_text=True)
    assert "Dit is geen werkmap-bestand." in html
    bad = {
        "format": "werkmap-export",
        "version": 1,
        "exported_at": "2026-11-23T10:00:00+00:00",
        "log": [{"day": "2026-11-02", "kind": "stealing", "organisation": "X", "status": "sent"}],
        "cv": None,
        "profile": None,
    }
    html = _import(client, json.dumps(bad).encode()).get_data(as_text=True)
    assert "Het eerste probleem zit bij: log/0/kind." in html
    bad["log"][0]["kind"] = "application"
    bad["log"][0]["day"] = "2026-02-30"
    html = _import(client, json.dumps(bad).encode()).get_data(as_text=True)
    assert "Het eerste probleem zit bij: log/0/day." in html
    assert db.session.scalar(select(LogEntry)) is None
    bad["log"][0]["day"] = "2026-02-28"
    assert "Klaar: 1 regel" in _import(client, json.dumps(bad).encode()).get_data(as_text=True)
    html = _import(client, json.dumps(bad).encode()).get_data(as_text=True)
    assert "Uw werkmap is niet leeg." in html
    assert len(db.session.scalars(select(LogEntry)).all()) == 1
    assert db.session.scalar(select(WorkProfile)) is None
