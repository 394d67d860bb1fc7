"""What a volunteer may not do even inside a session: change the sensitive answers (health,
addiction, debts) that feed the advice; mail codes without limit; cancel another kind of code."""

import re

import pytest
from sqlalchemy import select

from portal.auth import token_services as tokens
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.mail import OutboxMessage
from portal.roles import Role
from portal.searchperiod.models import Application
from tests.portal.stip.conftest import BORN

HEALTH = {"health_general": "very_poor", "health_limits": "cannot_work_now", "addiction": "yes"}


def _answers(person) -> dict:
    db.session.expire_all()
    return dict(intake.latest(person, "entreevragenlijst").answers)


def test_posted_sensitive_answers_are_ignored_in_a_session(helping, person, make_response):
    make_response(person, submit=False)  # saved by the person: health good, no debts
    before = _answers(person)
    response = helping.submit("/questions/entreevragenlijst/page/health", HEALTH)
    assert response.status_code == 302
    response = helping.submit(
        "/questions/entreevragenlijst/page/situation",
        {
            "debts": "yes_no_help",
            "housing": "no",
            "care": "yes",
            "hours_available": "20",
            "transport": "car",
        },
    )
    assert response.status_code == 302
    after = _answers(person)
    for question in ("health_general", "health_limits", "addiction", "debts"):
        assert after[question] == before[question], question
    assert (after["housing"], after["care"], after["transport"]) == ("no", "yes", "car")


def test_a_volunteer_cannot_add_sensitive_answers_either(helping, person):
    helping.submit("/questions/entreevragenlijst/start")
    helping.submit("/questions/entreevragenlijst/page/health", HEALTH)
    assert not set(HEALTH) & set(_answers(person))


def test_a_volunteer_gets_no_fields_for_sensitive_questions(helping, person, make_response):
    make_response(person, submit=False)
    html = helping.get("/questions/entreevragenlijst/page/health").get_data(as_text=True)
    assert 'name="health_general"' not in html and 'name="addiction"' not in html
    assert "beantwoordt deze vragen zelf" in html
    html = helping.get("/questions/entreevragenlijst/page/situation").get_data(as_text=True)
    assert 'name="debts"' not in html and 'name="housing"' in html


def _send(client, email: str, address: str = "10.1.1.1"):
    return client.submit(
        "/help-point/send-code", {"email": email}, environ_base={"REMOTE_ADDR": address}
    )


def _code_mails(to: str | None = None) -> list[OutboxMessage]:
    db.session.expire_all()
    mails = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.subject == "Uw code voor het hulppunt")
    ).all()
    return [m for m in mails if to is None or m.recipient == to]


def test_codes_by_mail_are_limited_per_address(client, login, person, volunteer, make_app, app):
    login(volunteer)
    for _ in range(5):
        response = _send(client, person.email)
        assert response.status_code == 302
    assert len(_code_mails(person.email)) == 3


def test_codes_by_mail_are_limited_per_volunteer_across_app_instances(
    login, person, volunteer, make_app, app
):
    first, second = make_app().test_client(), make_app().test_client()
    login(volunteer, target=first)
    login(volunteer, target=second)
    for n in range(20):
        assert _send(first if n % 2 else second, f"iemand{n}@example.nl").status_code == 302
    refused = _send(first, person.email)
    assert refused.status_code == 429
    assert "U heeft dit uur al veel codes laten mailen" in refused.get_data(as_text=True)
    assert _code_mails(person.email) == []


@pytest.fixture
def letter_code(person, make_user, make_client, login):
    application = db.session.scalar(
        select(Application).where(Application.applicant_id == person.id)
    )
    consultant = make_client()
    login(make_user(Role.CONSULTANT), target=consultant)
    html = consultant.submit(f"/consult/{application.id}/help-letter").get_data(as_text=True)
    return re.search(r'<p class="portal-code"[^>]*>([A-Z0-9-]+)</p>', html).group(1)


def test_codes_of_another_kind_do_not_cancel_the_letter(
    client, login, person, volunteer, letter_code, make_client
):
    own = make_client()
    login(person, target=own)
    assert "Uw code is:" in own.submit("/my-help/code").get_data(as_text=True)
    login(volunteer)
    _send(client, person.email)
    assert len(_code_mails(person.email)) == 1
    response = client.submit("/help-point/", {"born_on": BORN.isoformat(), "code": letter_code})
    assert response.headers["Location"] == "/help-point/consent"


def test_a_new_code_of_the_same_kind_replaces_the_old_one(person):
    with unit_of_work():
        first = tokens.help_code(db.session.merge(person), utcnow())
        second = tokens.help_code(db.session.merge(person), utcnow())
    assert tokens.find_help_code(first, utcnow()) is None
    assert tokens.find_help_code(second, utcnow()) is not None
