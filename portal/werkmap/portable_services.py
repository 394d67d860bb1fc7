"""The whole Werkmap as one JSON document (schema: schema/werkmap-export.v2.json; version 1
files, without the scan and the plan, are still read), and its import into an account whose
Werkmap is still empty: the portfolio moves with the person. Parts kept by features above the
Werkmap (the labour-market value scan, the personal plan) are asked for and handed over
through events (`take_along_parts`, `take_along_import`)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache
from itertools import islice
from pathlib import Path

from flask_babel import gettext as _
from jsonschema import Draft202012Validator
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import audit, events, uploads
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.files import StoredFile, check_size, screen
from portal.werkmap import cv_services
from portal.werkmap.cv_models import Cv, CvItem, WorkProfile
from portal.werkmap.models import LogEntry, StatusChange

SCHEMA_PATH = Path(__file__).parent / "schema" / "werkmap-export.v2.json"
SCHEMAS = {1: Path(__file__).parent / "schema" / "werkmap-export.v1.json", 2: SCHEMA_PATH}
VERSION = 2
MAX_ERRORS = 50  # schema errors looked at: a hostile file can have millions
ENTRY_FIELDS = (
    "kind",
    "organisation",
    "job_title",
    "vacancy",
    "channel",
    "contact",
    "status",
    "notes",
)
CV_FIELDS = ("full_name", "email", "phone", "city", "profile_text", "no_experience")
ITEM_FIELDS = ("section", "title", "organisation", "place", "level", "diploma", "detail")
PROFILE_FIELDS = (
    "jobs",
    "sectors",
    "hours_per_week",
    "region",
    "max_travel_minutes",
    "limits",
    "share_limits",
)
PROFILE_DEFAULTS = {"hours_per_week": None, "max_travel_minutes": None, "share_limits": False}


@cache
def validator(version: int = VERSION) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads(SCHEMAS[version].read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _file(stored: StoredFile | None) -> dict | None:
    if stored is None:
        return None
    return {
        "name": stored.original_name,
        "content_type": stored.content_type,
        "size": stored.size,
        "sha256": stored.sha256,
    }


def export(owner_id: int, now: datetime) -> dict:
    files: dict[int | None, StoredFile] = {
        f.id: f
        for f in db.session.scalars(select(StoredFile).where(StoredFile.owner_id == owner_id))
    }
    entries = db.session.scalars(
        select(LogEntry)
        .where(LogEntry.owner_id == owner_id)
        .options(selectinload(LogEntry.history))
        .order_by(LogEntry.day, LogEntry.id)
    )
    log = [
        {
            **{name: getattr(e, name) for name in ENTRY_FIELDS},
            "day": _day(e.day),
            "follow_up_on": _day(e.follow_up_on),
            "history": [{"status": c.status, "at": _moment(c.at)} for c in e.history],
            "proof": _file(files.get(e.proof_file_id)),
        }
        for e in entries
    ]
    cv = cv_services.cv_of(owner_id)
    profile = cv_services.profile_of(owner_id)
    parts: dict = {"scan": None, "plan": None}
    for _receiver, answer in events.take_along_parts.send(None, owner_id=owner_id):
        parts.update(answer or {})
    return {
        "format": "werkmap-export",
        "version": VERSION,
        "exported_at": _moment(now),
        "log": log,
        "cv": None
        if cv is None
        else {
            **{name: getattr(cv, name) for name in CV_FIELDS},
            "born_on": _day(cv.born_on),
            "driving_licences": cv.licences,
            "uploaded_file": _file(files.get(cv.uploaded_file_id)),
            "items": [
                {
                    **{name: getattr(i, name) for name in ITEM_FIELDS},
                    "started": _day(i.started),
                    "ended": _day(i.ended),
                }
                for i in cv.items
            ],
        },
        "profile": None
        if profile is None
        else {
            **{name: getattr(profile, name) for name in PROFILE_FIELDS},
            "available_from": _day(profile.available_from),
        },
        **parts,
    }


def is_empty(owner_id: int) -> bool:
    return not any(
        db.session.scalar(select(model.id).where(model.owner_id == owner_id).limit(1))
        for model in (LogEntry, Cv, WorkProfile)
    )


def _not_a_werkmap() -> DomainError:
    return DomainError(
        _("This is not a Werkmap file. Choose the .json file you downloaded from the portal."),
        field="file",
    )


def parse(raw: bytes, owner_id: int) -> dict:
    """The document, within the size limit, scanned for viruses, read with bounded work
    (nesting depth, number of objects) and checked against the schema; DomainError (field
    'file') otherwise."""
    check_size(raw)
    screen(owner_id, raw)
    try:
        document = uploads.load_json(raw)
    except uploads.UncheckableError:
        raise DomainError(
            _(
                "This file cannot be checked: it is built in a way the portal does not read. "
                "Choose the .json file you downloaded from the portal."
            ),
            field="file",
        ) from None
    except ValueError:
        raise _not_a_werkmap() from None
    # The first problem by position among the first MAX_ERRORS found.
    version = document.get("version") if isinstance(document, dict) else None
    chosen = version if version in SCHEMAS and not isinstance(version, bool) else VERSION
    found = islice(validator(chosen).iter_errors(document), MAX_ERRORS)
    errors = sorted(found, key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "-"
        raise DomainError(
            _(
                "This file does not follow the Werkmap format. The first problem is at: %(where)s.",
                where=where,
            ),
            field="file",
        )
    if not isinstance(document, dict):  # the schema says so; for the type checker
        raise _not_a_werkmap()
    return document


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise DomainError(
            _("This file has a date that does not exist: %(value)s.", value=value), field="file"
        ) from None


def _at(value: str, fallback: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return fallback
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def import_into(owner, document: dict, now: datetime) -> dict:
    """Everything from the document into the owner's empty Werkmap, in the caller's one
    transaction. Files themselves are not in a document: their names are returned."""
    ensure(owner, Permission.OWN_WERKMAP)
    if not is_empty(owner.id):
        raise DomainError(
            _("Your job-search file is not empty. You can only bring a file into a new account."),
            field="file",
        )
    missing_files = []
    for item in document["log"]:
        entry = LogEntry(
            owner_id=owner.id,
            day=_date(item["day"]),
            follow_up_on=_date(item.get("follow_up_on")),
            created_at=now,
            updated_at=now,
            created_by_id=owner.id,
            **{
                name: item.get(name) or ("" if name != "channel" else None) for name in ENTRY_FIELDS
            },
        )
        history = item.get("history") or [{"status": item["status"], "at": _moment(now)}]
        entry.history = [StatusChange(status=h["status"], at=_at(h["at"], now)) for h in history]
        db.session.add(entry)
        if item.get("proof"):
            missing_files.append(item["proof"]["name"])
    if document["cv"] is not None:
        data = document["cv"]
        cv = Cv(
            owner_id=owner.id,
            born_on=_date(data.get("born_on")),
            updated_at=now,
            driving_licences=",".join(data.get("driving_licences") or []),
            **{
                name: data.get(name) or ("" if name != "no_experience" else False)
                for name in CV_FIELDS
            },
        )
        cv.items = [
            CvItem(
                started=_date(i.get("started")),
                ended=_date(i.get("ended")),
                **{
                    name: i.get(name) or ("" if name != "diploma" else False)
                    for name in ITEM_FIELDS
                },
            )
            for i in data["items"]
        ]
        db.session.add(cv)
        db.session.flush()
        if cv_services.is_complete(cv):
            events.cv_completed.send(None, owner_id=owner.id, now=now)
        if data.get("uploaded_file"):
            missing_files.append(data["uploaded_file"]["name"])
    if document["profile"] is not None:
        data = document["profile"]
        db.session.add(
            WorkProfile(
                owner_id=owner.id,
                updated_at=now,
                available_from=_date(data.get("available_from")),
                **{name: data.get(name, PROFILE_DEFAULTS.get(name, "")) for name in PROFILE_FIELDS},
            )
        )
    db.session.flush()
    events.take_along_import.send(None, owner=owner, document=document, now=now)
    audit.record(
        owner, "werkmap.import", "user", owner.id, detail=f"entries={len(document['log'])}"
    )
    return {"entries": len(document["log"]), "missing_files": missing_files}
