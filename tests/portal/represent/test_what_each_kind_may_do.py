"""What a representative may see and do, per kind of mandate (authz.MANDATE_PERMISSIONS) as a
matrix; an end date or an ending stops access at once; what they do is marked and listed; mail
about the person reaches them by topic."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.authz import MANDATE_PERMISSIONS
from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage, queue_mail
from portal.mandates import Kind, Mandate, MandateAction
from portal.messages.models import Message
from portal.roles import Role
from tests.portal.represent.conftest import choose, mandate

# The person's pages by area: (path, status when the kind allows it).
PAGES = {
    "checklist": ("/search-period/", 200),
    "letters": ("/letters/", 200),
    "questionnaire": ("/questions/", 200),
    "messages": ("/messages/", 200),
    "werkmap": ("/werkmap/", 200),
    "result": ("/questions/entreevragenlijst/result", 302),  # nothing sent yet: to the list
}
ALLOWED = {
    "bewind": {"checklist", "letters"},
    "mentorschap": {"checklist", "letters", "questionnaire", "messages", "result"},
    "curatele": {"checklist", "letters", "questionnaire", "messages", "result", "werkmap"},
    "machtiging": {"checklist", "letters", "messages"},
}
# Never for a representative, whatever the kind: the person's own account settings.
NEVER = ["/my-help/", "/my-representatives/", "/search-period/end", "/my-coach/"]


def test_the_table_has_every_kind():
    assert set(MANDATE_PERMISSIONS) == {k.value for k in Kind} == set(ALLOWED)


@pytest.mark.parametrize("kind", sorted(ALLOWED))
@pytest.mark.parametrize("area", sorted(PAGES))
def test_scope_per_kind(kind, area, client, login, person, representative):
    choose_for = mandate(person, representative, kind)
    login(representative)
    choose(client, choose_for)
    path, ok = PAGES[area]
    expected = ok if area in ALLOWED[kind] else 403
    assert client.get(path).status_code == expected, (kind, area)
    for path in NEVER:
        assert client.get(path).status_code == 403, (kind, path)


def _acting(client, login, person, representative, kind="machtiging"):
    chosen = mandate(person, representative, kind)
    login(representative)
    choose(client, chosen)
    assert client.get("/search-period/").status_code == 200
    return chosen


def test_an_end_date_stops_access_the_next_day(client, login, person, representative):
    chosen = _acting(client, login, person, representative, "bewind")
    with unit_of_work():
        db.session.get(Mandate, chosen).ends_on = today(utcnow()) - timedelta(days=1)
    assert client.get("/search-period/").status_code == 403
    assert "Piet Cliënt" not in client.get("/represent/").get_data(as_text=True)


def test_staff_ending_stops_access_at_once(
    client, make_client, login, make_user, person, representative
):
    chosen = _acting(client, login, person, representative, "curatele")
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    ended = desk.submit(f"/people/{person.id}/representatives/{chosen}/end")
    assert ended.status_code == 302
    assert client.get("/search-period/").status_code == 403
    assert client.get("/messages/").status_code == 403


def test_the_person_ends_a_consent_but_not_a_court_decision(
    client, make_client, login, person, representative, make_user
):
    chosen = _acting(client, login, person, representative, "machtiging")
    court = mandate(person, make_user(Role.REPRESENTATIVE), "bewind")
    own = make_client()
    login(person, target=own)
    page = own.get("/my-representatives/").get_data(as_text=True)
    assert "Alleen de rechter kan het stoppen." in page
    assert own.submit(f"/my-representatives/{court}/end").status_code == 404
    assert own.submit(f"/my-representatives/{chosen}/end").status_code == 302
    assert client.get("/search-period/").status_code == 403
    other = make_client()
    login(make_user(Role.APPLICANT), target=other)
    assert other.submit(f"/my-representatives/{court}/end").status_code == 404


def test_what_a_representative_does_is_marked_and_listed(
    client, make_client, login, make_user, person, representative
):
    _acting(client, login, person, representative, "machtiging")
    today_ = today(utcnow())
    saved = client.submit(
        "/search-period/uwv",
        {
            "registered_on-day": today_.day,
            "registered_on-month": today_.month,
            "registered_on-year": today_.year,
        },
    )
    assert saved.status_code == 302
    assert client.submit("/messages/", {"body": "Vraag over de brief."}).status_code == 302
    kinds = db.session.scalars(select(MandateAction.kind).order_by(MandateAction.id)).all()
    assert kinds == ["checklist", "message"]
    message = db.session.scalar(select(Message))
    assert message.from_person and message.author_id == representative.id
    thread = client.get("/messages/").get_data(as_text=True)
    assert "Gedaan door Bea Bewind voor Piet Cliënt" in thread
    own = make_client()
    login(person, target=own)
    page = own.get("/my-representatives/").get_data(as_text=True)
    assert "Gedaan door Bea Bewind voor Piet Cliënt" in page
    assert "Iets ingevuld voor uw eerste vier weken" in page
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    staff = desk.get(f"/people/{person.id}/representatives/").get_data(as_text=True)
    assert "Gedaan door Bea Bewind voor Piet Cliënt" in staff


def test_mail_about_the_person_goes_to_representatives_by_topic(
    app, person, representative, make_user
):
    mentor = make_user(Role.REPRESENTATIVE, name="Max Mentor")
    mandate(person, representative, "bewind")
    mandate(person, mentor, "mentorschap")
    with app.test_request_context(), unit_of_work():
        queue_mail(person.email, "supplementary_ready", "nl", user=person, link="http://x/")
        queue_mail(
            person.email,
            "reminder",
            "nl",
            user=person,
            days_left=3,
            link="http://x/",
            items=[],
            application=SimpleNamespace(period_last_day=date(2026, 12, 1)),
        )
        queue_mail(person.email, "reset_password", "nl", user=person, secret={"link": "x"})
    copies = db.session.execute(
        select(OutboxMessage.recipient, OutboxMessage.subject).where(
            OutboxMessage.recipient != person.email
        )
    ).all()
    to = sorted((r, s.split(":")[0]) for r, s in copies)
    assert to == sorted(
        [
            (mentor.email, "Kopie voor u"),  # the new questions: a mentor, not a bewindvoerder
            (mentor.email, "Kopie voor u"),  # the reminder: both
            (representative.email, "Kopie voor u"),
        ]
    )
    copied = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient != person.email)
    ).all()
    assert all(m.secret is None and "[[secret" not in m.body_text for m in copied)
    listed = db.session.scalars(
        select(OutboxMessage.topic).where(OutboxMessage.about_id == person.id)
    )
    assert set(listed) == {"obligations", "questionnaire"}  # the reset mail is no letter
