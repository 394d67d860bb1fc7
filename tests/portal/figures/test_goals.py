"""The team lead's goals (seed 002 §6) against the count the file shows today."""

from datetime import date

from sqlalchemy import select

from portal.audit import AuditEvent
from portal.db import db
from portal.figures.models import Goal
from portal.roles import Role
from tests.questionnaires.test_golden import SELF_STARTER

GOAL_1 = {
    "name": "Doel 1: jongeren tot 27",
    "measure": "under_27",
    "comparison": "at_most",
    "target": "45",
    "due_on": "2027-01-01",
    "team": "",
}


def _goals(html):
    start = html.index("<tbody")
    return html[start : html.index("</tbody>", start)]


def test_a_goal_shows_the_count_of_today_and_whether_it_is_reached(client, login_as, people):
    for _ in range(6):
        people(born=date(2001, 5, 1), applied=date(2024, 1, 8))
    login_as(Role.TEAM_LEAD)
    response = client.submit("/figures/goals", GOAL_1)
    assert response.status_code == 302
    html = client.get("/figures/goals").get_data(as_text=True)
    table = _goals(html)
    assert "Doel 1: jongeren tot 27" in table
    assert "Jongeren tot 27 jaar: hoogstens 45 op 1 januari 2027" in table
    assert ">6<" in table and "Gehaald" in table
    goal = db.session.scalar(select(Goal))
    assert (
        db.session.scalar(
            select(AuditEvent.action).where(
                AuditEvent.subject_type == "figures_goal", AuditEvent.subject_id == goal.id
            )
        )
        == "goal.add"
    )


def test_a_hidden_count_still_says_what_it_can(client, login_as, people):
    for _ in range(3):
        people(answers={**SELF_STARTER, "gender": "woman"})
    login_as(Role.TEAM_LEAD)
    for comparison, target in (("at_least", "10"), ("at_most", "2")):
        client.submit(
            "/figures/goals",
            {
                **GOAL_1,
                "name": f"Vrouwen {comparison}",
                "measure": "women",
                "comparison": comparison,
                "target": target,
            },
        )
    table = _goals(client.get("/figures/goals").get_data(as_text=True))
    assert "3<" not in table
    assert table.count("minder dan 5") == 2
    assert "Niet gehaald" in table  # fewer than 5 is certainly not at least 10
    assert "Niet te zeggen: het aantal is verborgen" in table  # at most 2: could be either


def test_a_wrong_goal_is_refused_next_to_the_field_and_keeps_the_input(client, login_as):
    login_as(Role.TEAM_LEAD)
    response = client.submit("/figures/goals", {**GOAL_1, "target": "-3", "due_on": "morgen"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul een getal in van 0 tot en met 1.000.000." in html
    assert 'id="target-error"' in html and 'id="due_on-error"' in html
    assert 'value="Doel 1: jongeren tot 27"' in html
    assert db.session.scalar(select(Goal)) is None


def test_removing_a_goal(client, login_as, people):
    login_as(Role.TEAM_LEAD)
    client.submit("/figures/goals", GOAL_1)
    goal = db.session.scalar(select(Goal))
    assert client.submit(f"/figures/goals/{goal.id}/remove").status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Goal)) is None
    assert "Er zijn nog geen doelen." in client.get("/figures/goals").get_data(as_text=True)


def test_management_reads_goals_but_cannot_change_them(
    client, login_as, make_client, login, make_user
):
    lead = make_client()
    login(make_user(Role.TEAM_LEAD), target=lead)
    lead.submit("/figures/goals", GOAL_1)
    login_as(Role.MANAGEMENT)
    html = client.get("/figures/goals").get_data(as_text=True)
    assert "Doel 1: jongeren tot 27" in html
    assert "Doel toevoegen" not in html and "verwijderen" not in html
    goal = db.session.scalar(select(Goal))
    assert client.submit(f"/figures/goals/{goal.id}/remove").status_code == 403
