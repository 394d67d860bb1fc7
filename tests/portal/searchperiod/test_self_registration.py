"""Applying yourself (anonymous /apply): the page reveals nothing, nothing is made in anyone's
file until the owner of the email address confirms, and attempts are limited in the database."""

import json
import logging
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal import clock
from portal.audit import AuditEvent
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage, text_to_send
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services
from portal.searchperiod.models import Application, PendingRegistration

TODAY = clock.today(utcnow())
CSRF = re.compile(r'name="csrf_token" (type="hidden" )?value="[^"]+"')
KEY = re.compile(r'name="form_key" (type="hidden" )?value="[^"]*"')
CONFIRM = re.compile(r"http://portal\.test(/apply/confirm\?token=\S+)")


def _mails(to: str | None = None) -> list[OutboxMessage]:
    db.session.expire_all()
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if to is not None:
        query = query.where(OutboxMessage.recipient == to)
    return list(db.session.scalars(query))


def _applications() -> list[Application]:
    db.session.expire_all()
    return list(db.session.scalars(select(Application).order_by(Application.id)))


def _applicants() -> list[User]:
    db.session.expire_all()
    return list(db.session.scalars(select(User).where(User.role == Role.APPLICANT)))


def _form(name: str, born_on: str, email: str, **extra) -> dict:
    return {"name": name, "born_on": born_on, "email": email, "phone": "", **extra}


@pytest.fixture
def victim(make_user):
    """Someone with an account and an open application (registered at a consultant's desk)."""
    user = make_user(Role.APPLICANT, email="vera@example.nl", name="Vera Visser")
    with unit_of_work():
        services.register(
            services.Registration(
                name=user.name,
                born_on=date(1975, 6, 1),
                email=user.email,
                applied_on=TODAY - timedelta(days=5),
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )
    _mails()  # (loads nothing; the registration mail is the victim's own)
    return user


def _confirm_link(to: str) -> str:
    [mail] = [m for m in _mails(to) if "/apply/confirm?token=" in text_to_send(m)]
    return CONFIRM.search(text_to_send(mail)).group(1)


def test_apply_makes_nothing_in_anyones_file_before_the_address_is_confirmed(client, victim):
    before = (len(_applications()), len(_applicants()), len(_mails()))
    # Someone else's email address with a made-up name and date of birth.
    response = client.submit("/apply", _form("Xander Zwart", "1999-09-09", "vera@example.nl"))
    assert response.status_code == 200
    assert (len(_applications()), len(_applicants())) == before[:2]
    [mail] = _mails()[before[2] :]
    assert mail.recipient == "vera@example.nl"
    assert "/apply/confirm?token=" in text_to_send(mail)
    assert "Xander" not in mail.body_text and "1999" not in mail.body_text  # no typed-in text
    assert not db.session.scalars(
        select(AuditEvent).where(AuditEvent.actor_id == victim.id, AuditEvent.at > utcnow())
    ).all()


def _normalised(html: str, email: str) -> str:
    return KEY.sub("", CSRF.sub("", html)).replace(email, "EMAIL")


def test_the_same_answer_for_every_input(client, make_client, victim, make_user):
    make_user(Role.CONSULTANT, email="karin@gemeente.nl")
    attempts = [
        _form("Nieuw Persoon", "1990-01-01", "nieuw@example.nl"),  # nobody known
        _form("Iemand", "1991-01-01", "vera@example.nl"),  # an applicant's address
        _form("Vera Visser", "1975-06-01", "ander@example.nl"),  # an open application
        _form("Karin", "1980-01-01", "karin@gemeente.nl"),  # a staff address
    ]
    pages = set()
    for data in attempts:
        response = make_client().submit("/apply", data)
        assert response.status_code == 200
        pages.add(_normalised(response.get_data(as_text=True), data["email"]))
    assert len(pages) == 1
    [page] = pages
    assert "Kijk in uw e-mail" in page and "EMAIL" in page
    assert "open aanvraag" not in page and "medewerker" not in page


def test_the_owner_confirms_and_the_application_is_made(client):
    client.submit("/apply", _form("Jan Jansen", "1980-05-17", "jan@example.nl"))
    assert not _applications()
    link = _confirm_link("jan@example.nl")
    page = client.get(link).get_data(as_text=True)
    assert "Bevestig uw aanvraag" in page and "Jan Jansen" in page
    assert not _applications()  # a GET changes nothing
    token = link.split("token=", 1)[1]
    response = client.submit("/apply/confirm", {"token": token})
    assert "Uw aanvraag is bevestigd" in response.get_data(as_text=True)
    [application] = _applications()
    assert application.channel == "self" and application.applied_on == TODAY
    assert application.applicant.email == "jan@example.nl"
    [mail] = [m for m in _mails("jan@example.nl") if "/activate?token=" in text_to_send(m)]
    assert mail.subject == "Uw aanvraag: zoek werk in de komende vier weken"
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "application.register")
    ).all()
    assert event.actor_id == application.applicant_id


def test_the_link_works_once_and_expires(client, app):
    client.submit("/apply", _form("Jan Jansen", "1980-05-17", "jan@example.nl"))
    token = _confirm_link("jan@example.nl").split("token=", 1)[1]
    first = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    again = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    assert "Uw aanvraag is bevestigd" in first and "Uw aanvraag is bevestigd" in again
    assert len(_applications()) == 1  # the second press shows the result of the first
    assert "werkt niet meer" in client.get("/apply/confirm?token=not-a-token").get_data(
        as_text=True
    )

    client.submit("/apply", _form("Piet Pieters", "1970-01-01", "piet@example.nl"))
    late = _confirm_link("piet@example.nl").split("token=", 1)[1]
    with unit_of_work():
        for pending in db.session.scalars(select(PendingRegistration)):
            pending.expires_at = utcnow() - timedelta(seconds=1)
    page = client.submit("/apply/confirm", {"token": late}).get_data(as_text=True)
    assert "werkt niet meer" in page and len(_applications()) == 1


def test_someone_elses_name_and_birth_date_never_reach_their_file(client, victim):
    client.submit("/apply", _form("Vera Visser", "1975-06-01", "boef@example.nl"))
    token = _confirm_link("boef@example.nl").split("token=", 1)[1]
    page = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    assert "We kunnen uw aanvraag niet online afronden" in page
    assert "1975" not in page and "Vera" not in page
    [application] = _applications()
    assert application.applicant_id == victim.id and application.born_on == date(1975, 6, 1)
    assert [u.email for u in _applicants()] == ["vera@example.nl"]
    assert not [m for m in _mails("vera@example.nl") if "confirm" in text_to_send(m)]


def test_a_confirmed_owner_gets_the_application_in_their_own_file(client, make_user):
    owner = make_user(Role.APPLICANT, email="olga@example.nl", name="Olga Oud")
    client.submit("/apply", _form("Olga de Vries", "1982-02-02", "olga@example.nl"))
    token = _confirm_link("olga@example.nl").split("token=", 1)[1]
    page = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    assert "Uw aanvraag is bevestigd" in page
    [application] = _applications()
    assert application.applicant_id == owner.id and application.name == "Olga de Vries"
    db.session.expire_all()
    assert db.session.get(User, owner.id).name == "Olga Oud"  # the account is not changed


def test_the_owner_of_an_open_application_is_told_so(client, victim):
    client.submit("/apply", _form("Vera Visser", "1975-06-01", "vera@example.nl"))
    token = _confirm_link("vera@example.nl").split("token=", 1)[1]
    page = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    assert "U heeft al een aanvraag" in page
    assert len(_applications()) == 1


def test_a_different_birth_date_for_an_existing_account_is_not_taken(client, victim):
    with unit_of_work():
        db.session.get(Application, _applications()[0].id).status = "ended"
    client.submit("/apply", _form("Vera Visser", "1970-12-31", "vera@example.nl"))
    token = _confirm_link("vera@example.nl").split("token=", 1)[1]
    page = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    assert "We kunnen uw aanvraag niet online afronden" in page
    assert len(_applications()) == 1


def test_a_staff_address_is_told_only_to_its_owner(client, make_user):
    make_user(Role.CONSULTANT, email="karin@gemeente.nl")
    client.submit("/apply", _form("Karin", "1980-01-01", "karin@gemeente.nl"))
    token = _confirm_link("karin@gemeente.nl").split("token=", 1)[1]
    page = client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)
    assert "Dit e-mailadres kunt u niet gebruiken" in page
    assert not _applications()


def test_attempts_per_address_are_limited_without_saying_so(client, make_client):
    for n in range(5):
        response = make_client().submit(
            "/apply",
            _form("Jan Jansen", "1980-05-17", "jan@example.nl"),
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
        assert response.status_code == 200 and "Kijk in uw e-mail" in response.get_data(
            as_text=True
        )
    assert len(_mails("jan@example.nl")) == 3


def test_attempts_per_client_are_limited_across_app_instances(make_app, app):
    first, second = make_app().test_client(), make_app().test_client()
    assert first.application is not second.application
    statuses = []
    for n in range(22):
        web = first if n % 2 else second
        response = web.submit(
            "/apply",
            _form("Persoon", "1980-05-17", f"p{n}@example.nl"),
            environ_base={"REMOTE_ADDR": "192.0.2.7"},
        )
        statuses.append(response.status_code)
    assert statuses[:20] == [200] * 20 and statuses[20:] == [429, 429]
    html = response.get_data(as_text=True)
    assert "Er zijn vanaf deze verbinding te veel aanvragen verstuurd" in html
    assert 'value="p21@example.nl"' in html  # what was typed stays in the form
    assert len(_mails()) == 20


def test_a_double_click_on_apply_sends_one_mail(client):
    page = client.get("/apply").get_data(as_text=True)
    key = re.search(r'name="form_key" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    data = {**_form("Jan Jansen", "1980-05-17", "jan@example.nl"), "form_key": key}
    first = client.submit("/apply", data)
    second = client.submit("/apply", data)
    assert first.status_code == second.status_code == 200
    assert "Kijk in uw e-mail" in second.get_data(as_text=True)
    assert len(_mails("jan@example.nl")) == 1


def test_unconfirmed_registrations_are_deleted_a_day_after_they_expire(client, app):
    client.submit("/apply", _form("Jan Jansen", "1980-05-17", "jan@example.nl"))
    client.submit("/apply", _form("Piet Pieters", "1970-01-01", "piet@example.nl"))
    with unit_of_work():
        old = db.session.scalar(
            select(PendingRegistration).where(PendingRegistration.email == "jan@example.nl")
        )
        old.expires_at = utcnow() - timedelta(days=1, minutes=1)
    output = app.test_cli_runner().invoke(args=["run-scheduled"]).output
    assert "removed: 1 self-registrations" in output
    db.session.expire_all()
    assert [p.email for p in db.session.scalars(select(PendingRegistration))] == ["piet@example.nl"]


def test_limits_and_confirmations_are_security_events_without_personal_data(
    client, make_client, caplog
):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        for _ in range(4):
            make_client().submit("/apply", _form("Jan Jansen", "1980-05-17", "jan@example.nl"))
        first = _mails("jan@example.nl")[0]
        token = CONFIRM.search(text_to_send(first)).group(1).split("token=", 1)[1]
        client.submit("/apply/confirm", {"token": token})
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "portal.security"]
    assert [(e["event"], e["result"]) for e in events] == [
        ("apply.limited", "silent"),
        ("apply.confirm", "registered"),
    ]
    assert not any("jan" in json.dumps(e).lower() for e in events)
