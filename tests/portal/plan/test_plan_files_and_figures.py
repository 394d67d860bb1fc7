"""The plan in the take-along file (schema version 2) and the privacy download; the seed 002
indicator on the team lead's page; bad occupations sent by the scan's button."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.intake.models import ServiceLine
from portal.plan import figure_services as figures
from portal.plan import services
from portal.plan.models import Goal, Plan, Proposal
from portal.roles import Role
from portal.werkmap import portable_services as portable


def _build(person, workshop=None):
    with unit_of_work():
        goal = services.add_goal(person, person.id, "Werk als kok", None, utcnow())
        services.add_action(
            person,
            goal,
            services.ActionData(
                "Hygiënecursus",
                None,
                "Buurvrouw",
                workshop.id if workshop else None,
                "busy",
                "bijna klaar",
            ),
            utcnow(),
        )


def test_the_take_along_file_holds_the_plan_and_brings_it_into_a_new_account(
    client, login_as, make_client, make_user, login
):
    old = login_as(Role.APPLICANT)
    _build(old)
    document = json.loads(client.get("/werkmap/take-along/werkmap.json").data)
    assert document["version"] == 2
    assert list(portable.validator().iter_errors(document)) == []
    goal = document["plan"]["goals"][0]
    assert goal["title"] == "Werk als kok" and goal["actions"][0]["status"] == "busy"
    assert [c["kind"] for c in document["plan"]["history"]] == ["goal_added", "action_added"]
    # Version 2 must carry the plan (null when there is none); version 1 files still read.
    without = {k: v for k, v in document.items() if k != "plan"}
    assert list(portable.validator().iter_errors(without))
    version_1 = {k: v for k, v in without.items() if k != "scan"} | {"version": 1}
    assert list(portable.validator(1).iter_errors(version_1)) == []
    document["plan"]["goals"][0]["actions"][0]["status"] = "finished"
    assert list(portable.validator().iter_errors(document))

    fresh_client = make_client()
    fresh = make_user(Role.APPLICANT)
    login(fresh, target=fresh_client)
    raw = client.get("/werkmap/take-along/werkmap.json").data
    response = fresh_client.submit(
        "/werkmap/take-along/import",
        {"file": (io.BytesIO(raw), "w.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    plan = db.session.scalar(select(Plan).where(Plan.person_id == fresh.id))
    assert [g.title for g in plan.goals] == ["Werk als kok"]
    assert plan.goals[0].actions[0].note == "bijna klaar"


def test_the_privacy_download_holds_the_plan(client, login_as, make_user):
    person = login_as(Role.APPLICANT)
    _build(person)
    coach = make_user(Role.ECOACH)
    with unit_of_work():
        from_coach = Proposal(
            plan_id=services.plan_of(person.id).id, by_id=coach.id, kind="add_goal"
        )
        db.session.add(from_coach)
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(client.get("/my-data/download.zip").data)).read("gegevens.json")
    )
    for table in ("plan", "plan_goal", "plan_action", "plan_change", "plan_proposal"):
        assert data["tables"][table], table


def test_the_indicator_counts_plans_within_three_weeks_of_the_start(app, make_user, make_response):
    consultant = make_user(Role.CONSULTANT)
    now = utcnow()
    start = now - timedelta(days=40)
    people = []
    for days_to_plan in (5, 30, None):
        person = make_user(Role.APPLICANT)
        response = make_response(person)
        with unit_of_work():
            intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", now)
            db.session.get(ServiceLine, person.id).since = start
            if days_to_plan is not None:
                goal = services.add_goal(person, person.id, "Doel", None, now)
                goal.plan.started_at = start + timedelta(days=days_to_plan)
        people.append(person)
    # Someone who started yesterday without a plan is still within the 3 weeks.
    late = make_user(Role.APPLICANT)
    response = make_response(late)
    with unit_of_work():
        intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", now)
        db.session.get(ServiceLine, late.id).since = now - timedelta(days=1)
    months = {m.month: m for m in figures.plan_within_three_weeks(now)}
    month = months[start.date().replace(day=1)]
    running = months[(now - timedelta(days=1)).date().replace(day=1)]
    assert (month.started, month.with_plan, month.share) == (3, 1, 33)
    assert running.running >= 1


def test_the_team_lead_sees_the_indicator(client, login_as):
    login_as(Role.TEAM_LEAD)
    html = client.get("/team-lead").get_data(as_text=True)
    assert "Een plan binnen 3 weken" in html and "Op tijd een plan" in html


@pytest.mark.parametrize("occupation", ["\x00", "a" * 201, " "])
def test_bad_occupations_add_nothing(client, login_as, occupation):
    login_as(Role.APPLICANT)
    response = client.submit("/my-plan/goals/from-occupation", {"occupation": occupation})
    assert response.status_code in (302, 400)
    assert db.session.scalar(select(Goal)) is None
