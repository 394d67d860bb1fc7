"""A STIP volunteer may fill in the goals and steps of the person's plan with them; answering
the coach, comments, the agreement and the PDF download stay the person's own."""

from sqlalchemy import select

from portal.acting import AssistedAction
from portal.db import db, unit_of_work
from portal.plan.models import Action, Change, Goal, Proposal
from portal.roles import Role


def test_a_volunteer_fills_in_the_plan_with_the_person_but_does_not_decide_for_them(
    helping,
    person,
    make_user,
):
    assert helping.submit("/my-plan/goals/new", {"title": "Werk in de bouw"}).status_code == 302
    goal = db.session.scalar(select(Goal))
    assert (
        helping.submit(
            f"/my-plan/goals/{goal.id}/actions/new", {"what": "VCA halen", "status": "busy"}
        ).status_code
        == 302
    )
    assert goal.plan.person_id == person.id
    change = db.session.scalar(select(Change).where(Change.kind == "goal_added"))
    assert change.assisted_session_id is not None
    assert "plan" in db.session.scalars(select(AssistedAction.kind)).all()
    html = helping.get("/my-plan/").get_data(as_text=True)
    assert "VCA halen" in html and "met hulp van een STIP" in html
    coach = make_user(Role.ECOACH)
    with unit_of_work():
        proposal = Proposal(
            plan_id=goal.plan_id, by_id=coach.id, kind="add_goal", data={"title": "Zwemles"}
        )
        db.session.add(proposal)
    for path in (
        f"/my-plan/proposals/{proposal.id}/accept",
        f"/my-plan/proposals/{proposal.id}/decline",
        "/my-plan/comments",
        "/my-plan/confirm",
    ):
        assert helping.submit(path, {"text": "hoi"}).status_code == 403, path
    assert helping.get("/my-plan/plan.pdf").status_code == 403
    assert db.session.get(Proposal, proposal.id).status == "open"
    assert "Zwemles" not in helping.get("/my-plan/").get_data(as_text=True)
    assert db.session.scalar(select(Action)).what == "VCA halen"
