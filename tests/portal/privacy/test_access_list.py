"""Every staff read of a person's file appears on the person's "My data" page: each staff page
about one person (from the authorization matrix: a path with the person, their application or
their questionnaire response) is visited by a role that may open it, then the person looks."""

import pytest

from portal.db import db
from portal.intake.models import QuestionnaireResponse
from portal.privacy import services
from portal.roles import Role
from portal.searchperiod.models import Application
from tests.portal.test_authz_matrix import MATRIX, objects  # noqa: F401 -- the fixture

ABOUT_A_PERSON = ("{applicant}", "{response}", "{application}")
STAFF = [Role.CONSULTANT, Role.ECOACH, Role.TEAM_LEAD]
READS = sorted(
    (endpoint, role)
    for endpoint, (method, path, expected) in MATRIX.items()
    if method == "GET" and any(p in path for p in ABOUT_A_PERSON)
    for role in STAFF
    if expected[role.value] == 200
)


def _person(path: str, objects) -> int:  # noqa: F811 -- the fixture's value
    if "{response}" in path:
        return db.session.get(QuestionnaireResponse, objects["response"]).applicant_id
    if "{application}" in path:
        return db.session.get(Application, objects["application"]).applicant_id
    return objects["applicant"]


def test_there_are_staff_reads_to_check():
    assert len(READS) >= 8


@pytest.mark.parametrize(("endpoint", "role"), READS)
def test_a_staff_read_is_on_the_persons_page(
    endpoint,
    role,
    objects,  # noqa: F811 -- the fixture imported above
    client,
    make_client,
    make_user,
    login,
):
    _method, path, _expected = MATRIX[endpoint]
    person_id = _person(path, objects)
    staff = make_user(role, name="Sanne Staf")
    login(staff)
    before = len(services.accesses(person_id))
    response = client.get(path.format_map(objects))
    assert response.status_code == 200
    found = services.accesses(person_id)
    assert len(found) > before, f"{endpoint} is not in the audit log"
    assert found[0].name == "Sanne Staf" and found[0].role is role
    person = db.session.get(type(staff), person_id)
    person.password_hash = staff.password_hash
    person.email = person.email or f"person{person_id}@example.nl"
    db.session.commit()
    other = make_client()
    login(person, target=other)
    page = other.get("/my-data/").get_data(as_text=True)
    assert "Sanne Staf" in page
