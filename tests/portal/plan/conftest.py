"""A Zelfdoener with an e-coach, and a second client signed in as that coach."""

import pytest

from portal.caseload import services as caseload
from portal.catalogue.models import Service
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.roles import Role


@pytest.fixture
def coach(make_user):
    return make_user(Role.ECOACH, name="Carla Coach")


@pytest.fixture
def person(make_user, make_response, coach):
    consultant = make_user(Role.CONSULTANT)
    user = make_user(Role.APPLICANT, name="Fatma Yılmaz")
    response = make_response(user)
    with unit_of_work():
        intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", utcnow())
        caseload.assign(user.id, coach.id, None, utcnow())
    return user


@pytest.fixture
def coach_client(make_client, login, coach):
    own = make_client()
    login(coach, target=own)
    return own


@pytest.fixture
def person_client(client, login, person):
    login(person)
    return client


@pytest.fixture
def workshop():
    with unit_of_work():
        service = Service(name="Workshop solliciteren", kind="workshop", provider="Werkplein")
        db.session.add(service)
    return service
