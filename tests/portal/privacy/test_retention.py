"""Retention deletes exactly the expired rows and files, and nothing more when run again;
erasure on request leaves nothing of the person but what the schedule keeps."""

from datetime import timedelta

from sqlalchemy import func, select

from portal import audit, files
from portal.audit import AuditEvent
from portal.coaching.models import Signal
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.intake import services as intake
from portal.intake.models import QuestionnaireResponse
from portal.people import User
from portal.privacy import export_services, retention_services, rules
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.portal.privacy.people import fill

DAY = timedelta(days=1)


def _tables(person: User) -> dict[str, int]:
    found = export_services.collect(db.session.get(User, person.id))
    return {name: len(ids) for name, ids in found.ids.items() if ids}


def _run(now):
    with unit_of_work():
        return retention_services.run(now)


def test_retention_deletes_exactly_what_expired_and_is_idempotent(app, make_user):
    now = utcnow()
    closed, open_, helper = (
        make_user(Role.APPLICANT),
        make_user(Role.APPLICANT),
        make_user(Role.STIP),
    )
    made = fill(closed, helper, ended=now - 100 * DAY)  # closed 100 days ago, no benefit
    fill(open_, helper)  # an open application: nothing on the file clock expires
    proof = db.session.get(StoredFile, made["file"])
    proof_path = files.path_of(proof)
    signal_at = db.session.get(Signal, closed.id).refreshed_at  # the caseload's row

    removed = _run(now)
    # Questionnaire answers of people without a benefit: 90 days. The rest stays.
    assert removed.rows["questionnaire_response"] == 1
    assert db.session.get(QuestionnaireResponse, made["response"]) is None
    assert db.session.scalar(select(func.count()).select_from(QuestionnaireResponse)) == 1
    assert proof_path.exists() and db.session.get(StoredFile, made["file"]) is not None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.retention"))
    audit_rows = db.session.scalar(select(func.count()).select_from(AuditEvent))

    again = _run(now)  # nothing left to do, nothing written
    assert again.summary() == ""
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audit_rows

    later = now + 300 * DAY  # closed 400 days: the Werkmap with its file (365 days) goes
    removed = _run(later)
    assert removed.rows["werkmap_entry"] == 1 and removed.rows["stored_file"] == 1
    db.session.expire_all()
    assert not proof_path.exists()
    assert db.session.scalar(select(LogEntry).where(LogEntry.owner_id == closed.id)) is None
    account = db.session.get(User, closed.id)
    assert account.name == retention_services.ANONYMOUS and account.email is None
    left = _tables(closed)  # coaching and messages: 2 years; help sessions: a year each
    assert {"staff_note", "message", "stip_session", "coaching_signal"} <= set(left)
    assert db.session.get(Signal, closed.id).refreshed_at > signal_at  # from what is left
    assert "application" not in left and "werkmap_cv" not in left
    assert _run(later).summary() == ""

    latest = now + 800 * DAY  # everything but the audit log (5 years) and the account number
    _run(latest)
    assert set(_tables(closed)) <= {"user_account", "audit_event"}
    open_left = _tables(open_)  # an open file keeps its file-clock records
    assert open_left["werkmap_entry"] == 1 and open_left["questionnaire_response"] == 1
    assert "stip_session" not in open_left  # help sessions go by their own date
    assert _run(latest).summary() == ""
    assert audit.verify().intact


def test_the_audit_log_is_pruned_from_its_start_and_still_verifies(app, make_user):
    now = utcnow()
    person = make_user(Role.APPLICANT)
    with unit_of_work():
        audit.record(None, "test.old", "user", person.id)
    days = rules.BY_ID["audit_log"].default_days
    removed = _run(now + (days + 1) * DAY)
    assert removed.rows["audit_event"] >= 1
    checked = audit.verify()
    assert checked.intact, checked.reason
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "test.old")) is None


def test_erasure_leaves_only_what_the_schedule_keeps(app, make_user, make_response):
    lead, helper = make_user(Role.TEAM_LEAD), make_user(Role.STIP)
    person = make_user(Role.APPLICANT)
    made = fill(person, helper)
    path = files.path_of(db.session.get(StoredFile, made["file"]))
    with unit_of_work():
        removed = retention_services.erase(lead, db.session.get(User, person.id), "asked", utcnow())
    assert not path.exists()
    kept_tables = {
        table
        for category in rules.SCHEDULE
        if not rules.erasable(category, got_benefit=False)
        for table in category.tables
    }
    left = _tables(person)
    assert set(left) - {"user_account", "form_key", "outbox_message"} <= kept_tables
    assert "questionnaire_response" not in left and "stored_file" not in left
    assert "coaching_signal" not in left and db.session.get(Signal, person.id) is None
    account = db.session.get(User, person.id)
    assert account.name == retention_services.ANONYMOUS and account.email is None
    assert removed.kept == {"search_period", "correction_requests", "audit_log"}
    erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.erase"))
    assert "asked" in erased.detail


def test_erasure_keeps_the_benefit_file_of_someone_with_a_benefit(app, make_user):
    lead, helper, consultant = (
        make_user(Role.TEAM_LEAD),
        make_user(Role.STIP),
        make_user(Role.CONSULTANT),
    )
    person = make_user(Role.APPLICANT, name="Bep Bijstand")
    made = fill(person, helper)
    with unit_of_work():
        response = db.session.get(QuestionnaireResponse, made["response"])
        intake.decide(consultant, response, response.advised_outcome, "", utcnow())
    with unit_of_work():
        removed = retention_services.erase(lead, db.session.get(User, person.id), "asked", utcnow())
    assert "benefit_file" in removed.kept
    left = _tables(person)
    assert left["questionnaire_response"] == 1 and left["routing_decision"] == 1
    assert "werkmap_entry" not in left and "message" not in left
    assert db.session.get(User, person.id).name == "Bep Bijstand"  # the file needs the name
