"""The team lead's STIP locations and which volunteers help at each (flush, never commit)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import audit
from portal.acting import Location
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.people import User
from portal.roles import Role
from portal.stip.models import Volunteer


def locations() -> list[Location]:
    return list(db.session.scalars(select(Location).order_by(Location.name)))


def volunteers() -> list[User]:
    """Every volunteer account, by name (the choices for a location)."""
    return list(db.session.scalars(select(User).where(User.role == Role.STIP).order_by(User.name)))


def volunteers_at(location: Location) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Volunteer, Volunteer.user_id == User.id)
            .where(Volunteer.location_id == location.id)
            .order_by(User.name)
        )
    )


def _insert(row, message: str, field: str) -> None:
    """Add and flush in a savepoint: a row another request added just now (a unique key) is
    an error at the field, not a 500."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        raise DomainError(message, field=field) from None


def add_location(actor, name: str, address: str, opening_hours: str) -> Location:
    """A new help point; DomainError at the name when it is taken."""
    ensure(actor, Permission.MANAGE_STIP)
    name = name.strip()
    taken = _("There is already a location with this name.")
    if db.session.scalar(select(Location.id).where(Location.name == name)) is not None:
        raise DomainError(taken, field="name")
    location = Location(name=name, address=address, opening_hours=opening_hours)
    _insert(location, taken, "name")
    audit.record(actor, "stip.location.add", "stip_location", location.id)
    return location


def link_volunteer(actor, location: Location, volunteer_id: int | None) -> User:
    """The volunteer helps at this location from now on (and at no other)."""
    ensure(actor, Permission.MANAGE_STIP)
    user = db.session.get(User, volunteer_id) if volunteer_id is not None else None
    if user is None or user.role != Role.STIP:
        raise DomainError(_("Choose a volunteer."), field="volunteer")
    link = db.session.get(Volunteer, user.id)
    if link is None:
        link = Volunteer(user_id=user.id, location_id=location.id)
        _insert(link, _("Someone else changed this just now. Look again."), "volunteer")
    else:
        link.location_id = location.id
        db.session.flush()
    audit.record(actor, "stip.volunteer.link", "user", user.id, detail=f"location={location.id}")
    return user
