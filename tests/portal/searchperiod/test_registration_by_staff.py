"""Registrations by staff never move a person into another team, never change their data, and
tell nothing about files the staff member may not open."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal import clock, scope
from portal.db import db, unit_of_work, utcnow
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod import services
from portal.searchperiod.models import Application

TODAY = clock.today(utcnow())
BORN = date(1979, 4, 4)


def _applications() -> list[Application]:
    db.session.expire_all()
    return list(db.session.scalars(select(Application).order_by(Application.id)))


@pytest.fixture
def teams(make_user):
    with unit_of_work():
        north, south = Team(name="Noord"), Team(name="Zuid")
        db.session.add_all([north, south])
    own = make_user(Role.CONSULTANT, name="Nora Noord")
    other = make_user(Role.CONSULTANT, name="Sam Zuid")
    with unit_of_work():
        db.session.merge(own).team_id = north.id
        db.session.merge(other).team_id = south.id
    return db.session.get(User, own.id), db.session.get(User, other.id)


@pytest.fixture
def person(make_user, teams):
    """Someone with an account whose open application is handled by team Noord."""
    own, _other = teams
    user = make_user(Role.APPLICANT, email="piet@example.nl", name="Piet Puk")
    with unit_of_work():
        services.register(
            services.Registration(
                name=user.name, born_on=BORN, email=user.email, applied_on=TODAY - timedelta(days=2)
            ),
            "consultant",
            own,
            utcnow(),
            "nl",
        )
    return user


def _register(client, **data):
    form = {
        "name": "Piet Puk",
        "born_on": BORN.isoformat(),
        "email": "",
        "phone": "",
        "applied_on": TODAY.isoformat(),
        **data,
    }
    return client.submit("/search-period/register", form)


def test_a_consultant_of_another_team_cannot_take_a_person_out_of_their_team(
    client, login, teams, person
):
    own, other = teams
    login(other)
    html = _register(client, name="Peter Puk", born_on="1981-01-01", email="piet@example.nl")
    text = html.get_data(as_text=True)
    assert "Er is al een account met dit e-mailadres" in text
    assert [a.team_id for a in _applications()] == [own.team_id]
    assert scope.person_for(own, person.id) is not None  # team Noord still sees Piet
    assert db.session.get(User, person.id).name == "Piet Puk"


def test_a_duplicate_outside_ones_scope_is_refused_without_its_dates(client, login, teams, person):
    own, other = teams
    login(other)
    text = _register(client).get_data(as_text=True)
    assert "Er is al een open aanvraag voor deze persoon" in text
    assert "zoekperiode daarvan eindigt" not in text and "geregistreerd op" not in text
    assert len(_applications()) == 1
    client.submit("/logout")
    login(own)
    assert "De zoekperiode daarvan eindigt op" in _register(client).get_data(as_text=True)


def test_a_consultant_who_may_see_the_person_registers_in_the_persons_team(
    client, login, teams, person
):
    own, _other = teams
    with unit_of_work():
        db.session.get(Application, _applications()[0].id).status = "ended"
    login(own)
    wrong = _register(client, born_on="1979-04-05", email="piet@example.nl")
    assert "De geboortedatum is niet die uit het dossier" in wrong.get_data(as_text=True)
    assert len(_applications()) == 1
    assert _register(client, email="piet@example.nl").status_code == 302
    first, second = _applications()
    assert second.applicant_id == person.id and second.team_id == first.team_id == own.team_id


def test_a_volunteer_cannot_attach_an_application_to_an_existing_account(client, login_as, person):
    login_as(Role.STIP)
    text = _register(client, name="Peter Puk", born_on="1981-01-01", email="piet@example.nl")
    assert "Er is al een account met dit e-mailadres" in text.get_data(as_text=True)
    assert len(_applications()) == 1


def test_a_volunteer_cannot_tell_a_staff_address_from_an_applicants(
    client, login_as, person, make_user
):
    make_user(Role.ECOACH, email="eva@gemeente.nl")
    login_as(Role.STIP)
    pages = [
        _register(client, name="Peter Puk", born_on="1981-01-01", email=email).get_data(
            as_text=True
        )
        for email in ("piet@example.nl", "eva@gemeente.nl")
    ]
    for page in pages:
        assert "Er is al een account met dit e-mailadres" in page
        assert "medewerker" not in page
    assert len(_applications()) == 1
