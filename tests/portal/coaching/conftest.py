"""Zelfdoeners with a coach, cheaply: one confirmed questionnaire per person."""

import pytest

from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.roles import Role


@pytest.fixture
def zelfdoener(make_user, make_response):
    consultant = make_user(Role.CONSULTANT)

    def make(name=None, coach=None):
        person = make_user(Role.APPLICANT, name=name)
        response = make_response(person)
        with unit_of_work():
            intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", utcnow())
            if coach is not None:
                caseload.assign(person.id, coach.id, None, utcnow())
        return person

    return make
