"""The plan: the person owns it; the coach comments and proposes, the person accepts; the
history says who changed what and when; the agreement; bad input; other people's plans."""

from sqlalchemy import select

from portal import limits
from portal.db import db, unit_of_work, utcnow
from portal.plan import agreement_services as agreement
from portal.plan import services
from portal.plan.models import Action, Change, Comment, Goal, Plan, Proposal
from portal.roles import Role


def _goal(client, title="Werk in een magazijn", target="2027-03-01"):
    return client.submit("/my-plan/goals/new", {"title": title, "target_on": target})


def _plan(person) -> Plan:
    db.session.expire_all()
    return db.session.scalar(select(Plan).where(Plan.person_id == person.id))


def test_the_person_builds_a_plan_with_goals_steps_and_progress(person_client, person, workshop):
    assert _goal(person_client).status_code == 302
    goal = db.session.scalar(select(Goal))
    response = person_client.submit(
        f"/my-plan/goals/{goal.id}/actions/new",
        {
            "what": "Heftruckcursus aanvragen",
            "due_on": "2027-01-15",
            "helper": "Mijn buurman",
            "service": str(workshop.id),
            "status": "not_started",
        },
    )
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert action.service_id == workshop.id and action.helper == "Mijn buurman"
    response = person_client.submit(
        f"/my-plan/actions/{action.id}",
        {
            "what": action.what,
            "due_on": "2027-01-15",
            "helper": "Mijn buurman",
            "service": str(workshop.id),
            "status": "busy",
            "note": "Formulier opgestuurd",
        },
    )
    assert response.status_code == 302
    html = person_client.get("/my-plan/").get_data(as_text=True)
    assert "Werk in een magazijn" in html and "Heftruckcursus aanvragen" in html
    assert "Workshop solliciteren" in html and "Formulier opgestuurd" in html
    # The history: goal added, step added, progress changed, each with the person's name.
    kinds = db.session.scalars(select(Change.kind).order_by(Change.id)).all()
    assert kinds == ["goal_added", "action_added", "progress"]
    history = person_client.get("/my-plan/history").get_data(as_text=True)
    assert "Fatma Yılmaz" in history and "Formulier opgestuurd" in history
    assert _plan(person).version == 3


def test_the_coach_proposes_and_only_the_persons_acceptance_changes_the_plan(
    person_client, coach_client, person
):
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    base = f"/coach/people/{person.id}/plan"
    assert coach_client.get(base + "/").status_code == 200
    response = coach_client.submit(
        f"{base}/goals/{goal.id}/propose",
        {"what": "Open dag bezoeken", "due_on": "2027-02-01", "comment": "Goed om te zien"},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Action)) is None  # nothing changed yet
    html = person_client.get("/my-plan/").get_data(as_text=True)
    assert "Open dag bezoeken" in html and "Goed om te zien" in html
    proposal = db.session.scalar(select(Proposal))
    assert person_client.submit(f"/my-plan/proposals/{proposal.id}/accept").status_code == 302
    action = db.session.scalar(select(Action))
    assert action.what == "Open dag bezoeken" and action.created_by_id == person.id
    accepted = db.session.scalar(select(Change).where(Change.kind == "action_added"))
    assert accepted.actor_id == person.id and accepted.proposal_id == proposal.id
    # Answered once: a second accept changes nothing.
    person_client.submit(f"/my-plan/proposals/{proposal.id}/accept")
    assert len(db.session.scalars(select(Action)).all()) == 1
    # The coach sees the change, by whom.
    html = coach_client.get(base + "/").get_data(as_text=True)
    assert "Open dag bezoeken" in html and "Fatma Yılmaz" in html


def test_a_proposed_change_keeps_the_persons_progress_and_can_be_declined(
    person_client, coach_client, person
):
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    person_client.submit(
        f"/my-plan/goals/{goal.id}/actions/new",
        {"what": "Cv maken", "status": "busy", "note": "half af"},
    )
    action = db.session.scalar(select(Action))
    base = f"/coach/people/{person.id}/plan"
    coach_client.submit(f"{base}/actions/{action.id}/propose", {"what": "Cv laten nakijken"})
    coach_client.submit(f"{base}/propose/goal", {"title": "Taalcursus B1"})
    change, new_goal = db.session.scalars(select(Proposal).order_by(Proposal.id)).all()
    person_client.submit(f"/my-plan/proposals/{change.id}/accept")
    person_client.submit(f"/my-plan/proposals/{new_goal.id}/decline")
    db.session.expire_all()
    action = db.session.get(Action, action.id)
    assert (action.what, action.status, action.note) == ("Cv laten nakijken", "busy", "half af")
    assert [g.title for g in db.session.scalars(select(Goal))] == ["Werk in een magazijn"]
    assert db.session.get(Proposal, new_goal.id).status == "declined"


def test_the_coach_cannot_change_the_plan_directly(person_client, coach, person):
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    try:
        services.change_goal(coach, goal, "Iets anders", None, utcnow())
    except PermissionError:
        pass
    else:
        raise AssertionError("the coach changed the plan")
    try:
        services.add_goal(coach, person.id, "Iets", None, utcnow())
    except PermissionError:
        pass
    else:
        raise AssertionError("the coach added a goal")


def test_agreement_then_a_change_makes_it_changed_since_agreed(person_client, coach_client, person):
    _goal(person_client)
    base = f"/coach/people/{person.id}/plan"
    plan = _plan(person)
    # An old version (someone changed the plan meanwhile) is refused.
    coach_client.submit(f"{base}/agree", {"version": "99"})
    assert agreement.state(_plan(person)) == "draft"
    coach_client.submit(f"{base}/agree", {"version": str(plan.version)})
    assert agreement.state(_plan(person)) == "waiting"
    assert (
        person_client.submit("/my-plan/confirm", {"version": str(plan.version)}).status_code == 302
    )
    assert agreement.state(_plan(person)) == "agreed"
    assert "Afgesproken" in person_client.get("/my-plan/").get_data(as_text=True)
    _goal(person_client, title="Rijbewijs halen", target="")
    assert agreement.state(_plan(person)) == "changed"
    kinds = db.session.scalars(select(Change.kind).order_by(Change.id)).all()
    assert kinds == ["goal_added", "agreed", "confirmed", "goal_added"]


def test_comments_of_both_sides_say_who_wrote_them(person_client, coach_client, person):
    """Both sides comment on one plan: each comment says who wrote it (it did not, so the
    person could not tell the coach's words from their own)."""
    coach_client.submit(f"/coach/people/{person.id}/plan/comments", {"text": "Mooi begin!"})
    person_client.submit("/my-plan/comments", {"text": "Dank u"})
    for client, url in (
        (person_client, "/my-plan/"),
        (coach_client, f"/coach/people/{person.id}/plan/"),
    ):
        html = client.get(url).get_data(as_text=True)
        coach_at, person_at = html.index("Mooi begin!"), html.index("Dank u")
        assert "Carla Coach" in html[coach_at - 200 : coach_at]
        assert "Fatma Yılmaz" in html[person_at - 200 : person_at]


def test_an_empty_comment_is_refused_next_to_the_field_on_both_sides(
    person_client, coach_client, person
):
    for client, url in (
        (person_client, "/my-plan/comments"),
        (coach_client, f"/coach/people/{person.id}/plan/comments"),
    ):
        response = client.submit(url, {"text": "   "})
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert "Schrijf uw opmerking op." in html and 'id="text-error"' in html
        assert f'action="{url}"' in html  # the form posts to its own side again
    assert db.session.scalar(select(Comment)) is None


def test_bad_input_is_refused_next_to_the_field_and_keeps_what_was_typed(person_client):
    response = person_client.submit("/my-plan/goals/new", {"title": "", "target_on": "2027-13-45"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Schrijf uw doel op." in html
    response = person_client.submit("/my-plan/goals/new", {"title": "x" * 201})
    assert "x" * 201 in response.get_data(as_text=True)
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    response = person_client.submit(
        f"/my-plan/goals/{goal.id}/actions/new",
        {"what": "Bellen", "status": "klaar", "service": "999999"},
    )
    assert response.status_code == 200 and db.session.scalar(select(Action)) is None
    assert person_client.submit("/my-plan/confirm", {"version": "abc"}).status_code == 302
    assert (
        person_client.submit("/my-plan/goals/from-occupation", {"occupation": ""}).status_code
        == 302
    )
    assert len(db.session.scalars(select(Goal)).all()) == 1


def test_a_goal_from_an_occupation_once(person_client, person):
    for _ in range(2):
        response = person_client.submit(
            "/my-plan/goals/from-occupation", {"occupation": "Orderpicker"}
        )
        assert response.status_code == 302
    goals = db.session.scalars(select(Goal)).all()
    assert [(g.title, g.occupation) for g in goals] == [("Werken als Orderpicker", "Orderpicker")]


def test_other_people_and_other_coaches_get_404(
    person_client, person, make_user, make_client, login
):
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    other = make_client()
    login(make_user(Role.APPLICANT), target=other)
    assert other.get(f"/my-plan/goals/{goal.id}").status_code == 404
    assert other.submit(f"/my-plan/goals/{goal.id}/remove").status_code == 404
    stranger = make_client()
    login(make_user(Role.ECOACH), target=stranger)
    assert stranger.get(f"/coach/people/{person.id}/plan/").status_code == 404
    assert (
        stranger.submit(f"/coach/people/{person.id}/plan/propose/goal", {"title": "X"}).status_code
        == 404
    )
    assert db.session.scalar(select(Proposal)) is None


def test_pdf_and_print_page(person_client):
    _goal(person_client)
    response = person_client.get("/my-plan/plan.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    html = person_client.get("/my-plan/print").get_data(as_text=True)
    assert "Plan van Fatma Yılmaz" in html and "Werk in een magazijn" in html


def test_progress_can_be_saved_when_the_steps_service_is_no_longer_offered(person_client, workshop):
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    person_client.submit(
        f"/my-plan/goals/{goal.id}/actions/new",
        {"what": "Workshop volgen", "service": str(workshop.id), "status": "not_started"},
    )
    action = db.session.scalar(select(Action))
    with unit_of_work():
        db.session.merge(workshop).active = False
    form = {"what": "Workshop volgen", "service": str(workshop.id), "status": "done"}
    assert person_client.submit(f"/my-plan/actions/{action.id}", form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Action, action.id).status == "done"
    # A new step cannot choose it any more.
    response = person_client.submit(f"/my-plan/goals/{goal.id}/actions/new", form)
    assert response.status_code == 200
    assert len(db.session.scalars(select(Action)).all()) == 1


def test_the_coach_may_propose_a_change_to_a_step_whose_service_is_no_longer_offered(
    person_client, coach_client, person, workshop
):
    _goal(person_client)
    goal = db.session.scalar(select(Goal))
    person_client.submit(
        f"/my-plan/goals/{goal.id}/actions/new",
        {"what": "Workshop volgen", "service": str(workshop.id), "status": "busy"},
    )
    action = db.session.scalar(select(Action))
    with unit_of_work():
        db.session.merge(workshop).active = False
    path = f"/coach/people/{person.id}/plan/actions/{action.id}/propose"
    assert "Workshop solliciteren" in coach_client.get(path).get_data(as_text=True)
    form = {"what": "Workshop afmaken", "service": str(workshop.id)}
    assert coach_client.submit(path, form).status_code == 302
    assert db.session.scalar(select(Proposal)).data["service_id"] == workshop.id


def test_the_fourth_comment_on_a_plan_within_the_hour_is_refused(
    person_client, coach_client, person, monkeypatch
):
    """An account writes at most limits.WRITING_LIMIT comments an hour (here 3)."""
    monkeypatch.setattr(limits, "WRITING_LIMIT", 3)
    url = f"/coach/people/{person.id}/plan/comments"
    for n in range(3):
        assert coach_client.submit(url, {"text": f"Opmerking {n}"}).status_code == 302
    response = coach_client.submit(url, {"text": "Nog een opmerking"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Wacht 60 minuten" in html and 'id="text-error"' in html
    assert "Nog een opmerking" in html
    # Counted per account: the person can still write.
    assert person_client.submit("/my-plan/comments", {"text": "Dank u"}).status_code == 302
    assert _comments() == 4


def _comments() -> int:
    db.session.expire_all()
    return len(db.session.scalars(select(Comment)).all())
