"""Information meetings: plan, invite (every new Zelfdoener), answer, attendance."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import contains_eager, selectinload

from portal import scope
from portal.authz import Permission, can
from portal.db import db
from portal.domain import DomainError
from portal.mail import queue_mail
from portal.meetings.models import ACCEPTED, DECLINED, Invitation, Meeting
from portal.people import User
from portal.urls import external_url


def upcoming(now: datetime) -> list[Meeting]:
    return list(
        db.session.scalars(
            select(Meeting).where(Meeting.starts_at >= now).order_by(Meeting.starts_at)
        )
    )


def all_meetings() -> list[Meeting]:
    return list(db.session.scalars(select(Meeting).order_by(Meeting.starts_at.desc())))


def plan(
    starts_at: datetime, place: str, online_link: str, capacity: int, now: datetime
) -> Meeting:
    if starts_at <= now:
        raise DomainError(_("Choose a moment in the future."), field="starts_at")
    if not place.strip() and not online_link.strip():
        raise DomainError(_("Give a place or a link for joining online."), field="place")
    if not 1 <= capacity <= 500:
        raise DomainError(_("Enter a number from 1 to 500."), field="capacity")
    meeting = Meeting(
        starts_at=starts_at,
        place=place.strip(),
        online_link=online_link.strip(),
        capacity=capacity,
        created_at=now,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def taken(meeting: Meeting) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Invitation)
            .where(Invitation.meeting_id == meeting.id, Invitation.status != DECLINED)
        )
        or 0
    )


def invite(meeting: Meeting, person_ids: list[int], now: datetime) -> int:
    """Invite people not invited to this meeting yet, as long as there is room."""
    already = set(
        db.session.scalars(select(Invitation.person_id).where(Invitation.meeting_id == meeting.id))
    )
    room = meeting.capacity - taken(meeting)
    added = 0
    for person_id in person_ids:
        if person_id in already or added >= room:
            continue
        db.session.add(Invitation(meeting_id=meeting.id, person_id=person_id, invited_at=now))
        _mail_invitation(meeting, person_id)
        added += 1
    db.session.flush()
    return added


def _mail_invitation(meeting: Meeting, person_id: int) -> None:
    """Tell the person by mail (when they have an address): the moment, the place and where to
    answer; nothing about their file."""
    person = db.session.get(User, person_id)
    if person is None or not person.email:
        return
    queue_mail(
        person.email,
        "meeting_invite",
        person.locale or "nl",
        meeting=meeting,
        user=person,
        link=external_url("coaching_applicant.mine"),
    )


def invite_to_next(person_id: int, now: datetime) -> Invitation | None:
    """A new Zelfdoener is invited to the next meeting that has room (if any)."""
    for meeting in upcoming(now):
        if invite(meeting, [person_id], now):
            return db.session.scalar(
                select(Invitation).where(
                    Invitation.meeting_id == meeting.id, Invitation.person_id == person_id
                )
            )
    return None


def invitations_of(person_id: int) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.person_id == person_id)
            .options(selectinload(Invitation.meeting))
            .order_by(Invitation.id.desc())
        )
    )


def answer(invitation: Invitation, accept: bool, now: datetime) -> None:
    if invitation.meeting.starts_at <= now:
        raise DomainError(_("This meeting has already started."))
    invitation.status = ACCEPTED if accept else DECLINED
    invitation.responded_at = now
    db.session.flush()


def attendance(meeting: Meeting, present: set[int], viewer: User) -> None:
    """Record who was there, for the invitees the viewer may see (the others stay as they are)."""
    for invitation in invitations_at(meeting, viewer):
        invitation.attended = invitation.person_id in present
    db.session.flush()


def _visible(viewer: User) -> ColumnElement[bool]:
    """Every invitee for the team lead; an e-coach only the people in their scope."""
    if can(viewer, Permission.ALL_MEETING_INVITEES):
        return true()
    return scope.visible(viewer, Invitation.person_id)


def invitations_at(meeting: Meeting, viewer: User) -> list[Invitation]:
    """The invitations of this meeting the viewer may see, by name."""
    return list(
        db.session.scalars(
            select(Invitation)
            .join(Invitation.person)
            .options(contains_eager(Invitation.person))
            .where(Invitation.meeting_id == meeting.id, _visible(viewer))
            .order_by(User.name)
        )
    )
