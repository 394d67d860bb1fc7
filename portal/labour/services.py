"""The scan of one person: start it, save its pages, rate competences, match, show the profile
to job hunters (opt-in, audited), add a matching vacancy to the Werkmap log."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import audit
from portal.authz import Permission, ensure_for
from portal.db import db
from portal.domain import DomainError
from portal.labour import rules
from portal.labour.models import (
    Competence,
    CompetenceRating,
    Occupation,
    Scan,
    Vacancy,
    VacancyRequirement,
)
from portal.people import User
from portal.werkmap import cv_services
from portal.werkmap import services as werkmap
from portal.werkmap.models import LogEntry
from portal.werkmap.services import EntryData
from questionnaires.marketscan import CURRENT, ScanDefinition, load_scan


def definition_of(scan: Scan | None) -> ScanDefinition:
    if scan is None:
        return load_scan(*CURRENT)
    return load_scan(scan.definition, scan.definition_version)


def scan_of(owner_id: int) -> Scan | None:
    return db.session.scalar(
        select(Scan).where(Scan.owner_id == owner_id).options(selectinload(Scan.ratings))
    )


def competences() -> list[Competence]:
    """The active list, by group and name."""
    return list(
        db.session.scalars(
            select(Competence)
            .where(Competence.active.is_(True))
            .order_by(Competence.group, Competence.name)
        )
    )


def first_name(person_id: int) -> str:
    """All a rater learns of the person."""
    person = db.session.get(User, person_id)
    return person.first_name if person else ""


def grouped(items: list[Competence]) -> list[tuple[str, list[Competence]]]:
    groups: dict[str, list[Competence]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


def _experience_from_cv(owner_id: int) -> str:
    """The CV's work experience as lines the person can change: 'job, employer (2019-2022)'."""
    cv = cv_services.cv_of(owner_id)
    if cv is None:
        return ""
    lines = []
    for item in cv.section("experience"):
        years = "-".join(str(d.year) for d in (item.started, item.ended) if d)
        where = f", {item.organisation}" if item.organisation else ""
        lines.append(f"{item.title}{where}" + (f" ({years})" if years else ""))
    return "\n".join(lines)


def initial_answers(owner_id: int) -> dict[str, Any]:
    """What a new scan starts with: the experience taken over from the CV."""
    return {"experience": _experience_from_cv(owner_id)}


def start(actor, owner_id: int, now: datetime) -> Scan:
    """The person's scan, made on first use with the experience taken over from the CV."""
    ensure_for(actor, owner_id, Permission.OWN_SCAN, now)
    scan = scan_of(owner_id)
    if scan is not None:
        return scan
    definition = load_scan(*CURRENT)
    scan = Scan(
        owner_id=owner_id,
        definition=definition.id,
        definition_version=definition.version,
        answers=initial_answers(owner_id),
        started_at=now,
        updated_at=now,
    )
    db.session.add(scan)
    db.session.flush()
    return scan


def save_answers(actor, scan: Scan, values: Mapping[str, Any], now: datetime) -> None:
    """Answers of one page (already checked by the engine against the definition)."""
    ensure_for(actor, scan.owner_id, Permission.OWN_SCAN, now)
    known = {q.id for q in definition_of(scan).questions}
    if not set(values) <= known:
        raise DomainError(_("This page does not belong to the scan."))
    scan.answers = {**(scan.answers or {}), **values}
    scan.updated_at = now
    db.session.flush()


def save_ratings(actor, scan: Scan, levels: Mapping[int, int], now: datetime) -> None:
    """The person's own levels: a competence left out has no rating (not known or not yet)."""
    ensure_for(actor, scan.owner_id, Permission.OWN_SCAN, now)
    allowed = {lv.value for lv in definition_of(scan).levels}
    active = {c.id for c in competences()}
    if not set(levels) <= active or not set(levels.values()) <= allowed:
        raise DomainError(_("Choose one of the answers."))
    for rating in [r for r in scan.ratings if r.invitation_id is None]:
        scan.ratings.remove(rating)
    db.session.flush()
    for competence_id, level in sorted(levels.items()):
        scan.ratings.append(CompetenceRating(competence_id=competence_id, level=level))
    scan.updated_at = now
    db.session.flush()


def set_visible(actor, scan: Scan, visible: bool, now: datetime) -> None:
    """Opt in to (or out of) showing the profile to the municipality's job hunters: only the
    person themselves, audited either way."""
    if getattr(actor, "id", None) != scan.owner_id:
        raise PermissionError(Permission.OWN_SCAN.value)
    ensure_for(actor, scan.owner_id, Permission.OWN_SCAN, now)
    if scan.visible == visible:
        return
    scan.visible, scan.visible_since = visible, (now if visible else None)
    db.session.flush()
    audit.record(actor, "scan.visible" if visible else "scan.hidden", "user", scan.owner_id)


def _offer(item: Occupation | Vacancy) -> rules.Offer:
    needs = tuple(rules.Need(c.id, c.name, c.how_to_learn) for c in item.requirements)
    if isinstance(item, Occupation):
        return rules.Offer(item.id, item.name, item.sector, needs, demand=item.demand)
    return rules.Offer(item.id, item.title, item.sector, needs, hours=item.hours_per_week)


def _open(on: date):
    return (Vacancy.closes_on.is_(None)) | (Vacancy.closes_on >= on)


def _vacancy_offers(on: date) -> list[rules.Offer]:
    """Open vacancies as offers, read as plain rows (thousands stay cheap: no ORM objects)."""
    needs: dict[int, list[rules.Need]] = {}
    for vacancy_id, competence_id, name, how_to_learn in db.session.execute(
        select(
            VacancyRequirement.vacancy_id, Competence.id, Competence.name, Competence.how_to_learn
        )
        .join(Competence, Competence.id == VacancyRequirement.competence_id)
        .join(Vacancy, Vacancy.id == VacancyRequirement.vacancy_id)
        .where(_open(on))
        .order_by(Competence.name)
    ):
        needs.setdefault(vacancy_id, []).append(rules.Need(competence_id, name, how_to_learn))
    return [
        rules.Offer(vid, title, sector, tuple(needs.get(vid, ())), hours=hours)
        for vid, title, sector, hours in db.session.execute(
            select(Vacancy.id, Vacancy.title, Vacancy.sector, Vacancy.hours_per_week).where(
                _open(on)
            )
        )
    ]


def matches(scan: Scan, on: date) -> tuple[list[rules.Match], list[rules.Match]]:
    """(occupations, open vacancies) that fit the person's own ratings and wishes, in the
    explained order."""
    definition = definition_of(scan)
    answers = scan.answers or {}
    sectors = answers.get(definition.sectors_question) or []
    hours = answers.get(definition.hours_question)
    levels = scan.own_levels()
    occupations = db.session.scalars(
        select(Occupation).options(selectinload(Occupation.requirements))
    )
    return (
        rules.match(map(_offer, occupations), levels, definition.counts_from, sectors, hours),
        rules.match(_vacancy_offers(on), levels, definition.counts_from, sectors, hours),
    )


def vacancies_by_id(ids: list[int]) -> dict[int, Vacancy]:
    return {v.id: v for v in db.session.scalars(select(Vacancy).where(Vacancy.id.in_(ids)))}


def add_to_log(
    actor, owner_id: int, vacancy: Vacancy, on: date, now: datetime, session_id: int | None
) -> LogEntry:
    """The vacancy as an entry in the Werkmap log (kind 'other': saved, not yet applied for),
    with its closing date to follow up on. The same vacancy twice on one day is refused."""
    ensure_for(actor, owner_id, Permission.OWN_SCAN, now)
    data = EntryData(
        day=on,
        kind="other",
        organisation=vacancy.employer[:200],
        job_title=vacancy.title[:200],
        vacancy=(vacancy.url or vacancy.reference)[:500],
        follow_up_on=vacancy.closes_on if vacancy.closes_on and vacancy.closes_on >= on else None,
        notes=_("Saved from the vacancies that match my scan. I have not applied yet."),
    )
    return werkmap.add(owner_id, actor, data, on, now, assisted_session_id=session_id)
