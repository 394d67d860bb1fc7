"""Need to know: which people a staff member may look at. Everyone else is a 404."""
from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import User
from portal.authz import Role
from portal.caseload.models import Assignment
from portal.db import db, utcnow
from portal.searchperiod.models import Application


def person_for(user, person_id: int) -> User | None:
    """The applicant when `user` may see their file: an e-coach for their current caseload (and
    a colleague's while standing in), a consultant for applicants of their own team or of no
    team yet; otherwise None."""
    query = select(User).where(User.id == person_id, User.role == Role.APPLICANT)
    if user.role == Role.ECOACH:
        from portal.coaching.services import coaches_seen_by
        from portal.searchperiod.rules import today
        query = query.where(select(Assignment.id).where(
            Assignment.applicant_id == User.id,
            Assignment.coach_id.in_(coaches_seen_by(user, today(utcnow()))),
            Assignment.ended_at.is_(None)).exists())
    elif user.role == Role.CONSULTANT:
        query = query.where(~select(Application.id).where(
            Application.applicant_id == User.id, Application.team_id.is_not(None),
            Application.team_id != (user.team_id or -1)).exists())
    else:
        return None
    return db.session.scalar(query)
