"""A person with something in (nearly) every kind of record, for the privacy tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from portal import files
from portal.acting import AssistedAction, AssistedSession, Location
from portal.caseload.models import Assignment
from portal.coaching.models import StaffNote
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.messages.models import Message
from portal.people import User
from portal.privacy.models import CorrectionRequest
from portal.searchperiod.models import ENDED, OPEN, Application
from portal.werkmap.cv_models import Cv, CvItem
from portal.werkmap.models import LogEntry
from tests.questionnaires.test_golden import SELF_STARTER

PDF = b"%PDF-1.4 geheim bewijs"
SENSITIVE = {
    **SELF_STARTER,
    "health_general": "poor",
    "addiction": "yes_help",
    "debts": "yes_no_help",
}


def application(person: User, ended: datetime | None = None) -> Application:
    app = Application(
        applicant_id=person.id,
        name=person.name,
        born_on=date(1990, 3, 15),
        applied_on=date(2026, 1, 5),
        under_27=False,
        period_start=date(2026, 1, 5),
        period_last_day=date(2026, 2, 1),
        channel="self",
        person_key=f"{person.id}-1990",
        status=ENDED if ended else OPEN,
        end_reason="found_work" if ended else None,
        ended_at=ended,
    )
    db.session.add(app)
    db.session.flush()
    return app


def fill(person: User, staff: User, ended: datetime | None = None, answers=None) -> dict:
    """Rows about `person` in most tables; `staff` wrote the note. Returns their ids."""
    now = utcnow()
    with unit_of_work():
        app = application(person, ended)
        response = intake.start(person, "entreevragenlijst", "drie_lijnen", now)
        response.answers = dict(answers or SENSITIVE)
        intake.submit(response, now)
        proof = files.store(person.id, "bewijs.pdf", PDF, (files.PDF,), now)
        entry = LogEntry(
            owner_id=person.id,
            day=date(2026, 1, 10),
            kind="application",
            organisation="Bakkerij",
            proof_file_id=proof.id,
        )
        cv = Cv(owner_id=person.id, full_name=person.name)
        cv.items.append(CvItem(section="skill", title="Heftruck"))
        location = db.session.query(Location).first() or Location(name="STIP Centrum")
        db.session.add_all([entry, cv, location])
        db.session.flush()
        session = AssistedSession(
            person_id=person.id,
            volunteer_id=staff.id,
            location_id=location.id,
            started_at=now,
            consented_at=now,
            expires_at=now + timedelta(hours=2),
        )
        db.session.add(session)
        db.session.flush()
        db.session.add_all(
            [
                AssistedAction(session_id=session.id, kind="cv", at=now),
                Message(
                    person_id=person.id, author_id=person.id, from_person=True, body="Hallo", at=now
                ),
                StaffNote(person_id=person.id, author_id=staff.id, text="Notitie", at=now),
                Assignment(applicant_id=person.id, coach_id=staff.id, started_at=now),
                CorrectionRequest(person_id=person.id, what="Mijn adres", should_be="Laan 1"),
            ]
        )
    return {"application": app.id, "response": response.id, "file": proof.id}
