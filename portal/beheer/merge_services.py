"""Merging two registrations of the same person into one account.

Every column that refers to a person (a foreign key to `user_account`) has a rule in RULES; a
test enumerates the schema and fails when a new one has none. The merged account is not
deleted: the audit log (append-only) keeps pointing at it, so it stays, deactivated, with
`merged_into_id` set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, delete, func, select, update

from portal import audit, security
from portal.auth import session_services as sessions
from portal.authz import Permission, ensure
from portal.coaching import signal_services as signals
from portal.db import Base, db
from portal.domain import DomainError
from portal.figures import facts_services as facts
from portal.people import User
from portal.roles import Role

MOVE = "move"  # the rows go to the kept account
DROP = "drop"  # access of the old account (sign-in links, sessions, factors): removed
ONE = "one"  # one per person: moved when the kept account has none, else the merge is refused
FIRST = "first"  # one per person, a setting: the kept account's stays, the other is removed
CV = "cv"  # the CV: moved, or its lines added to the kept CV
INVITES = "invites"  # meeting invitations: moved, except for meetings both were invited to
STAYS = "stays"  # the audit log: append-only, keeps the old account's id
DERIVED = "derived"  # computed from the other rows: removed, and computed anew for the kept one
# The figures' facts of both accounts: written anew after the merge (figures.facts_services),
# so that the day's file counts move with them.
REFRESHED = "refreshed"

RULES: dict[str, str] = {
    "user_account.invited_by_id": MOVE,
    "user_account.merged_into_id": MOVE,
    "account_token.user_id": DROP,
    "audit_event.actor_id": STAYS,
    "caseload_assignment.applicant_id": ONE,
    "caseload_assignment.coach_id": MOVE,
    "caseload_assignment.assigned_by_id": MOVE,
    "catalogue_referral.person_id": MOVE,
    "catalogue_referral.by_id": MOVE,
    "citizen_identity.user_id": ONE,
    "coaching_review.person_id": MOVE,
    "coaching_review.by_id": MOVE,
    "info_invitation.person_id": INVITES,
    "kept_form.user_id": DROP,
    "login_session.user_id": DROP,
    "message_notice.user_id": FIRST,
    "mfa_passkey.user_id": DROP,
    "mfa_recovery_code.user_id": DROP,
    "mfa_totp.user_id": DROP,
    "questionnaire_response.applicant_id": MOVE,
    "staff_note.person_id": MOVE,
    "staff_note.author_id": MOVE,
    "stand_in.coach_id": MOVE,
    "stand_in.for_coach_id": MOVE,
    "stand_in.requested_by_id": MOVE,
    "stand_in.decided_by_id": MOVE,
    "stip_session.person_id": MOVE,
    "stip_session.volunteer_id": MOVE,
    "stip_volunteer.user_id": ONE,
    "stored_file.owner_id": MOVE,
    "werkmap_norm.owner_id": FIRST,
    "werkmap_norm.set_by_id": MOVE,
    "werkmap_profile.owner_id": ONE,
    "application.applicant_id": MOVE,
    "application.registered_by_id": MOVE,
    "coaching_handover.person_id": MOVE,
    "coaching_signal.person_id": DERIVED,
    "figures_person.person_id": REFRESHED,
    "figures_goal.created_by_id": MOVE,
    "correction_request.person_id": MOVE,
    "mandate.person_id": MOVE,
    "mandate.representative_id": MOVE,
    "plan.person_id": ONE,
    "plan.agreed_by_id": MOVE,
    "plan_goal.created_by_id": MOVE,
    "plan_action.created_by_id": MOVE,
    "plan_proposal.by_id": MOVE,
    "plan_proposal.decided_by_id": MOVE,
    "plan_comment.author_id": MOVE,
    "plan_change.actor_id": MOVE,
    "mandate.registered_by_id": MOVE,
    "mandate.ended_by_id": MOVE,
    "outbox_message.about_id": MOVE,
    "routing_objection.made_by_id": MOVE,
    "routing_objection.answered_by_id": MOVE,
    "correction_request.answered_by_id": MOVE,
    "coaching_handover.from_coach_id": MOVE,
    "message.person_id": MOVE,
    "message.author_id": MOVE,
    "routing_decision.decided_by_id": MOVE,
    "werkmap_cv.owner_id": CV,
    "werkmap_entry.owner_id": MOVE,
    "werkmap_entry.created_by_id": MOVE,
    "assessment.assessed_by_id": MOVE,
    "conversation_invite.invited_by_id": MOVE,
    "service_line.applicant_id": ONE,
    "werkmap_status_change.by_id": MOVE,
    "questionnaire_definition.uploaded_by_id": MOVE,
    "questionnaire_publication.published_by_id": MOVE,
    "text_override.updated_by_id": MOVE,
    "policy_change.changed_by_id": MOVE,
    "labour_scan.owner_id": ONE,
}


# What the preview calls the rows (other columns are shown by their table's name).
LABELS = {
    "application.applicant_id": _l("Applications"),
    "questionnaire_response.applicant_id": _l("Answers to questionnaires"),
    "werkmap_entry.owner_id": _l("Job-search log entries"),
    "werkmap_cv.owner_id": _l("CV"),
    "werkmap_profile.owner_id": _l("Work profile"),
    "message.person_id": _l("Messages"),
    "message.author_id": _l("Messages written by the person"),
    "staff_note.person_id": _l("Staff notes"),
    "stored_file.owner_id": _l("Files"),
    "stip_session.person_id": _l("Help at a help point"),
    "info_invitation.person_id": _l("Invitations to information meetings"),
    "caseload_assignment.applicant_id": _l("E-coach"),
    "service_line.applicant_id": _l("Service line"),
    "catalogue_referral.person_id": _l("Referrals to services"),
    "coaching_review.person_id": _l("Reviews"),
    "labour_scan.owner_id": _l("Labour-market value scan"),
}


def label(name: str) -> str:
    return str(LABELS[name]) if name in LABELS else name


def person_columns() -> list[tuple[Table, str]]:
    """Every (table, column) in the schema that refers to an account."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "user_account" for fk in column.foreign_keys):
                found.append((table, column.name))
    return found


@dataclass
class Preview:
    keep: User
    drop: User
    rows: dict[str, int] = field(default_factory=dict)  # "table.column" → rows to move
    conflicts: list[str] = field(default_factory=list)  # why the merge cannot be done
    notes: list[str] = field(default_factory=list)  # what else happens

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _count(table: Table, column: str, person_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == person_id)
        )
        or 0
    )


def preview(keep: User, drop: User) -> Preview:
    """What a merge of `drop` into `keep` would do, and what keeps it from being done."""
    if keep.id == drop.id:
        raise DomainError(_("Choose two different registrations."), field="other")
    if keep.role is not Role.APPLICANT or drop.role is not Role.APPLICANT:
        raise DomainError(_("Only applicants' registrations can be merged."), field="other")
    if drop.merged_into_id is not None or keep.merged_into_id is not None:
        raise DomainError(_("This registration was already merged."), field="other")
    result = Preview(keep, drop)
    for table, column in person_columns():
        name = f"{table.name}.{column}"
        rule = RULES[name]
        count = _count(table, column, drop.id)
        if not count or rule in (STAYS, DROP, DERIVED, REFRESHED):
            continue
        if rule == ONE and _count(table, column, keep.id):
            result.conflicts.append(_conflict(table.name))
        result.rows[name] = count
    if _open_applications(keep.id) and _open_applications(drop.id):
        result.notes.append(
            _(
                "Both registrations have an open application. After merging, end the one that is not needed."
            )
        )
    if keep.email is None and drop.email is not None:
        result.notes.append(
            _("The kept account gets the email address %(email)s.", email=drop.email)
        )
    if not keep.is_activated and drop.is_activated:
        result.notes.append(_("The kept account gets the password of the other registration."))
    if drop.client_number is not None:
        result.notes.append(
            _(
                "The kept account gets the client number %(number)s.",
                number=drop.client_number_shown,
            )
            if keep.client_number is None
            else _(
                "The client number %(number)s of the other registration also signs in to the kept account.",
                number=drop.client_number_shown,
            )
        )
    return result


CONFLICTS = {
    "citizen_identity": _l(
        "Both registrations are linked to DigiD. They are two different people: do not merge them."
    ),
    "service_line": _l(
        "Both registrations have a confirmed service line. A consultant first decides which one "
        "is right."
    ),
    "caseload_assignment": _l(
        "Both registrations have an e-coach. The team lead first ends one of the assignments."
    ),
    "werkmap_profile": _l(
        "Both registrations have a work profile. Ask the person which one to keep, and empty "
        "the other."
    ),
    "stip_volunteer": _l("Both accounts are STIP volunteers."),
    "labour_scan": _l(
        "Both registrations have a labour-market value scan. Two scans cannot be combined, so "
        "these registrations cannot be merged now."
    ),
    "plan": _l(
        "Both registrations have a personal plan. Ask the person which one to keep, and remove "
        "the goals of the other."
    ),
}


def _conflict(table: str) -> str:
    if table in CONFLICTS:
        return str(CONFLICTS[table])
    return _("Both registrations have data that exists only once per person.")


def _open_applications(person_id: int) -> int:
    table = Base.metadata.tables["application"]
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(table)
            .where(table.c.applicant_id == person_id, table.c.status == "open")
        )
        or 0
    )


def merge(actor, keep: User, drop: User, reason: str, now: datetime) -> Preview:
    """Move every row of `drop` to `keep`, deactivate `drop` and audit it, with the reason."""
    ensure(actor, Permission.MANAGE_PEOPLE)
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise DomainError(
            _("Write why these are the same person (at least 10 characters)."), field="reason"
        )
    done = preview(keep, drop)
    if done.conflicts:
        raise DomainError(done.conflicts[0], field="other")
    sessions.end_all(drop.id, "merged", now)
    for table, column in person_columns():
        _apply(RULES[f"{table.name}.{column}"], table, column, keep.id, drop.id)
    if keep.email is None and drop.email is not None:
        keep_email, drop.email = drop.email, None
        db.session.flush()
        keep.email = keep_email
    if keep.client_number is None and drop.client_number is not None:
        # Moved like the email address; when both have one, the other's number signs in to
        # `keep` through `merged_into_id` (auth.services.find_by_client_number).
        keep_number, drop.client_number = drop.client_number, None
        db.session.flush()
        keep.client_number = keep_number
    if not keep.is_activated and drop.is_activated:
        keep.password_hash, keep.activated_at = drop.password_hash, drop.activated_at
    drop.password_hash = None
    drop.active = False
    drop.merged_into_id = keep.id
    drop.session_version += 1
    db.session.flush()
    signals.mark(db.session, [keep.id])  # the caseload's signals, from the moved rows
    facts.refresh(drop.id, now)
    facts.refresh(keep.id, now)
    audit.record(actor, "person.merge", "user", keep.id, detail=f"from user {drop.id}: {reason}")
    audit.record(actor, "person.merged_into", "user", drop.id, detail=f"into user {keep.id}")
    security.event("account.merged", actor=actor.id, detail=f"user={drop.id} into={keep.id}")
    return done


def _apply(rule: str, table: Table, column: str, keep_id: int, drop_id: int) -> None:
    col = table.c[column]
    if rule in (STAYS, REFRESHED):
        return
    if rule in (DROP, DERIVED):
        db.session.execute(delete(table).where(col == drop_id))
    elif rule in (ONE, FIRST) and _count(table, column, keep_id):
        db.session.execute(delete(table).where(col == drop_id))  # FIRST only: ONE was refused
    elif rule == CV and _count(table, column, keep_id):
        items = Base.metadata.tables["werkmap_cv_item"]
        kept = db.session.scalar(select(table.c.id).where(col == keep_id))
        old = db.session.scalar(select(table.c.id).where(col == drop_id))
        db.session.execute(update(items).where(items.c.cv_id == old).values(cv_id=kept))
        db.session.execute(delete(table).where(table.c.id == old))
    elif rule == INVITES:
        both = select(table.c.meeting_id).where(col == keep_id)
        db.session.execute(delete(table).where(col == drop_id, table.c.meeting_id.in_(both)))
        db.session.execute(update(table).where(col == drop_id).values({column: keep_id}))
    else:
        db.session.execute(update(table).where(col == drop_id).values({column: keep_id}))
    db.session.flush()
