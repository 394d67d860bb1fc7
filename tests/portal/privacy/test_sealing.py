"""Health, addiction and debt answers and uploaded files are sealed at rest: the database and
the upload folder alone reveal none of them; another key cannot read them; a key rotates."""

import base64

import pytest
from sqlalchemy import select, text

from portal import files, sealing
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.intake.models import QuestionnaireResponse
from portal.privacy import key_services
from portal.roles import Role
from portal.sealing import UnreadableError
from tests.portal.privacy.people import PDF, SENSITIVE, fill

OTHER_KEY = base64.b64encode(b"k" * 32).decode()


def _raw_row(response_id: int) -> str:
    row = db.session.execute(
        text("SELECT * FROM questionnaire_response WHERE id = :id"), {"id": response_id}
    ).one()
    return " ".join(str(value) for value in row)


def test_sensitive_answers_and_files_are_unreadable_in_the_database(app, make_user):
    person, staff = make_user(Role.APPLICANT), make_user(Role.STIP)
    made = fill(person, staff)
    raw = _raw_row(made["response"])
    for word in ("health_general", "addiction", "debts", "poor", "yes_no_help", "yes_help"):
        assert word not in raw
    db.session.expire_all()
    response = db.session.get(QuestionnaireResponse, made["response"])
    assert response.answers["debts"] == SENSITIVE["debts"]  # the portal reads them
    stored = db.session.get(StoredFile, made["file"])
    on_disk = files.path_of(stored).read_bytes()
    assert PDF not in on_disk and b"geheim" not in on_disk
    assert files.read(stored) == PDF


def test_another_key_cannot_read_them_and_a_key_rotates(app, make_app, make_user):
    person, staff = make_user(Role.APPLICANT), make_user(Role.STIP)
    made = fill(person, staff)
    old_key_app = app
    stranger = make_app(
        PORTAL_DATA_KEY=OTHER_KEY, PORTAL_UPLOAD_DIR=app.config["PORTAL_UPLOAD_DIR"]
    )
    with stranger.app_context():
        with pytest.raises(UnreadableError):
            db.session.scalar(select(QuestionnaireResponse.answers))
        stored = db.session.get(StoredFile, made["file"])
        with pytest.raises(UnreadableError):
            files.read(stored)
    # The new key with the old one retired: readable, and rotate-key re-seals everything.
    old = old_key_app.config.get("PORTAL_DATA_KEY") or ""
    assert old == ""  # the tests' key is derived from SECRET_KEY; retire it by value
    with old_key_app.app_context():
        derived = base64.b64encode(sealing.keys()[1][sealing.keys()[0]]).decode()
    rotating = make_app(
        PORTAL_DATA_KEY=OTHER_KEY,
        PORTAL_DATA_KEYS_RETIRED=derived,
        PORTAL_UPLOAD_DIR=app.config["PORTAL_UPLOAD_DIR"],
    )
    with rotating.app_context():
        assert db.session.scalar(select(QuestionnaireResponse.answers))["debts"] == "yes_no_help"
        with unit_of_work():
            done = key_services.rotate()
        assert done["questionnaire_response.answers"] == 1 and done["stored_file"] == 1
        with unit_of_work():
            assert sum(key_services.rotate().values()) == 0  # nothing left to do
    with stranger.app_context():  # only the new key now
        assert db.session.scalar(select(QuestionnaireResponse.answers))["debts"] == "yes_no_help"
        assert files.read(db.session.get(StoredFile, made["file"])) == PDF
    with old_key_app.app_context():
        db.session.expire_all()
        with pytest.raises(UnreadableError):
            db.session.scalar(select(QuestionnaireResponse.answers))


def test_a_value_kept_before_sealing_is_read_and_sealed_by_rotation(app, make_user):
    person = make_user(Role.APPLICANT)
    with unit_of_work():
        response = QuestionnaireResponse(
            applicant_id=person.id,
            questionnaire_id="entreevragenlijst",
            version=2,
            scheme="drie_lijnen",
            started_at=utcnow(),
            updated_at=utcnow(),
        )
        db.session.add(response)
    db.session.execute(
        text("UPDATE questionnaire_response SET answers = :plain WHERE id = :id"),
        {"plain": '{"debts": "yes_no_help"}', "id": response.id},
    )
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(QuestionnaireResponse, response.id).answers == {"debts": "yes_no_help"}
    with unit_of_work():
        key_services.rotate()
    assert "yes_no_help" not in _raw_row(response.id)
