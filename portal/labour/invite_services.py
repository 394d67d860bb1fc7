"""The 360° part: the person invites someone (a coach, a former employer, a volunteer
coordinator) to rate the same competences, by a one-time link without an account.

The link's token is 32 random bytes; only its SHA-256 is stored. It opens the ratings form
only, works until it is sent once, and expires (PORTAL_SCAN_INVITE_DAYS). The rater sees the
competence list and the person's first name, nothing else. Their ratings are kept apart from
the person's own and shown beside them."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from portal import audit
from portal.authz import Permission, ensure
from portal.db import db
from portal.domain import DomainError
from portal.labour.models import CompetenceRating, RaterInvitation, Scan
from portal.labour.services import competences, definition_of

MAX_OPEN = 10  # open invitations per person at one time


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    actor, scan: Scan, relation: str, rater_name: str, now: datetime, days: int
) -> tuple[RaterInvitation, str]:
    """A new invitation and its token (shown once, never stored)."""
    ensure(actor, Permission.OWN_SCAN)
    if actor.id != scan.owner_id:
        raise PermissionError(Permission.OWN_SCAN.value)
    if definition_of(scan).relation(relation) is None:
        raise DomainError(_("Choose who you want to ask."), field="relation")
    name = " ".join(rater_name.split())
    if not name:
        raise DomainError(_("Fill in a name, so that you know whom you asked."), field="name")
    open_now = db.session.scalar(
        select(func.count())
        .select_from(RaterInvitation)
        .where(
            RaterInvitation.scan_id == scan.id,
            RaterInvitation.submitted_at.is_(None),
            RaterInvitation.withdrawn_at.is_(None),
            RaterInvitation.expires_at > now,
        )
    )
    if (open_now or 0) >= MAX_OPEN:
        raise DomainError(
            _("You have %(count)s open invitations. Withdraw one first.", count=MAX_OPEN),
            field="name",
        )
    token = secrets.token_urlsafe(32)
    invitation = RaterInvitation(
        scan_id=scan.id,
        relation=relation,
        rater_name=name[:100],
        token_hash=digest(token),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(actor, "scan.invite", "user", scan.owner_id, detail=f"invitation {invitation.id}")
    return invitation, token


def withdraw(actor, invitation: RaterInvitation, now: datetime) -> None:
    ensure(actor, Permission.OWN_SCAN)
    if actor.id != invitation.scan.owner_id:
        raise PermissionError(Permission.OWN_SCAN.value)
    if invitation.submitted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = now
        db.session.flush()


def find(token: str, now: datetime) -> RaterInvitation | None:
    """The invitation this token opens: not sent yet, not withdrawn, not expired."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        select(RaterInvitation).where(
            RaterInvitation.token_hash == digest(token),
            RaterInvitation.submitted_at.is_(None),
            RaterInvitation.withdrawn_at.is_(None),
            RaterInvitation.expires_at > now,
        )
    )


def submit(invitation: RaterInvitation, levels: Mapping[int, int], now: datetime) -> None:
    """The rater's levels; the link stops working. Sent twice at once, one of them wins."""
    allowed = {lv.value for lv in definition_of(invitation.scan).levels}
    active = {c.id for c in competences()}
    if not set(levels) <= active or not set(levels.values()) <= allowed:
        raise DomainError(_("Choose one of the answers."))
    if not levels:
        raise DomainError(_("Rate at least one thing."))
    claimed = db.session.execute(
        update(RaterInvitation)
        .where(RaterInvitation.id == invitation.id, RaterInvitation.submitted_at.is_(None))
        .values(submitted_at=now)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise DomainError(_("This link was already used."))
    for competence_id, level in sorted(levels.items()):
        db.session.add(
            CompetenceRating(
                scan_id=invitation.scan_id,
                invitation_id=invitation.id,
                competence_id=competence_id,
                level=level,
            )
        )
    db.session.flush()
    audit.record(
        None, "scan.rated", "user", invitation.scan.owner_id, detail=f"invitation {invitation.id}"
    )


def side_by_side(scan: Scan) -> tuple[list[RaterInvitation], dict[int, dict[int | None, int]]]:
    """The invitations that were answered, and per competence: {invitation id or None for
    the person: level}. Never averaged or merged."""
    answered = [i for i in scan.invitations if i.submitted_at is not None]
    table: dict[int, dict[int | None, int]] = {}
    for rating in scan.ratings:
        table.setdefault(rating.competence_id, {})[rating.invitation_id] = rating.level
    return answered, table
