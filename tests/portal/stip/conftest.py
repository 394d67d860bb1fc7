"""A person with an application, a STIP location with a volunteer, and a session between them."""

from datetime import date, timedelta

import pytest

from portal.acting import AssistedSession, Location
from portal.auth import token_services as tokens
from portal.db import db, unit_of_work, utcnow
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.stip.models import Volunteer

BORN = date(1985, 3, 9)


@pytest.fixture
def person(make_user):
    user = make_user(Role.APPLICANT, name="Fatma Yılmaz")
    with unit_of_work():
        periods.register(
            periods.Registration(
                name=user.name,
                born_on=BORN,
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
def volunteer(make_user):
    user = make_user(Role.STIP, name="Stefan Vrijwilliger")
    with unit_of_work():
        place = Location(name="De Wijkpost", address="Dorpsstraat 1")
        db.session.add(place)
        db.session.flush()
        db.session.add(Volunteer(user_id=user.id, location_id=place.id))
    return user


def new_code(person) -> str:
    with unit_of_work():
        return tokens.help_code(db.session.merge(person), utcnow())


@pytest.fixture
def helping(client, login, person, volunteer):
    """The volunteer's client in a consented session for the person."""
    login(volunteer)
    response = client.submit(
        "/help-point/", {"born_on": BORN.isoformat(), "code": new_code(person).lower()}
    )
    assert response.headers["Location"] == "/help-point/consent"
    assert client.submit("/help-point/consent", {"answer": "yes"}).status_code == 302
    session = db.session.query(AssistedSession).one()
    assert session.consented_at is not None
    return client
