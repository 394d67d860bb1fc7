"""Need to know: which people a staff member may look at. Everyone else is a 404."""
from __future__ import annotations

from sqlalchemy import select

from portal.auth.models import User
from portal.authz import Role
from portal.caseload.models import Assignment
from portal.db import db
from portal.searchperiod.models import Application


def person_for(user, person_id: int) -> User | None:
    """The applicant when `user` may see their file: an e-coach for their current caseload, a
    consultant for applicants of their own team or of no team yet; otherwise None."""
    query = select(User).where(User.id == person_id, User.role == Role.APPLICANT)
    if user.role == Role.ECOACH:
        query = query.where(select(Assignment.id).where(
            Assignment.applicant_id == User.id, Assignment.coach_id == user.id,
            Assignment.ended_at.is_(None)).exists())
    elif user.role == Role.CONSULTANT:
        query = query.where(~select(Application.id).where(
            Application.applicant_id == User.id, Application.team_id.is_not(None),
            Application.team_id != (user.team_id or -1)).exists())
    else:
        return None
    return db.session.scalar(query)
