"""Mails, the application letter and the .ics invitation in the applicant's language: Arabic
(right to left) and Tigrinya (Ge'ez script), read back from what was queued or printed."""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po
from icalendar import Calendar
from sqlalchemy import select

from portal import clock
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage, text_to_send
from portal.roles import Role
from portal.searchperiod import consult_services, services
from tests.portal.test_translations import ROOT

TODAY = clock.today(utcnow())


def _(locale: str, msgid: str) -> str:
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)[msgid].string


def _mails() -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


BORN = {"born_on-day": "15", "born_on-month": "3", "born_on-year": "1990"}


@pytest.mark.parametrize("locale", ["ar", "ti"])
def test_the_activeringsmail_is_in_the_language_of_the_page_applied_on(client, locale):
    client.submit("/language", {"locale": locale})
    client.submit("/apply", {"name": "Samira Haddad", "email": "samira@example.nl", **BORN})
    [confirm] = _mails()  # first the owner of the address confirms, in the same language
    assert confirm.subject == _(locale, "Confirm your application for social assistance")
    token = re.search(r"/apply/confirm\?token=(\S+)", text_to_send(confirm))[1]
    client.submit("/apply/confirm", {"token": token})
    mail = _mails()[-1]
    assert mail.subject == _(locale, "Your application: look for work in the next four weeks")
    for msgid in ("Make a CV.", "Open your account in the portal with this link:"):
        assert _(locale, msgid) in mail.body_text
    last_day = clock.today(utcnow()) + timedelta(days=27)
    assert format_date(last_day, "full", locale=locale) in mail.body_text
    assert "/activate?token=" in text_to_send(mail)


@pytest.mark.parametrize(("locale", "direction"), [("ar", "rtl"), ("ti", "ltr")])
def test_the_letter_is_printed_in_the_applicants_language(client, login_as, locale, direction):
    login_as(Role.CONSULTANT)
    data = {"name": "Ahmad Haidari", "applied_on": TODAY.isoformat(), "language": locale, **BORN}
    html = client.submit("/search-period/register", data).text
    assert '<html lang="nl"' in html  # the consultant's page stays Dutch
    letter = html.split('<article class="portal-letter"', 1)[1].split("</article>", 1)[0]
    assert letter.startswith(f' lang="{locale}" dir="{direction}">')
    assert _(locale, "Your account on the portal") in letter
    assert _(locale, "The code works once, for 60 days. Keep this letter safe.") in letter
    assert re.search(r'<bdi dir="ltr">https?://[^<]+/activate-code</bdi>', letter)
    assert 'class="portal-code" dir="ltr"' in letter


def test_the_invitation_and_its_calendar_file_are_in_arabic(app, make_user):
    consultant = make_user(Role.CONSULTANT)
    with unit_of_work():
        application = services.register(
            services.Registration(
                name="Samira Haddad",
                born_on=date(1990, 3, 15),
                applied_on=TODAY - timedelta(days=27),
                email="samira@example.nl",
            ),
            "consultant",
            db.session.merge(consultant),
            utcnow(),
            "ar",
        ).application
    starts = datetime.combine(TODAY + timedelta(days=3), time(9, 30), tzinfo=UTC)
    with unit_of_work():
        consult_services.invite(
            db.session.merge(consultant),
            db.session.merge(application),
            starts,
            "phone",
            "06-12345678",
            utcnow(),
        )
    mail = _mails()[-1]
    summary = _("ar", "First conversation about your application")
    assert mail.attachment_name == "gesprek.ics"
    [event] = Calendar.from_ical(mail.attachment_text).walk("VEVENT")
    assert str(event["SUMMARY"]) == summary
    assert mail.body_text and any("\u0600" <= ch <= "\u06ff" for ch in mail.subject)
