"""Need to know: which people a staff member may look at. Everyone else is a 404."""

from __future__ import annotations

from sqlalchemy import Select, select

from portal.auth.models import User
from portal.authz import Role
from portal.caseload.models import Assignment
from portal.db import db, utcnow
from portal.searchperiod.models import Application


def _in_scope(user) -> Select | None:
    """Applicants `user` may see: an e-coach their current caseload (and a colleague's while
    standing in), a consultant applicants of their own team or of no team yet; else None."""
    query = select(User).where(User.role == Role.APPLICANT)
    if user.role == Role.ECOACH:
        from portal.coaching.services import coaches_seen_by
        from portal.searchperiod.rules import today

        return query.where(
            select(Assignment.id)
            .where(
                Assignment.applicant_id == User.id,
                Assignment.coach_id.in_(coaches_seen_by(user, today(utcnow()))),
                Assignment.ended_at.is_(None),
            )
            .exists()
        )
    if user.role == Role.CONSULTANT:
        return query.where(
            ~select(Application.id)
            .where(
                Application.applicant_id == User.id,
                Application.team_id.is_not(None),
                Application.team_id != (user.team_id or -1),
            )
            .exists()
        )
    return None


def person_for(user, person_id: int) -> User | None:
    """The applicant when `user` may see their file, otherwise None."""
    query = _in_scope(user)
    return None if query is None else db.session.scalar(query.where(User.id == person_id))


def people_for(user, person_ids: list[int]) -> list[User]:
    """Those of these applicants `user` may see, by name (one query)."""
    query = _in_scope(user)
    if query is None or not person_ids:
        return []
    return list(
        db.session.scalars(query.where(User.id.in_(person_ids)).order_by(User.name, User.id))
    )
