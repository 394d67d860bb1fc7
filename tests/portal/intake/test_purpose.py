"""Purpose limitation: the Entreevragenlijst's answers and scores are read only by the
applicant and the staff deciding or coaching, for that purpose, and every read is audited."""

import pytest
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.authz import PERMISSIONS, PURPOSES, Permission, Purpose, ensure_purpose
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.intake import services
from portal.roles import Role


def _reads():
    db.session.expire_all()
    return [
        (e.actor_id, e.subject_id, e.detail)
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "questionnaire.view")
        )
    ]


def test_the_authorization_table_limits_the_purposes():
    assert PURPOSES[Permission.READ_INTAKE_RESULTS] == {
        Purpose.OWN,
        Purpose.ROUTING,
        Purpose.COACHING,
    }
    assert PERMISSIONS[Permission.READ_INTAKE_RESULTS] == {
        Role.APPLICANT,
        Role.CONSULTANT,
        Role.ECOACH,
    }


@pytest.mark.parametrize("purpose", [Purpose.ASSESSMENT, Purpose.SANCTION, Purpose.FRAUD])
@pytest.mark.parametrize("role", list(Role))
def test_no_role_reads_intake_results_for_assessment_sanctions_or_fraud(
    purpose, role, make_user, make_response
):
    user = make_user(role)
    response = make_response(make_user(Role.APPLICANT))
    with pytest.raises(PermissionError):
        ensure_purpose(user, Permission.READ_INTAKE_RESULTS, purpose)
    with pytest.raises(PermissionError), unit_of_work():
        services.read(user, response, purpose)
    assert _reads() == []


def test_team_leads_and_volunteers_read_no_intake_results(make_user, make_response):
    response = make_response(make_user(Role.APPLICANT))
    for role in (Role.TEAM_LEAD, Role.STIP):
        with pytest.raises(PermissionError), unit_of_work():
            services.read(make_user(role), response, Purpose.ROUTING)


def test_an_applicant_reads_only_their_own(make_user, make_response):
    response = make_response(make_user(Role.APPLICANT))
    with pytest.raises(PermissionError), unit_of_work():
        services.read(make_user(Role.APPLICANT), response, Purpose.OWN)


def test_every_read_is_audited_with_its_purpose(
    client, make_client, login, make_user, make_response, zelfdoener_with_coach
):
    person, coach = zelfdoener_with_coach
    response = services.submitted_main(person)
    login(person)
    assert client.get("/questions/entreevragenlijst/result").status_code == 200
    desk = make_client()
    consultant = make_user(Role.CONSULTANT)
    login(consultant, target=desk)
    assert desk.get(f"/advice/{response.id}").status_code == 200
    coaching = make_client()
    login(coach, target=coaching)
    assert coaching.get(f"/coach/people/{person.id}").status_code == 200
    assert sorted(_reads(), key=lambda r: r[2]) == [
        (coach.id, response.id, "coaching"),
        (person.id, response.id, "own"),
        (consultant.id, response.id, "routing"),
    ]


@pytest.fixture
def zelfdoener_with_coach(make_user, make_response):
    """A person with a sent questionnaire and an e-coach (the advice is not decided yet, so
    the consultant's decision page opens too)."""
    person = make_user(Role.APPLICANT)
    coach = make_user(Role.ECOACH)
    make_response(person)
    with unit_of_work():
        caseload.assign(person.id, coach.id, None, utcnow())
    return person, coach
