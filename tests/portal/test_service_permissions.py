"""Services that change state for an actor check the actor's permission first (`ensure`):
a role without it gets PermissionError before anything is read or written."""

import pytest

from portal.auth import services as accounts
from portal.caseload import services as caseload
from portal.catalogue import services as catalogue
from portal.coaching import review_services as reviews
from portal.coaching import standin_services as standins
from portal.db import utcnow
from portal.domain import DomainError
from portal.messages import services as messages
from portal.plan import agreement_services as agreement
from portal.plan import services as plans
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.stip import admin_services as help_points
from portal.stip import services as stip
from portal.werkmap import portable_services as portable
from portal.werkmap import services as werkmap

NOW = utcnow()
CALLS = {
    "werkmap.add": (Role.ECOACH, lambda u: werkmap.add(1, u, None, NOW.date(), NOW)),
    "werkmap.change": (Role.STIP, lambda u: werkmap.change(None, u, None, 0, NOW.date(), NOW)),
    "werkmap.set_norm": (Role.APPLICANT, lambda u: werkmap.set_norm(1, 3, u, NOW)),
    "portable.import_into": (Role.ECOACH, lambda u: portable.import_into(u, {}, NOW)),
    "caseload.assign": (Role.ECOACH, lambda u: caseload.assign(1, 2, u, NOW)),
    "caseload.assign_automatically": (
        Role.CONSULTANT,
        lambda u: caseload.assign_automatically([1], u, NOW),
    ),
    "standins.request": (
        Role.CONSULTANT,
        lambda u: standins.request(u, 1, NOW.date(), NOW.date(), "x", NOW.date(), NOW),
    ),
    "standins.set_by_lead": (
        Role.ECOACH,
        lambda u: standins.set_by_lead(u, 1, 2, NOW.date(), NOW.date(), "x", NOW.date(), NOW),
    ),
    "standins.decide": (
        Role.ECOACH,
        lambda u: standins.decide(u, None, "approve", NOW.date(), NOW),
    ),
    "stip.mail_code": (Role.CONSULTANT, lambda u: stip.mail_code(u, "a@example.nl", NOW)),
    "reviews.record": (
        Role.CONSULTANT,
        lambda u: reviews.record(None, u, "ended", None, None, "", NOW.date(), NOW),
    ),
    "catalogue.refer": (Role.CONSULTANT, lambda u: catalogue.refer(1, 1, u, NOW.date(), NOW)),
    "catalogue.record_result": (
        Role.TEAM_LEAD,
        lambda u: catalogue.record_result(u, None, "done", NOW.date()),
    ),
    "messages.send": (Role.STIP, lambda u: messages.send(u.__class__(id=-1), u, "Hallo", NOW)),
    "messages.send_to_many": (Role.APPLICANT, lambda u: messages.send_to_many([u], u, "x", NOW)),
    "stip.start": (Role.APPLICANT, lambda u: stip.start(u, NOW.date(), "CODE", NOW)),
    "stip.wrong_code": (Role.CONSULTANT, lambda u: stip.wrong_code(u, NOW)),
    "stip.revoke": (Role.STIP, lambda u: stip.revoke(u, None, NOW)),
    "help_points.add_location": (Role.ECOACH, lambda u: help_points.add_location(u, "X", "", "")),
    "help_points.link_volunteer": (
        Role.STIP,
        lambda u: help_points.link_volunteer(u, None, u.id),
    ),
    "periods.register": (Role.ECOACH, lambda u: periods.register(None, "x", u, NOW, "nl")),
    # The plan: only the person (or a volunteer with them) changes it; staff only propose.
    "plan.add_goal": (Role.ECOACH, lambda u: plans.add_goal(u, u.id + 1, "Doel", None, NOW)),
    "plan.propose": (Role.APPLICANT, lambda u: agreement.propose(u, u.id, "add_goal", NOW)),
    "plan.comment": (Role.TEAM_LEAD, lambda u: agreement.comment(u, u.id + 1, "Hoi", NOW)),
}


@pytest.mark.parametrize("name", CALLS)
def test_a_role_without_the_permission_is_refused(app, make_user, name):
    role, call = CALLS[name]
    with app.test_request_context(), pytest.raises(PermissionError):
        call(make_user(role))


def test_every_role_may_change_its_own_password_and_language(app, make_user):
    with app.test_request_context():
        for role in Role:
            user = make_user(role)
            with pytest.raises(DomainError) as refused:
                accounts.change_password(user, "wrong", "a new long password", NOW)
            assert refused.value.field == "current_password"
            accounts.set_locale(user, "en")
