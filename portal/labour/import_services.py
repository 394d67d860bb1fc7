"""The municipality's lists: competences (edited on a screen), occupations in demand and
vacancies (imported from CSV or JSON, all or nothing, every bad line named).

CSV: a header row, UTF-8, comma or semicolon. JSON: a list of objects with the same keys.
Requirements are competence codes, separated by ';' in CSV, a list in JSON.
- occupations: name, code (ISCO-08/ESCO, may be empty), region, sector, demand
  (high|medium|low), requirements. The same name and region again updates the occupation.
- vacancies: reference, title, employer, place, sector, hours, url, closes_on (YYYY-MM-DD),
  requirements. The same reference again updates the vacancy.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from portal import audit
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.labour.models import DEMAND, Competence, Occupation, Vacancy
from questionnaires.marketscan import CURRENT, load_scan

MAX_ROWS = 5000
MAX_BYTES = 2_000_000
KINDS = ("occupations", "vacancies")


def save_competence(
    actor,
    competence: Competence | None,
    code: str,
    name: str,
    group: str,
    how_to_learn: str,
    active: bool,
    now: datetime,
) -> Competence:
    ensure(actor, Permission.MANAGE_LABOUR_MARKET)
    code = code.strip().lower()
    if not code or not all(ch.isalnum() or ch in "-_" for ch in code):
        raise DomainError(_("Use letters, digits, - and _ only."), field="code")
    other = db.session.scalar(select(Competence).where(Competence.code == code))
    if other is not None and other is not competence:
        raise DomainError(_("Another competence has this code."), field="code")
    if competence is None:
        competence = Competence(code=code)
        db.session.add(competence)
    competence.code, competence.name, competence.group = code, name.strip(), group.strip()
    competence.how_to_learn, competence.active = how_to_learn.strip(), active
    competence.updated_at = now
    db.session.flush()
    audit.record(actor, "labour.competence", "labour_competence", competence.id, detail=code)
    return competence


def _rows(raw: bytes, filename: str) -> list[dict[str, Any]]:
    if len(raw) > MAX_BYTES:
        raise DomainError(_("The file is too large."), field="file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("Save the file as UTF-8 and try again."), field="file") from None
    if filename.lower().endswith(".json"):
        try:
            rows = json.loads(text)
        except ValueError:
            raise DomainError(_("This is not valid JSON."), field="file") from None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DomainError(_("The JSON must be a list of objects."), field="file")
    else:
        dialect = "excel-tab" if "\t" in text.partition("\n")[0] else None
        delimiter = ";" if ";" in text.partition("\n")[0] else ","
        reader = (
            csv.DictReader(io.StringIO(text), delimiter=delimiter)
            if dialect is None
            else csv.DictReader(io.StringIO(text), dialect=dialect)
        )
        rows = [dict(row) for row in reader]
    if not rows:
        raise DomainError(_("The file has no rows."), field="file")
    if len(rows) > MAX_ROWS:
        raise DomainError(_("At most %(count)s rows at a time.", count=MAX_ROWS), field="file")
    return rows


def _text(row: dict[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = row.get(key)
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise ValueError(_("%(column)s is empty.", column=key))
    if len(value) > limit or any(ord(ch) < 32 for ch in value):
        raise ValueError(_("%(column)s is too long or has bad characters.", column=key))
    return value


def _requirements(row: dict[str, Any], known: dict[str, Competence]) -> list[Competence]:
    raw = row.get("requirements") or []
    codes = raw if isinstance(raw, list) else str(raw).split(";")
    found = []
    for code in (str(c).strip().lower() for c in codes):
        if not code:
            continue
        if code not in known:
            raise ValueError(_("Unknown competence code: %(code)s.", code=code[:60]))
        if known[code] not in found:
            found.append(known[code])
    return found


def _occupation(row: dict[str, Any], known: dict[str, Competence], sectors: set[str]) -> dict:
    demand = _text(row, "demand", 10).lower()
    if demand not in DEMAND:
        raise ValueError(_("demand is high, medium or low."))
    sector = _text(row, "sector", 40).lower()
    if sector not in sectors:
        raise ValueError(_("Unknown sector: %(sector)s.", sector=sector[:40]))
    return {
        "name": _text(row, "name", 160),
        "code": _text(row, "code", 40, required=False),
        "region": _text(row, "region", 100),
        "sector": sector,
        "demand": demand,
        "requirements": _requirements(row, known),
    }


def _vacancy(row: dict[str, Any], known: dict[str, Competence], sectors: set[str]) -> dict:
    sector = _text(row, "sector", 40).lower()
    if sector not in sectors:
        raise ValueError(_("Unknown sector: %(sector)s.", sector=sector[:40]))
    hours_text = _text(row, "hours", 10, required=False)
    if hours_text and not (hours_text.isdigit() and 1 <= int(hours_text) <= 60):
        raise ValueError(_("hours is a whole number from 1 to 60."))
    closes = _text(row, "closes_on", 10, required=False)
    try:
        closes_on = date.fromisoformat(closes) if closes else None
    except ValueError:
        raise ValueError(_("closes_on is a date such as 2026-12-31.")) from None
    url = _text(row, "url", 500, required=False)
    if url and not url.startswith("https://"):
        raise ValueError(_("url starts with https://."))
    return {
        "reference": _text(row, "reference", 80),
        "title": _text(row, "title", 160),
        "employer": _text(row, "employer", 160),
        "place": _text(row, "place", 100, required=False),
        "sector": sector,
        "hours_per_week": int(hours_text) if hours_text else None,
        "url": url,
        "closes_on": closes_on,
        "requirements": _requirements(row, known),
    }


def parse(kind: str, raw: bytes, filename: str) -> list[dict]:
    """Every row checked; DomainError naming the first bad lines (nothing is saved then)."""
    if kind not in KINDS:
        raise DomainError(_("Choose what the file holds."), field="kind")
    known = {c.code: c for c in db.session.scalars(select(Competence))}
    sectors = {value for value, _label in load_scan(*CURRENT).sectors}
    build = _occupation if kind == "occupations" else _vacancy
    parsed, problems = [], []
    for number, row in enumerate(
        _rows(raw, filename), start=2 if not filename.lower().endswith(".json") else 1
    ):
        try:
            parsed.append(build(row, known, sectors))
        except ValueError as problem:
            problems.append(_("Line %(line)s: %(problem)s", line=number, problem=problem))
    if problems:
        more = _(" And %(count)s more.", count=len(problems) - 5) if len(problems) > 5 else ""
        raise DomainError(" ".join(problems[:5]) + more, field="file")
    return parsed


def load(actor, kind: str, raw: bytes, filename: str, now: datetime) -> int:
    """Import a file; rows with a known name and region (occupations) or reference
    (vacancies) are updated. Returns the number of rows."""
    ensure(actor, Permission.MANAGE_LABOUR_MARKET)
    rows = parse(kind, raw, filename)
    store(kind, rows, now)
    audit.record(actor, f"labour.import.{kind}", "labour", None, detail=f"{len(rows)} rows")
    return len(rows)


def store(kind: str, rows: list[dict], now: datetime) -> None:
    """Checked rows (from `parse`) into the lists."""
    for row in rows:
        if kind == "occupations":
            item: Any = db.session.scalar(
                select(Occupation).where(
                    Occupation.name == row["name"], Occupation.region == row["region"]
                )
            ) or Occupation(imported_at=now)
        else:
            item = db.session.scalar(
                select(Vacancy).where(Vacancy.reference == row["reference"])
            ) or Vacancy(added_at=now)
        for key, value in row.items():
            setattr(item, key, value)
        db.session.add(item)
        db.session.flush()


DEMO = Path(__file__).parent / "demo"


def seed_demo(today: date, now: datetime) -> None:
    """The demo lists (a small, realistic set for the Groningen region), where still empty;
    the demo vacancies close two to six weeks from today."""
    if db.session.scalar(select(Competence.id).limit(1)) is not None:
        return
    for row in json.loads((DEMO / "competences.json").read_text(encoding="utf-8")):
        db.session.add(Competence(**row, updated_at=now))
    db.session.flush()
    for kind in KINDS:
        rows = parse(kind, (DEMO / f"{kind}.json").read_bytes(), f"{kind}.json")
        for number, row in enumerate(rows):
            if kind == "vacancies":
                row["closes_on"] = today + timedelta(days=14 + 7 * number)
        store(kind, rows, now)
