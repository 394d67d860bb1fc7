"""The three-month review and each outcome, the catalogue and referrals, information
meetings with invitations, answers and attendance."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from portal.caseload import services as caseload
from portal.catalogue.models import Referral, Service
from portal.clock import today
from portal.coaching import review_services as reviews
from portal.coaching.models import Handover, Review
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.mail import OutboxMessage
from portal.meetings import services
from portal.meetings.models import Invitation, Meeting
from portal.messages.models import Message
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.portal.html_checks import duplicate_ids, labels_for


@pytest.fixture
def workshop():
    with unit_of_work():
        service = Service(name="Workshop cv maken", kind="workshop", provider="Werkplein")
        db.session.add(service)
    return service


@pytest.mark.parametrize(
    ("form", "outcome_text"),
    [
        ({"outcome": "continue"}, "U gaat door zoals nu"),
        ({"outcome": "workshop", "service": "{workshop}"}, "aangemeld voor een workshop"),
        (
            {"outcome": "klantondersteuning", "reason": "Heeft meer hulp nodig bij taal."},
            "U krijgt meer hulp",
        ),
        ({"outcome": "ended", "end_status": "afspraakbaan"}, "Uw coaching is gestopt."),
    ],
)
def test_each_review_outcome(
    form, outcome_text, client, login, make_user, make_client, zelfdoener, workshop
):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Lotte Evaluatie", coach)
    login(coach)
    data = {k: v.format(workshop=workshop.id) for k, v in form.items()}
    assert client.submit(f"/coach/people/{person.id}/review", data).status_code == 302
    review = db.session.scalar(select(Review))
    assert review.outcome == data["outcome"]
    still_coached = caseload.coach_of(person.id) is not None
    assert still_coached == (data["outcome"] in ("continue", "workshop"))
    if data["outcome"] == "workshop":
        assert db.session.scalar(select(Referral.service_id)) == workshop.id
    if data["outcome"] == "klantondersteuning":
        assert db.session.scalar(select(Handover.person_id)) == person.id
        consultant = make_client()
        login(make_user(Role.CONSULTANT), target=consultant)
        assert "Lotte Evaluatie" in consultant.get("/coach/handovers").get_data(as_text=True)
        html = consultant.get(f"/coach/people/{person.id}").get_data(as_text=True)
        assert "Heeft meer hulp nodig bij taal." in html
    own = make_client()
    login(person, target=own)
    assert outcome_text in own.get("/my-coach/").get_data(as_text=True)


def test_review_needs_what_its_outcome_needs(client, login, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Mo Onvolledig", coach)
    login(coach)
    for data, message in (
        ({"outcome": "klantondersteuning"}, "Leg uit waarom"),
        ({"outcome": "ended"}, "Kies hoe de coaching is geëindigd."),
        ({"outcome": "workshop"}, "Kies een workshop uit het overzicht."),
    ):
        html = client.submit(f"/coach/people/{person.id}/review", data).get_data(as_text=True)
        assert message in html
    assert db.session.scalar(select(Review)) is None


def test_catalogue_and_referral_results(client, login, make_user, make_client, zelfdoener):
    lead = make_client()
    login(make_user(Role.TEAM_LEAD), target=lead)
    assert (
        lead.submit(
            "/catalogue/",
            {"name": "Jobhunting", "kind": "coaching", "provider": "Gemeente", "active": "y"},
        ).status_code
        == 302
    )
    assert (
        lead.submit("/catalogue/", {"name": "Oude cursus", "kind": "training"}).status_code == 302
    )  # not active
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Nina Verwezen", coach)
    login(coach)
    html = client.get(f"/coach/people/{person.id}").get_data(as_text=True)
    assert "Jobhunting" in html and "Oude cursus" not in html
    # The review's workshop and the referral's service were both id="service": the referral's
    # select had no name of its own and the review's was read with both labels.
    assert duplicate_ids(html) == []
    assert labels_for(html, "referral-service") == ["Voorziening"]
    assert labels_for(html, "review-service") == ["Workshop (bij verwijzen)"]
    service = db.session.scalar(select(Service).where(Service.name == "Jobhunting"))
    assert (
        client.submit(
            f"/coach/people/{person.id}/referrals",
            {"service": str(service.id), "referred_on": utcnow().date().isoformat()},
        ).status_code
        == 302
    )
    referral = db.session.scalar(select(Referral))
    client.submit(f"/coach/people/{person.id}/referrals/{referral.id}", {"result": "completed"})
    db.session.refresh(referral)
    assert referral.result == "completed"


def test_meetings_invite_new_zelfdoeners_who_answer_and_attend(
    client, login, make_user, make_client, zelfdoener
):
    coach = make_user(Role.ECOACH)
    login(coach)
    day = (utcnow() + timedelta(days=10)).date().isoformat()
    html = client.submit("/meetings/", {"day": day, "starts": "10:00", "capacity": "2"}).get_data(
        as_text=True
    )
    assert "Geef een plaats of een link" in html
    assert (
        client.submit(
            "/meetings/", {"day": day, "starts": "10:00", "place": "Werkplein", "capacity": "2"}
        ).status_code
        == 302
    )
    meeting = db.session.scalar(select(Meeting))
    first = zelfdoener("Olga Eerste", coach)  # invited when assigned
    second = zelfdoener("Piet Tweede", coach)
    third = zelfdoener("Quinten Derde", coach)  # no room left
    invited = db.session.scalars(select(Invitation.person_id)).all()
    assert sorted(invited) == sorted([first.id, second.id]) and third.id not in invited
    own = make_client()
    login(first, target=own)
    html = own.get("/my-coach/").get_data(as_text=True)
    assert "Komt u?" in html and "Werkplein" in html
    invitation = db.session.scalar(select(Invitation).where(Invitation.person_id == first.id))
    assert (
        own.submit(f"/my-coach/invitations/{invitation.id}", {"answer": "yes"}).status_code == 302
    )
    assert "U heeft gezegd dat u komt." in own.get("/my-coach/").get_data(as_text=True)
    client.submit(f"/meetings/{meeting.id}", {"action": "attendance", "present": [str(first.id)]})
    db.session.expire_all()
    attended = dict(db.session.execute(select(Invitation.person_id, Invitation.attended)).all())
    assert attended == {first.id: True, second.id: False}
    stranger = make_client()
    login(make_user(Role.APPLICANT), target=stranger)
    assert (
        stranger.submit(f"/my-coach/invitations/{invitation.id}", {"answer": "no"}).status_code
        == 404
    )


def test_a_meeting_in_the_past_cannot_be_answered(app, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Rik", coach)
    with unit_of_work():
        meeting = Meeting(
            starts_at=utcnow() - timedelta(hours=1), place="Hier", capacity=5, created_at=utcnow()
        )
        db.session.add(meeting)
        db.session.flush()
        services.invite(meeting, [person.id], utcnow())
    invitation = db.session.scalar(select(Invitation))
    with pytest.raises(DomainError), unit_of_work():
        services.answer(invitation, True, utcnow())


def test_an_invitation_to_a_meeting_is_mailed_to_the_applicant(app, make_user, zelfdoener):
    """Invitations only appeared under "My e-coach"; nothing told the applicant to look."""
    coach = make_user(Role.ECOACH)
    with unit_of_work():
        services.plan(utcnow() + timedelta(days=10), "Werkplein, zaal 2", "", 5, utcnow())
    person = zelfdoener("Olga Eerste", coach)  # invited when assigned
    mails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == person.email))
    invite = [m for m in mails if "informatiebijeenkomst" in m.subject]
    assert len(invite) == 1
    assert "Werkplein, zaal 2" in invite[0].body_text and "/my-coach/" in invite[0].body_text


def test_the_evidence_for_the_review_is_counted_in_one_statement(app, make_user, zelfdoener):
    """What the person did since becoming a Zelfdoener: six counts, one statement after the
    start date (failed before: seven statements, a round trip each on the coach's file)."""
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Eva Bewijs", coach)
    on = today(utcnow())
    with unit_of_work():
        for n, kind in enumerate(("application", "open_application", "network_contact")):
            db.session.add(LogEntry(owner_id=person.id, day=on, kind=kind, organisation=f"B{n}"))
        for text, author in (("Vraag", person), ("Antwoord", coach), ("Nog iets", coach)):
            db.session.add(
                Message(
                    person_id=person.id,
                    author_id=author.id,
                    from_person=author is person,
                    body=text,
                    at=utcnow(),
                )
            )
    engine = app.extensions["db_engine"]
    statements: list[str] = []
    listener = lambda _c, _k, statement, *_a: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        found = reviews.evidence(person.id)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert found is not None and len(statements) == 2
    assert (found.applications, found.activities) == (2, 3)
    assert (found.messages_from_person, found.messages_to_person) == (1, 2)
    assert (found.referrals, found.meetings_attended) == (0, 0)
