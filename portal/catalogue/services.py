"""Managing the catalogue; referring people and recording the result."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import audit
from portal.authz import Permission, ensure
from portal.catalogue.models import KINDS, RESULTS, Referral, Service
from portal.db import db
from portal.domain import DomainError


def services(active_only: bool = False) -> list[Service]:
    query = select(Service).order_by(Service.name)
    if active_only:
        query = query.where(Service.active.is_(True))
    return list(db.session.scalars(query))


def save(
    service: Service | None,
    name: str,
    kind: str,
    description: str,
    target_group: str,
    provider: str,
    active: bool,
) -> Service:
    name = name.strip()
    if kind not in KINDS:
        raise DomainError(_("Choose from the list."), field="kind")
    clash = db.session.scalar(select(Service.id).where(Service.name == name))
    if clash is not None and (service is None or clash != service.id):
        raise DomainError(_("There is already a service with this name."), field="name")
    if service is None:
        service = Service(name=name, kind=kind)
        db.session.add(service)
    service.name, service.kind, service.description = name, kind, description.strip()
    service.target_group, service.provider, service.active = (
        target_group.strip(),
        provider.strip(),
        active,
    )
    db.session.flush()
    return service


def referrals_of(person_id: int) -> list[Referral]:
    return list(
        db.session.scalars(
            select(Referral)
            .where(Referral.person_id == person_id)
            .options(selectinload(Referral.service))
            .order_by(Referral.referred_on.desc(), Referral.id.desc())
        )
    )


def refer(person_id: int, service_id: int | None, by, on: date, now: datetime) -> Referral:
    """The coach refers the person to a service of the catalogue."""
    ensure(by, Permission.OWN_CASELOAD)
    service = db.session.get(Service, service_id) if service_id else None
    if service is None or not service.active:
        raise DomainError(_("Choose a service from the catalogue."), field="service")
    referral = Referral(
        person_id=person_id, service_id=service.id, by_id=by.id, referred_on=on, created_at=now
    )
    db.session.add(referral)
    db.session.flush()
    audit.record(by, "referral.add", "user", person_id, detail=f"service={service.id}")
    return referral


def record_result(actor, referral: Referral, result: str, on: date) -> None:
    """How the referral turned out, recorded by the coach."""
    ensure(actor, Permission.OWN_CASELOAD)
    if result not in RESULTS:
        raise DomainError(_("Choose a result."), field="result")
    referral.result, referral.result_on = result, on
    db.session.flush()
    audit.record(actor, "referral.result", "user", referral.person_id, detail=result)
