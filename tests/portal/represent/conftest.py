"""People with an application, representatives, and mandates between them."""

from datetime import date, timedelta

import pytest

from portal.db import db, unit_of_work, utcnow
from portal.mandates import Mandate
from portal.roles import Role
from portal.searchperiod import services as periods


def with_application(make_user, name: str):
    user = make_user(Role.APPLICANT, name=name)
    with unit_of_work():
        periods.register(
            periods.Registration(
                name=user.name,
                born_on=date(1970, 5, 1),
                email=user.email,
                applied_on=utcnow().date() - timedelta(days=3),
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )
    return user


@pytest.fixture
def person(make_user):
    return with_application(make_user, "Piet Cliënt")


@pytest.fixture
def other_person(make_user):
    return with_application(make_user, "Olga Anders")


@pytest.fixture
def representative(make_user):
    return make_user(Role.REPRESENTATIVE, name="Bea Bewind")


def mandate(person, representative, kind: str = "bewind", ends_on: date | None = None) -> int:
    """A mandate that holds from now (as a consultant registers a court decision)."""
    with unit_of_work():
        made = Mandate(
            person_id=person.id,
            representative_id=representative.id,
            kind=kind,
            reference="C/01/123456" if kind != "machtiging" else None,
            ends_on=ends_on,
            active_from=utcnow(),
        )
        db.session.add(made)
    return made.id


def choose(client, mandate_id: int):
    response = client.submit(f"/represent/{mandate_id}/choose")
    assert response.status_code == 302, response.status_code
    return response
