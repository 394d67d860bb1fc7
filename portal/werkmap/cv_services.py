"""The CV and the work profile: save, items, an uploaded CV instead, and what "complete" means."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal import events, files
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.werkmap.cv_models import (
    CEFR,
    LEVELS,
    LICENCES,
    SECTIONS,
    STARTKWALIFICATIE,
    Cv,
    CvItem,
    WorkProfile,
)

CV_FILES = (files.PDF, files.DOCX, files.ODT)
# What a complete CV has, in the order it is asked for.
CV_PARTS = ("personal", "profile_text", "experience", "education", "language")
PROFILE_PARTS = ("jobs", "hours_per_week", "region", "available_from")


@dataclass
class Personal:
    full_name: str
    email: str = ""
    phone: str = ""
    city: str = ""
    born_on: date | None = None
    profile_text: str = ""
    driving_licences: tuple[str, ...] = ()
    no_experience: bool = False


@dataclass
class Item:
    title: str
    organisation: str = ""
    place: str = ""
    started: date | None = None
    ended: date | None = None
    level: str = ""
    diploma: bool = False
    detail: str = ""


@dataclass
class Profile:
    jobs: str = ""
    sectors: str = ""
    hours_per_week: int | None = None
    region: str = ""
    max_travel_minutes: int | None = None
    available_from: date | None = None
    limits: str = ""
    share_limits: bool = False


def cv_of(owner_id: int) -> Cv | None:
    return db.session.scalar(select(Cv).where(Cv.owner_id == owner_id))


def profile_of(owner_id: int) -> WorkProfile | None:
    return db.session.scalar(select(WorkProfile).where(WorkProfile.owner_id == owner_id))


def cv_for(owner: User, now: datetime) -> Cv:
    """The owner's CV, started with their name and email when there is none yet."""
    cv = cv_of(owner.id)
    if cv is None:
        cv = Cv(owner_id=owner.id, full_name=owner.name, email=owner.email or "", updated_at=now)
        db.session.add(cv)
        db.session.flush()
    return cv


def _done(cv: Cv, now: datetime) -> None:
    """A complete CV settles the CV item of an open search period."""
    cv.updated_at = now
    db.session.flush()
    if is_complete(cv):
        events.cv_completed.send(None, owner_id=cv.owner_id, now=now)


def save_personal(cv: Cv, data: Personal, now: datetime) -> None:
    if not data.full_name.strip():
        raise DomainError(_("Enter your name."), field="full_name")
    if any(code not in LICENCES for code in data.driving_licences):
        raise DomainError(_("Choose from the list."), field="driving_licences")
    for name in ("full_name", "email", "phone", "city", "profile_text"):
        setattr(cv, name, (getattr(data, name) or "").strip())
    cv.born_on, cv.no_experience = data.born_on, data.no_experience
    cv.driving_licences = ",".join(code for code in LICENCES if code in data.driving_licences)
    _done(cv, now)


def _check_item(section: str, data: Item) -> None:
    if section not in SECTIONS:
        raise DomainError(_("Choose from the list."), field="section")
    if not data.title.strip():
        raise DomainError(_("Fill this in."), field="title")
    if data.started and data.ended and data.ended < data.started:
        raise DomainError(_("The end date is before the start date."), field="ended")
    allowed = CEFR if section == "language" else LEVELS if section == "education" else ("",)
    if data.level and data.level not in allowed:
        raise DomainError(_("Choose from the list."), field="level")


def add_item(cv: Cv, section: str, data: Item, now: datetime) -> CvItem:
    _check_item(section, data)
    item = CvItem(section=section, title="")
    change_item(item, data, now, cv=cv)
    return item


def change_item(item: CvItem, data: Item, now: datetime, cv: Cv | None = None) -> None:
    _check_item(item.section, data)
    for field in fields(Item):
        value = getattr(data, field.name)
        setattr(item, field.name, value.strip() if isinstance(value, str) else value)
    if cv is not None:
        cv.items.append(item)
    _done(cv or item.cv, now)


def remove_item(item: CvItem, now: datetime) -> None:
    cv = item.cv
    cv.items.remove(item)
    cv.updated_at = now
    db.session.flush()


def upload(cv: Cv, filename: str, data: bytes, now: datetime) -> None:
    """An existing CV file instead of (or next to) the structured CV."""
    stored = files.store(cv.owner_id, filename, data, CV_FILES, now)
    cv.uploaded_file_id = stored.id
    _done(cv, now)


def missing(cv: Cv | None) -> list[str]:
    """The parts a complete CV still lacks (CV_PARTS); none when a CV file was uploaded."""
    if cv is None:
        return list(CV_PARTS)
    if cv.uploaded_file_id is not None:
        return []
    present = {
        "personal": bool(cv.full_name and (cv.email or cv.phone)),
        "profile_text": bool(cv.profile_text),
        "experience": cv.no_experience or bool(cv.section("experience")),
        "education": bool(cv.section("education")),
        "language": bool(cv.section("language")),
    }
    return [part for part in CV_PARTS if not present[part]]


def is_complete(cv: Cv | None) -> bool:
    return not missing(cv)


def has_startkwalificatie(cv: Cv | None) -> bool:
    """A diploma at MBO 2 or higher, HAVO or VWO (derived from the education in the CV)."""
    return cv is not None and any(
        item.diploma and item.level in STARTKWALIFICATIE for item in cv.section("education")
    )


def save_profile(owner_id: int, data: Profile, now: datetime) -> WorkProfile:
    if data.hours_per_week is not None and not 1 <= data.hours_per_week <= 60:
        raise DomainError(_("Enter a number from 1 to 60."), field="hours_per_week")
    if data.max_travel_minutes is not None and not 0 <= data.max_travel_minutes <= 240:
        raise DomainError(_("Enter a number from 0 to 240."), field="max_travel_minutes")
    profile = profile_of(owner_id)
    if profile is None:
        profile = WorkProfile(owner_id=owner_id)
        db.session.add(profile)
    for field in fields(Profile):
        value = getattr(data, field.name)
        setattr(profile, field.name, value.strip() if isinstance(value, str) else value)
    profile.updated_at = now
    db.session.flush()
    return profile


def profile_missing(profile: WorkProfile | None) -> list[str]:
    if profile is None:
        return list(PROFILE_PARTS)
    return [part for part in PROFILE_PARTS if getattr(profile, part) in (None, "")]
