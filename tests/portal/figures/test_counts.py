"""The monthly counts kept by events equal the counts a rebuild makes from the records, also
after corrections (a new assessment, a moved conversation) and across teams."""

from datetime import date

from sqlalchemy import select

from portal.db import db, unit_of_work
from portal.figures import count_services
from portal.figures.models import Count
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services as periods
from tests.portal.figures.conftest import at
from tests.questionnaires.test_golden import SELF_STARTER


def _counts():
    return {
        (c.metric, c.month, c.team, c.key): c.value
        for c in db.session.scalars(select(Count))
        if c.value
    }


def test_counts_kept_by_events_equal_a_rebuild(app, people, make_user):
    with unit_of_work():
        team = Team(name="Team Zuid")
        db.session.add(team)
    people("zelfdoeners", ended=(date(2024, 6, 3), "education"), team=team.id)
    people("klantondersteuning", answers={**SELF_STARTER, "gender": "man"})
    people("zelfdoeners", decided=date(2024, 3, 29), ended=(date(2024, 7, 1), "drop_out"))
    early = people()
    consultant = make_user(Role.CONSULTANT, password=None)
    with app.test_request_context(), unit_of_work():
        application = periods.last_application(db.session.get(User, early.id))
        periods.end_early(application, "withdrawn", at(date(2024, 1, 20)))
        actor = db.session.get(User, consultant.id)
        for day in (date(2024, 2, 1), date(2024, 3, 4)):  # a moved conversation
            consult.invite(actor, application, at(day), "phone", "Telefoon", at(date(2024, 1, 30)))
        items = {k: {"met": k != "cv"} for k in ("uwv", "cv", "applications", "questionnaire")}
        consult.assess(actor, application, items, "Eerste.", at(date(2024, 3, 4)))
        items["cv"]["met"] = True
        consult.assess(actor, application, items, "Verbeterd.", at(date(2024, 4, 2)))
    kept = _counts()
    assert kept[("conversation", date(2024, 3, 1), 0, "56")] == 1  # 8 January to 4 March
    assert ("conversation", date(2024, 2, 1), 0, "24") not in kept  # moved
    assert kept[("met", date(2024, 4, 1), 0, "cv")] == 1  # the correction
    assert ("assessed", date(2024, 3, 1), 0, "all") not in kept
    with unit_of_work():
        count_services.rebuild()
    assert _counts() == kept
