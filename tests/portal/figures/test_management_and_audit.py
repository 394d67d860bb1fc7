"""Management sees counts and nothing personal; the team lead's audit viewer filters, pages,
exports and records every look at it."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.db import db
from portal.roles import Role
from tests.questionnaires.test_golden import SELF_STARTER

PAGES = ["/figures/", "/figures/advice", "/figures/file", "/figures/coaching", "/figures/goals"]
TABLES = [
    "/figures/index/applications.csv",
    "/figures/advice/routes.csv",
    "/figures/file/file_gender.csv",
    "/figures/coaching/caseloads.csv",
    "/figures/coaching/outflow.csv",
]
QUERY = "?year=2024&part=year"


@pytest.fixture
def file_of_people(people):
    made = [people(answers={**SELF_STARTER, "gender": "woman"}) for _ in range(3)]
    made.append(people("zelfdoeners", ended=(date(2024, 5, 1), "regular_job")))
    return made


def test_management_sees_no_person_and_no_staff_name(client, login_as, file_of_people, people):
    login_as(Role.MANAGEMENT)
    names = [p.name for p in file_of_people] + [people.coach.name, people.consultant.name]
    emails = [p.email for p in file_of_people]
    for path in PAGES + TABLES:
        response = client.get(path + QUERY)
        assert response.status_code == 200, path
        body = response.get_data(as_text=True)
        for text in names + emails:
            assert text not in body, (path, text)
    for path in (
        "/figures/audit/",
        "/figures/audit/export.csv",
        f"/caseload/people/{file_of_people[0].id}",
    ):
        assert client.get(path).status_code == 403, path


def test_the_team_lead_sees_coach_names(client, login_as, file_of_people, people):
    login_as(Role.TEAM_LEAD)
    assert people.coach.name in client.get("/figures/coaching" + QUERY).get_data(as_text=True)


def test_the_menu_of_management_has_the_figures(client, login_as):
    login_as(Role.MANAGEMENT)
    response = client.get("/start")
    assert response.headers["Location"].endswith("/management")
    html = client.get("/management").get_data(as_text=True)
    assert 'href="/figures/"' in html and "/figures/audit" not in html


def test_the_audit_log_filters_by_who_and_whose_file(client, login_as, file_of_people, people):
    lead = login_as(Role.TEAM_LEAD)
    person = file_of_people[0]
    html = client.get("/figures/audit/", query_string={"person": person.name}).get_data(
        as_text=True
    )
    assert "application.register" in html and "routing.confirm" in html
    assert file_of_people[1].name not in html
    html = client.get(
        "/figures/audit/", query_string={"actor": people.coach.name, "kind": "changes"}
    ).get_data(as_text=True)
    assert "review.ended" in html and "routing.confirm" not in html
    looks = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "audit.read", AuditEvent.actor_id == lead.id)
    ).all()
    assert len(looks) == 2
    assert person.name not in looks[0].detail  # ids of what was searched, never the names
    assert f"people={person.id}" in looks[0].detail


def test_reads_only_and_dates(client, login_as, file_of_people):
    login_as(Role.TEAM_LEAD)
    client.get("/figures/audit/")
    html = client.get("/figures/audit/", query_string={"kind": "reads"}).get_data(as_text=True)
    assert "audit.read" in html and "application.register" not in html
    html = client.get(
        "/figures/audit/", query_string={"first": "2030-01-01", "last": "2030-01-31"}
    ).get_data(as_text=True)
    assert "Er zijn geen gebeurtenissen die passen." in html
    response = client.get(
        "/figures/audit/", query_string={"first": "2024-02-01", "last": "2024-01-01"}
    )
    html = response.get_data(as_text=True)
    assert "Deze datum ligt vóór de eerste datum." in html
    assert 'value="2024-02-01"' in html


def test_pages_of_the_audit_log(client, login_as, people):
    for _ in range(30):
        people()
    login_as(Role.TEAM_LEAD)
    first = client.get("/figures/audit/").get_data(as_text=True)
    assert "Oudere gebeurtenissen" in first
    link = first.split('href="/figures/audit/?before=')[1].split('"')[0]
    second = client.get(f"/figures/audit/?before={link}").get_data(as_text=True)
    assert second.count("<tr") > 1


def test_the_export_is_csv_and_recorded(client, login_as, file_of_people):
    lead = login_as(Role.TEAM_LEAD)
    response = client.get(
        "/figures/audit/export.csv", query_string={"person": file_of_people[0].name}
    )
    assert response.mimetype == "text/csv"
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True)), delimiter=";"))
    assert lines[0][:3] == ["Wanneer", "Wie", "Rol"]
    assert {line[3] for line in lines[1:]} >= {"application.register", "routing.confirm"}
    assert all(line[6] == file_of_people[0].name for line in lines[1:])
    assert (
        db.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "audit.export"))
        == lead.id
    )
