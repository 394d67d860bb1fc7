"""People through the portal's own services: applications, advice, decisions, coaching."""

from datetime import UTC, date, datetime

import pytest

from portal.caseload import services as caseload
from portal.clock import age_on
from portal.coaching import review_services as reviews
from portal.db import db, unit_of_work
from portal.intake import services as intake
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services as periods
from tests.questionnaires.test_golden import SELF_STARTER


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def people(app, make_user):
    """Make people with an application, a confirmed line and, if asked, an ended coaching."""
    consultant = make_user(Role.CONSULTANT, password=None)
    coach = make_user(Role.ECOACH, password=None)
    counter = iter(range(1, 100000))

    def make(
        outcome: str = "zelfdoeners",
        born: date = date(1980, 5, 1),
        applied: date = date(2024, 1, 8),
        decided: date = date(2024, 2, 12),
        answers: dict | None = None,
        ended: tuple[date, str] | None = None,
        team: int | None = None,
    ) -> User:
        n = next(counter)
        with unit_of_work():
            actor = db.session.get(User, consultant.id)
            actor.team_id = team
            registered = periods.register(
                periods.Registration(
                    name=f"Persoon {n}",
                    born_on=born,
                    applied_on=applied,
                    email=f"p{n}@example.nl",
                    uwv_registered_on=applied if age_on(born, applied) < 27 else None,
                ),
                "consultant",
                actor,
                at(applied),
                "nl",
            )
            person = registered.application.applicant
            response = intake.start(person, "entreevragenlijst", "drie_lijnen", at(decided, 8))
            response.answers = dict(SELF_STARTER if answers is None else answers)
            intake.submit(response, at(decided, 9))
            intake.decide(
                actor,
                response,
                outcome,
                "" if outcome == response.advised_outcome else "Gesprek.",
                at(decided),
            )
            if ended is not None:
                caseload.assign(person.id, coach.id, None, at(decided, 11))
                reviews.record(
                    person,
                    db.session.get(User, coach.id),
                    "ended",
                    None,
                    ended[1],
                    "",
                    ended[0],
                    at(ended[0]),
                )
        return person

    make.coach = coach
    make.consultant = consultant
    return make
