"""Every staff read of a person's file appears on the person's "My data" page, also the reads
the authorization matrix can only show as a 404: an e-coach's reads (the matrix's person is in
no coach's caseload) and the downloads of files (the matrix's person has none). Here the
person is in the coach's caseload and has a proof, a CV file, a message with an attachment
and a court decision; each such page is opened by the role that may open it, then the person
looks at "My data"."""

from datetime import date

import pytest

from portal import audit, files, mandates
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.messages.models import Message
from portal.privacy import services
from portal.roles import Role
from portal.werkmap.cv_models import Cv
from portal.werkmap.models import LogEntry
from tests.portal.privacy.test_access_list import READS
from tests.portal.test_authz_matrix import MATRIX

PDF = b"%PDF-1.4 een bestand\n%%EOF\n"
STAFF = [Role.CONSULTANT, Role.ECOACH, Role.TEAM_LEAD]
IN_SCOPE_READS = sorted(
    (endpoint, role)
    for endpoint, (method, path, expected) in MATRIX.items()
    if method == "GET" and "{applicant}" in path
    for role in STAFF
    if expected[role.value] == 404
)


def test_every_staff_read_of_a_person_is_checked_somewhere():
    """Each GET about a person that a staff role may open (200) or may open in scope (404)
    is in the test of the matrix's reads or in this one."""
    about_a_person = {
        (endpoint, role)
        for endpoint, (method, path, expected) in MATRIX.items()
        if method == "GET" and "{applicant}" in path
        for role in STAFF
        if expected[role.value] in (200, 404)
    }
    assert about_a_person <= set(READS) | set(IN_SCOPE_READS)
    endpoints = {endpoint for endpoint, _role in IN_SCOPE_READS}
    assert {"coaching.person_file", "werkmap_staff.proof", "messages.staff_attachment"} <= endpoints
    assert {"werkmap_staff.cv_file", "represent_staff.document"} <= endpoints


@pytest.fixture
def person_with_files(make_user):
    """A person with a proof, an uploaded CV, a message with an attachment and a court
    decision; `reader` is put in the caseload when it is an e-coach."""

    def make(reader):
        person = make_user(Role.APPLICANT, name="Pim Persoon")
        representative = make_user(Role.REPRESENTATIVE)
        now = utcnow()
        with unit_of_work():
            if reader.role is Role.ECOACH:
                caseload.assign(person.id, reader.id, None, now)
            proof, cv_file, attachment, decision = (
                files.store(person.id, name, PDF, (files.PDF,), now)
                for name in ("bewijs.pdf", "cv.pdf", "brief.pdf", "besluit.pdf")
            )
            entry = LogEntry(
                owner_id=person.id,
                day=date(2026, 11, 2),
                kind="application",
                organisation="Bakkerij",
                proof_file_id=proof.id,
            )
            message = Message(
                person_id=person.id,
                author_id=person.id,
                from_person=True,
                body="Mijn brief",
                at=now,
                attachment_file_id=attachment.id,
            )
            mandate = mandates.Mandate(
                person_id=person.id,
                representative_id=representative.id,
                kind=mandates.Kind.MENTOR.value,
                reference="C/16/20260001 ME",
                decided_on=date(2026, 11, 2),
                active_from=now,
                document_file_id=decision.id,
            )
            cv = Cv(owner_id=person.id, full_name=person.name, uploaded_file_id=cv_file.id)
            db.session.add_all([entry, message, mandate, cv])
            db.session.flush()
        return person, {
            "{applicant}": person.id,
            "{entry}": entry.id,
            "/messages/999999/": f"/messages/{message.id}/",
            "/representatives/999999/": f"/representatives/{mandate.id}/",
        }

    return make


@pytest.mark.parametrize(("endpoint", "role"), IN_SCOPE_READS)
def test_a_read_in_scope_is_on_the_persons_page(
    endpoint, role, person_with_files, client, make_client, make_user, login
):
    staff = make_user(role, name="Sanne Staf")
    person, ids = person_with_files(staff)
    path = MATRIX[endpoint][1]
    for placeholder, value in ids.items():
        path = path.replace(placeholder, str(value))
    login(staff)
    before = len(services.accesses(person.id))
    response = client.get(path)
    assert response.status_code == 200, path
    response.close()
    found = services.accesses(person.id)
    assert len(found) > before, f"{endpoint} is not on the person's page"
    assert found[0].name == "Sanne Staf" and found[0].role is role
    other = make_client()
    login(person, target=other)
    assert "Sanne Staf" in other.get("/my-data/").get_data(as_text=True)


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.APPLICANT, Role.STIP)])
def test_every_role_that_acts_on_a_person_is_named_on_the_page(role, client, make_user, login):
    """A functional administrator deactivates an account, a representative switches to the
    person: the page names them (it raised a KeyError for roles without words)."""
    actor = make_user(role, name="Ria Rol")
    person = make_user(Role.APPLICANT)
    with unit_of_work():
        audit.record(actor, "account.deactivate", "user", person.id)
    login(person)
    response = client.get("/my-data/")
    assert response.status_code == 200
    assert "Ria Rol" in response.get_data(as_text=True)
