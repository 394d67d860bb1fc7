"""The job-search log: add, duplicate warning, change with history, two tabs, delete, scope."""

import re

from sqlalchemy import select

from portal.clock import today
from portal.db import db, utcnow
from portal.roles import Role
from portal.werkmap.models import LogEntry

TODAY = today(utcnow()).isoformat()
ENTRY = {
    "day": TODAY,
    "kind": "application",
    "organisation": "Bakkerij De Zon",
    "job_title": "Verkoper",
    "channel": "email",
    "status": "sent",
}


def _entries() -> list[LogEntry]:
    db.session.expire_all()
    return db.session.scalars(select(LogEntry).order_by(LogEntry.id)).all()


def test_add_and_list(client, login_as):
    user = login_as(Role.APPLICANT)
    assert client.submit("/werkmap/new", ENTRY).status_code == 302
    [entry] = _entries()
    assert (entry.owner_id, entry.kind, entry.status) == (user.id, "application", "sent")
    assert [c.status for c in entry.history] == ["sent"]
    html = client.get("/werkmap/").get_data(as_text=True)
    assert "Bakkerij De Zon: Verkoper" in html and "Gesolliciteerd op een baan" in html


def test_required_lists_start_empty_with_the_usual_answer_chosen(client, login_as):
    """A required <select> must start with an empty option (Nu Html Checker): "What did you
    do?" and "Status" started with "Applied for a job" and "Sent"."""
    login_as(Role.APPLICANT)
    html = client.get("/werkmap/new").get_data(as_text=True)
    for name, chosen in (("kind", "application"), ("status", "sent")):
        select = re.search(rf'<select[^>]*name="{name}"[^>]*required>(.*?)</select>', html, re.S)
        assert select is not None, name
        assert re.match(r'<option value="">Kies</option>', select.group(1)), select.group(1)[:80]
        assert f'<option selected value="{chosen}">' in select.group(1)
    response = client.submit("/werkmap/new", {**ENTRY, "kind": "", "status": ""})
    html = response.get_data(as_text=True)
    assert "Kies wat u deed." in html and "Kies een status." in html
    assert "Not a valid choice" not in html and _entries() == []


def test_errors_keep_the_input(client, login_as):
    login_as(Role.APPLICANT)
    html = client.submit(
        "/werkmap/new", {**ENTRY, "organisation": "", "job_title": "Kok"}
    ).get_data(as_text=True)
    assert "Vul de naam van het bedrijf in." in html and 'value="Kok"' in html
    assert _entries() == []


def test_duplicate_gets_a_warning_not_a_second_row(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/werkmap/new", ENTRY)
    html = client.submit("/werkmap/new", {**ENTRY, "organisation": "bakkerij de zon"}).get_data(
        as_text=True
    )
    assert "U heeft dit al bijgehouden" in html and 'name="allow_duplicate"' in html
    assert len(_entries()) == 1
    client.submit("/werkmap/new", {**ENTRY, "allow_duplicate": "y"})
    assert len(_entries()) == 2


def test_change_keeps_the_status_history(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/werkmap/new", ENTRY)
    [entry] = _entries()
    page = client.get(f"/werkmap/{entry.id}").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    client.submit(f"/werkmap/{entry.id}", {**ENTRY, "status": "invited", "version": version})
    [entry] = _entries()
    assert entry.status == "invited"
    assert [c.status for c in entry.history] == ["sent", "invited"]
    assert "Statusgeschiedenis" in client.get(f"/werkmap/{entry.id}").get_data(as_text=True)


def test_second_tab_is_told_the_entry_changed_and_loses_nothing(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/werkmap/new", ENTRY)
    [entry] = _entries()
    page = client.get(f"/werkmap/{entry.id}").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    client.submit(f"/werkmap/{entry.id}", {**ENTRY, "status": "invited", "version": version})
    second = client.submit(
        f"/werkmap/{entry.id}",
        {**ENTRY, "notes": "Gebeld met Piet.", "status": "rejected", "version": version},
    )
    html = second.get_data(as_text=True)
    assert "Dit item is intussen gewijzigd" in html and "Gebeld met Piet." in html
    [entry] = _entries()
    assert entry.status == "invited" and entry.notes == ""


def test_delete_and_someone_elses_entry_is_not_found(
    client, login_as, make_user, login, make_client
):
    login_as(Role.APPLICANT)
    client.submit("/werkmap/new", ENTRY)
    [entry] = _entries()
    other = make_client()
    login(make_user(Role.APPLICANT), target=other)
    assert other.get(f"/werkmap/{entry.id}").status_code == 404
    assert other.submit(f"/werkmap/{entry.id}/delete").status_code == 404
    assert client.submit(f"/werkmap/{entry.id}/delete").status_code == 302
    assert _entries() == []


def test_future_date_is_refused(client, login_as):
    login_as(Role.APPLICANT)
    html = client.submit("/werkmap/new", {**ENTRY, "day": "2099-01-01"}).get_data(as_text=True)
    assert "Deze datum ligt in de toekomst." in html
