"""Services check who acts: a volunteer changes the person's log only in a session with them."""

import pytest

from portal.db import db, unit_of_work, utcnow
from portal.roles import Role
from portal.werkmap import services as werkmap

ENTRY = werkmap.EntryData(day=utcnow().date(), kind="application", organisation="Jumbo")


def _add(actor, person):
    now = utcnow()
    with unit_of_work():
        return werkmap.add(
            person.id, db.session.merge(actor), ENTRY, now.date(), now, allow_duplicate=True
        )


def test_the_person_and_the_volunteer_in_session_may_add(helping, person, volunteer):
    assert _add(person, person).owner_id == person.id
    assert _add(volunteer, person).created_by_id == volunteer.id


def test_a_volunteer_without_a_session_or_someone_else_may_not(
    person, volunteer, make_user, helping
):
    for actor in (make_user(Role.STIP), make_user(Role.APPLICANT), make_user(Role.ECOACH)):
        with pytest.raises(PermissionError):
            _add(actor, person)
