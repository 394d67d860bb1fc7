"""The download of everything holds every table that refers to the person. The schema is
enumerated: a new table that refers to a person (by a foreign key, directly or through another
table) and is not in the retention schedule fails here."""

import io
import json
import zipfile

from portal.db import Base, db
from portal.privacy import export_services, rules
from portal.roles import Role
from tests.portal.privacy.people import PDF, fill


def _refers_to_people() -> set[str]:
    reached = {"user_account"}
    while True:
        more = {
            name
            for name, table in Base.metadata.tables.items()
            if name not in reached
            and any(fk.column.table.name in reached for fk in table.foreign_keys)
        }
        if not more:
            return reached
        reached |= more


def test_every_table_is_in_the_schedule_or_holds_nothing_about_people(app):
    scheduled = {table for category in rules.SCHEDULE for table in category.tables}
    tables = set(Base.metadata.tables)
    assert tables - scheduled - set(rules.NOT_ABOUT_PEOPLE) == set(), "add it to rules.SCHEDULE"
    assert scheduled - tables == set(), "a scheduled table that does not exist"
    assert scheduled & set(rules.NOT_ABOUT_PEOPLE) == set()
    # Each table that refers to a person is reached by the download's walk, or queried.
    assert _refers_to_people() <= export_services.reachable_tables()
    assert scheduled <= export_services.reachable_tables()
    for name in rules.NOT_ABOUT_PEOPLE:
        assert name not in _refers_to_people(), f"{name} refers to people: schedule it"


def test_the_download_holds_every_table_with_rows_about_the_person(app, client, make_user, login):
    person, staff = make_user(Role.APPLICANT), make_user(Role.STIP)
    fill(person, staff)
    consultant = make_user(Role.CONSULTANT, name="Karin Consulent")
    login(consultant)
    assert client.get(f"/people/{person.id}/werkmap/").status_code == 200
    client.post("/logout", data={"csrf_token": client.csrf_token()})
    login(person)
    response = client.get("/my-data/download.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(bundle.read("gegevens.json"))
    expected = {
        name
        for name, table in Base.metadata.tables.items()
        if name in export_services.reachable_tables()
        and name not in export_services.BY_QUERY
        and any(
            db.session.execute(table.select().where(column == person.id).limit(1)).first()
            for fk in table.foreign_keys
            if fk.column.table.name == "user_account"
            for column in [fk.parent]
        )
    }
    assert expected >= {
        "application",
        "questionnaire_response",
        "werkmap_entry",
        "message",
        "stored_file",
        "stip_session",
        "staff_note",
        "caseload_assignment",
        "coaching_signal",
        "correction_request",
        "werkmap_cv",
    }
    assert expected <= set(data["tables"])
    # Children through other tables, the audit log about the person, sealed values opened.
    assert {"stip_action", "werkmap_cv_item", "audit_event"} <= set(data["tables"])
    assert data["tables"]["questionnaire_response"][0]["answers"]["debts"] == "yes_no_help"
    assert "password_hash" not in data["tables"]["user_account"][0]
    files = data["files"]
    assert len(files) == 1 and bundle.read(files[0]["path"]) == PDF
    summary = bundle.read("overzicht.html").decode()
    assert "Karin Consulent" in summary and "Bakkerij" in summary
