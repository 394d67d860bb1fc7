"""The team lead's view of the audit log: who read or changed which file, filtered, a page at a
time or as CSV; every look at it is itself in the log."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, false, or_, select

from portal import audit
from portal.audit import AuditEvent
from portal.authz import Permission, ensure
from portal.db import db
from portal.figures import rules
from portal.intake.models import QuestionnaireResponse
from portal.people import User
from portal.roles import Role
from portal.searchperiod.models import Application
from portal.spreadsheets import safe_cell

KINDS = ("all", "reads", "changes")
# Looking without changing anything: opening a file, reading parts of it, exporting it.
READS = (
    "file.open",
    "questionnaire.view",
    "application.view",
    "messages.read",
    "werkmap.export",
    "audit.read",
    "audit.export",
)
READ_PREFIXES = ("werkmap.read.",)
MATCHES = 200  # people a name search may stand for
EXPORT_ROWS = 10_000


@dataclass(frozen=True)
class Filter:
    actor: str = ""  # part of the name or email of who did it
    person: str = ""  # part of the name or email of the person whose file it is
    kind: str = "all"
    first: date | None = None
    last: date | None = None

    def describe(self, actors: list[int], people: list[int]) -> str:
        """For the audit record of a look at the log: ids, never the names typed."""
        parts = [f"kind={self.kind}"]
        if self.actor:
            parts.append(f"actors={','.join(map(str, actors[:10]))}")
        if self.person:
            parts.append(f"people={','.join(map(str, people[:10]))}")
        if self.first:
            parts.append(f"from={self.first.isoformat()}")
        if self.last:
            parts.append(f"to={self.last.isoformat()}")
        return ";".join(parts)[:200]


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    actor: str
    role: str
    subject: str  # the person whose file it is, where the subject belongs to one


def _matching(text: str, applicants_only: bool) -> list[int]:
    if not text:
        return []
    query = select(User.id).where(
        or_(User.name.icontains(text, autoescape=True), User.email.icontains(text, autoescape=True))
    )
    if applicants_only:
        query = query.where(User.role == Role.APPLICANT)
    return list(db.session.scalars(query.order_by(User.id).limit(MATCHES)))


def _is_read() -> ColumnElement[bool]:
    return or_(
        AuditEvent.action.in_(READS),
        *(AuditEvent.action.startswith(prefix, autoescape=True) for prefix in READ_PREFIXES),
    )


def _about(people: list[int]) -> ColumnElement[bool]:
    """Events about these people's files: their account, applications and questionnaires."""
    if not people:
        return false()
    return or_(
        and_(AuditEvent.subject_type == "user", AuditEvent.subject_id.in_(people)),
        and_(
            AuditEvent.subject_type == "application",
            AuditEvent.subject_id.in_(
                select(Application.id).where(Application.applicant_id.in_(people))
            ),
        ),
        and_(
            AuditEvent.subject_type == "questionnaire_response",
            AuditEvent.subject_id.in_(
                select(QuestionnaireResponse.id).where(
                    QuestionnaireResponse.applicant_id.in_(people)
                )
            ),
        ),
    )


def _query(filter_: Filter, actors: list[int], people: list[int]):
    query = select(AuditEvent)
    if filter_.actor:
        query = query.where(AuditEvent.actor_id.in_(actors) if actors else false())
    if filter_.person:
        query = query.where(_about(people))
    if filter_.kind == "reads":
        query = query.where(_is_read())
    elif filter_.kind == "changes":
        query = query.where(~_is_read())
    if filter_.first:
        query = query.where(AuditEvent.at >= rules.day_start(filter_.first))
    if filter_.last:
        query = query.where(AuditEvent.at < rules.day_start(filter_.last + timedelta(days=1)))
    return query


def events(
    viewer, filter_: Filter, before: int | None, limit: int, now, export: bool = False
) -> tuple[list[Row], int | None]:
    """A page of events, newest first (`before`: the id to continue below), and the id to
    continue from; the look itself is recorded (audit.read or audit.export)."""
    ensure(viewer, Permission.READ_AUDIT_LOG)
    actors = _matching(filter_.actor, applicants_only=False)
    people = _matching(filter_.person, applicants_only=True)
    query = _query(filter_, actors, people)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    found = list(db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit + 1)))
    more = found[limit - 1].id if len(found) > limit else None
    rows = _rows(found[:limit])
    action = "audit.export" if export else "audit.read"
    audit.record(viewer, action, "audit_event", None, detail=filter_.describe(actors, people))
    return rows, more


def _rows(found: list[AuditEvent]) -> list[Row]:
    user_ids = {e.actor_id for e in found if e.actor_id} | {
        e.subject_id for e in found if e.subject_type == "user" and e.subject_id
    }
    users = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
        if user_ids
        else {}
    )
    names = _subject_names(found)
    rows = []
    for event in found:
        actor = users.get(event.actor_id) if event.actor_id else None
        subject = ""
        if event.subject_type == "user" and event.subject_id in users:
            subject = users[event.subject_id].name
        elif event.subject_id is not None:
            subject = names.get((event.subject_type, event.subject_id), "")
        rows.append(
            Row(event, actor.name if actor else "", actor.role.value if actor else "", subject)
        )
    return rows


def _subject_names(found: list[AuditEvent]) -> dict[tuple[str, int], str]:
    applications = {e.subject_id for e in found if e.subject_type == "application"}
    responses = {e.subject_id for e in found if e.subject_type == "questionnaire_response"}
    names: dict[tuple[str, int], str] = {}
    if applications:
        for id_, name in db.session.execute(
            select(Application.id, Application.name).where(Application.id.in_(applications))
        ):
            names["application", id_] = name
    if responses:
        for id_, name in db.session.execute(
            select(QuestionnaireResponse.id, User.name)
            .join(User, User.id == QuestionnaireResponse.applicant_id)
            .where(QuestionnaireResponse.id.in_(responses))
        ):
            names["questionnaire_response", id_] = name
    return names


def csv_document(rows: list[Row], head: list[str], when) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(head)
    for row in rows:
        event = row.event
        writer.writerow(
            [
                when(event.at),
                safe_cell(row.actor),
                row.role,
                event.action,
                event.subject_type,
                event.subject_id if event.subject_id is not None else "",
                safe_cell(row.subject),
                safe_cell(event.detail),
            ]
        )
    return out.getvalue()
