"""Registering applications: yourself, by a consultant, at a STIP; mail or letter; duplicates."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import clock
from portal.db import db, unit_of_work, utcnow
from portal.domain import DomainError
from portal.mail import OutboxMessage, text_to_send
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services
from portal.searchperiod.models import Application
from tests.conftest import PASSWORD

TODAY = clock.today(utcnow())
ADULT = {
    "name": "Jan Jansen",
    "born_on": "1980-05-17",
    "email": "jan@example.nl",
    "phone": "0612345678",
}


def _mails() -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _applications() -> list[Application]:
    db.session.expire_all()
    return db.session.scalars(select(Application).order_by(Application.id)).all()


def apply_and_confirm(client, data: dict) -> str:
    """Apply at /apply and follow the confirmation link from the mail; the outcome page."""
    client.submit("/apply", data)
    mail = [
        m
        for m in _mails()
        if m.recipient == data["email"] and "/apply/confirm?token=" in text_to_send(m)
    ][-1]
    token = re.search(r"/apply/confirm\?token=(\S+)", text_to_send(mail)).group(1)
    return client.submit("/apply/confirm", {"token": token}).get_data(as_text=True)


def test_apply_yourself_sends_the_activeringsmail(client):
    html = apply_and_confirm(client, ADULT)
    assert "Uw aanvraag is bevestigd" in html
    [application] = _applications()
    assert application.channel == "self" and application.applied_on == TODAY
    assert application.period_last_day == TODAY + timedelta(days=27)
    assert not application.under_27
    [confirmation, mail] = _mails()
    assert confirmation.recipient == mail.recipient == "jan@example.nl"
    assert mail.subject == "Uw aanvraag: zoek werk in de komende vier weken"
    assert "Blijf bij UWV (werk.nl) ingeschreven als werkzoekende." in mail.body_text
    assert "/activate?token=" in text_to_send(mail) and "/info" in mail.body_text
    assert "school" not in mail.body_text  # 27 and older: only work
    link = re.search(r"http://portal\.test(/activate\?token=\S+)", text_to_send(mail)).group(1)
    assert (
        client.submit(
            link, {"password": "een nieuwe wachtzin", "confirm": "een nieuwe wachtzin"}
        ).status_code
        == 302
    )
    assert client.get("/start").headers["Location"] == "/applicant"


def test_mail_in_the_chosen_language(client):
    client.submit("/language", {"locale": "en"})
    apply_and_confirm(client, ADULT)
    [confirmation, mail] = _mails()
    assert confirmation.subject == "Confirm your application for social assistance"
    assert mail.subject == "Your application: look for work in the next four weeks"


def test_under_27_needs_the_uwv_date_and_gets_the_school_item(client):
    young = {**ADULT, "born_on": "2002-01-01", "email": "young@example.nl"}
    html = client.submit("/apply", young).get_data(as_text=True)
    assert "Jonger dan 27: vul de datum van de inschrijving bij UWV in." in html
    assert 'value="young@example.nl"' in html and not _applications()
    uwv = (TODAY - timedelta(days=3)).isoformat()
    apply_and_confirm(client, {**young, "uwv_registered_on": uwv})
    [application] = _applications()
    assert application.under_27 and application.period_start == TODAY - timedelta(days=3)
    assert "kijk ook of u weer naar school kunt" in _mails()[-1].body_text


def test_duplicate_is_refused_and_points_to_the_existing_one(client, login_as):
    apply_and_confirm(client, ADULT)
    login_as(Role.CONSULTANT)
    again = client.submit(
        "/search-period/register",
        {**ADULT, "name": "  jan   JANSEN ", "email": "j2@example.nl", "applied_on": TODAY},
    )
    html = again.get_data(as_text=True)
    assert "Er is al een open aanvraag voor deze persoon" in html
    assert len(_applications()) == 1 and len(_mails()) == 2


def test_database_refuses_two_open_applications_for_one_person(app):
    data = services.Registration(name="Eva Dubbel", born_on=date(1970, 1, 1), applied_on=TODAY)
    with unit_of_work():
        first = services.register(data, "self", None, utcnow(), "nl").application
    twin = Application(
        applicant_id=first.applicant_id,
        name=first.name,
        born_on=first.born_on,
        applied_on=TODAY,
        under_27=False,
        period_start=TODAY,
        period_last_day=TODAY,
        channel="self",
        status="open",
        person_key=first.person_key,
    )
    with pytest.raises(IntegrityError), unit_of_work():
        db.session.add(twin)
    with unit_of_work():  # a closed one for the same person is fine
        twin.status = "ended"
        db.session.add(twin)


def test_double_submit_in_the_same_moment_gives_the_clear_message(app, monkeypatch):
    data = services.Registration(name="Eva Dubbel", born_on=date(1970, 1, 1), applied_on=TODAY)
    with unit_of_work():
        services.register(data, "self", None, utcnow(), "nl")
    looked = []
    original = services._duplicate

    def not_yet_visible_once(key):  # the other request's row was not committed when we looked
        looked.append(key)
        return None if len(looked) == 1 else original(key)

    monkeypatch.setattr(services, "_duplicate", not_yet_visible_once)
    with (
        pytest.raises(DomainError, match=r"Er is al een open aanvraag|already an open"),
        unit_of_work(),
    ):
        services.register(data, "self", None, utcnow(), "nl")
    assert len(_applications()) == 1


def test_consultant_registers_and_the_mail_goes_out(client, login_as):
    consultant = login_as(Role.CONSULTANT)
    page = client.get("/search-period/register").get_data(as_text=True)
    assert f'value="{TODAY.isoformat()}"' in page  # the application date defaults to today
    applied = (TODAY - timedelta(days=2)).isoformat()
    response = client.submit("/search-period/register", {**ADULT, "applied_on": applied})
    assert response.status_code == 302
    [application] = _applications()
    assert application.channel == "consultant" and application.registered_by_id == consultant.id
    assert application.applied_on == TODAY - timedelta(days=2)
    assert len(_mails()) == 1


def test_stip_registers_someone_without_email_and_prints_a_letter(client, login_as):
    login_as(Role.STIP)
    data = {**ADULT, "email": "", "applied_on": TODAY.isoformat()}
    html = client.submit("/search-period/register", data).get_data(as_text=True)
    code = re.search(r'class="portal-code"[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<', html).group(1)
    assert "/activate-code" in html and "Beste Jan Jansen," in html
    [application] = _applications()
    assert application.channel == "stip" and application.email is None
    assert _mails() == []
    client.submit("/logout")
    wrong = client.submit(
        "/activate-code",
        {
            "code": code,
            "born_on": "1980-05-18",
            "email": "jan@example.nl",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert "De code of de geboortedatum klopt niet." in wrong.get_data(as_text=True)
    ok = client.submit(
        "/activate-code",
        {
            "code": code.lower().replace("-", " "),
            "born_on": "1980-05-17",
            "email": "Jan@Example.nl",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert ok.status_code == 302
    assert client.get("/start").headers["Location"] == "/applicant"
    user = db.session.scalar(select(User).where(User.email == "jan@example.nl"))
    assert user is not None and user.is_activated
    client.submit("/logout")
    used = client.submit(
        "/activate-code",
        {
            "code": code,
            "born_on": "1980-05-17",
            "email": "other@example.nl",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert "De code of de geboortedatum klopt niet." in used.get_data(as_text=True)


def test_staff_email_cannot_be_used_for_an_application(client, login_as, make_user):
    staff = make_user(Role.ECOACH)
    login_as(Role.CONSULTANT)
    html = client.submit(
        "/search-period/register", {**ADULT, "email": staff.email, "applied_on": TODAY.isoformat()}
    )
    assert "hoort bij een account van een medewerker" in html.get_data(as_text=True)
    assert _applications() == []


def test_existing_applicant_account_is_reused(client, make_user):
    applicant = make_user(Role.APPLICANT, email="jan@example.nl")
    apply_and_confirm(client, ADULT)
    [application] = _applications()
    assert application.applicant_id == applicant.id
    assert "/login" in _mails()[-1].body_text  # already has a password: sign in, no new link


def test_invalid_date_is_shown_next_to_the_field(client):
    html = client.submit("/apply", {**ADULT, "born_on": "17-05"}).get_data(as_text=True)
    assert 'id="born_on-error"' in html and 'value="Jan Jansen"' in html


def test_a_uwv_date_in_the_future_is_refused(client):
    young = {**ADULT, "born_on": "2002-01-01", "email": "young@example.nl"}
    future = TODAY + timedelta(days=5)
    typed = {"day": str(future.day), "month": str(future.month), "year": str(future.year)}
    parts = {f"uwv_registered_on-{part}": value for part, value in typed.items()}
    response = client.submit("/apply", {**young, **parts})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and not _applications()
    assert "Deze datum ligt in de toekomst." in html and 'id="uwv_registered_on-error"' in html
    for part, value in typed.items():  # the day, month and year boxes keep what was typed
        assert re.search(rf'id="uwv_registered_on-{part}"[^>]*value="{value}"', html)


def test_an_old_uwv_date_never_mails_a_deadline_in_the_past(client):
    young = {**ADULT, "born_on": "2002-01-01", "email": "young@example.nl"}
    apply_and_confirm(client, {**young, "uwv_registered_on": "2023-05-01"})
    [application] = _applications()
    assert application.period_start == TODAY and application.period_last_day >= TODAY


def test_under_27_are_not_told_they_applied_already(client):
    young = {**ADULT, "born_on": "2002-01-01", "email": "young@example.nl"}
    apply_and_confirm(client, {**young, "uwv_registered_on": TODAY.isoformat()})
    apply_and_confirm(client, ADULT)
    young_mail, adult_mail = [m for m in _mails() if "/apply/confirm" not in text_to_send(m)]
    assert "U heeft bijstand aangevraagd" not in young_mail.body_text
    assert "Na die vier weken kunt u de uitkering aanvragen" in young_mail.body_text
    assert "U heeft bijstand aangevraagd" in adult_mail.body_text
