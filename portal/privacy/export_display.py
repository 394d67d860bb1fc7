"""The download of everything: one ZIP with `gegevens.json` (machine-readable: every table's
rows about the person), `overzicht.html` (a readable summary per kind of record, with the
reason and how long it is kept, and who looked at the file) and the files, unsealed."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

from flask import render_template

from portal.files import EXTENSIONS
from portal.people import User
from portal.privacy import display, export_services, rules, services

FORMAT = "werkportaal-persoonsgegevens"
VERSION = 1


def archive(person: User, found: export_services.Found, now: datetime) -> bytes:
    tables = export_services.document(found)
    listed = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for stored in export_services.stored_files(found):
            content = export_services.file_content(stored)
            if content is None:
                continue
            name = f"bestanden/{stored.id}.{EXTENSIONS.get(stored.content_type, 'bin')}"
            bundle.writestr(name, content)
            listed.append({"id": stored.id, "path": name, "sha256": stored.sha256})
        data = {
            "format": FORMAT,
            "version": VERSION,
            "made_at": now.isoformat(),
            "person_id": person.id,
            "tables": tables,
            "files": listed,
        }
        bundle.writestr("gegevens.json", json.dumps(data, ensure_ascii=False, indent=1))
        bundle.writestr("overzicht.html", summary(person, tables, now))
    return buffer.getvalue()


def summary(person: User, tables: dict, now: datetime) -> str:
    sections = []
    for category in display.APPLICANT_CATEGORIES:
        shown = [(name, tables[name]) for name in category.tables if tables.get(name)]
        if not shown:
            continue
        sections.append(
            {
                "words": display.TEXTS[category.id],
                "period": display.period(category),
                "tables": shown,
            }
        )
    return render_template(
        "privacy/summary.html",
        person=person,
        sections=sections,
        accesses=services.accesses(person.id),
        display=display,
        now=now,
        category_of=rules.category_of,
    )
