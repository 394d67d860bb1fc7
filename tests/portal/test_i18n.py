"""Dutch by default, English on request, remembered on the account."""

import re
from datetime import UTC, datetime

import pytest
from flask_babel import force_locale, format_datetime

from portal import i18n
from portal.db import db
from portal.i18n import LOCALES
from portal.roles import Role


def test_dutch_is_the_default(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="nl"' in html and "Inloggen" in html


def test_switch_to_english_and_back(client):
    response = client.submit("/language", {"locale": "en", "next": "/login"})
    assert response.headers["Location"] == "/login"
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en"' in html and "Sign in" in html and "Inloggen" not in html
    client.submit("/language", {"locale": "nl"})
    assert "Inloggen" in client.get("/login").get_data(as_text=True)


def test_unknown_locale_is_refused(client):
    assert client.submit("/language", {"locale": "xx"}).status_code == 400


def test_language_choice_is_saved_on_the_account_and_survives_sign_in(
    make_client, client, login_as
):
    user = login_as(Role.APPLICANT)
    client.submit("/language", {"locale": "en"})
    db.session.expire_all()
    assert db.session.get(type(user), user.id).locale == "en"
    other = make_client()
    other.submit("/login", {"email": user.email, "password": "correct horse battery"})
    assert '<html lang="en"' in other.get("/account/").get_data(as_text=True)


def test_unsafe_next_after_language_switch_goes_home(client):
    response = client.submit("/language", {"locale": "en", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"


def test_first_visit_follows_accept_language(client):
    html = client.get("/login", headers={"Accept-Language": "ar-SY,ar;q=0.9,en;q=0.5"}).text
    assert '<html lang="ar" dir="rtl"' in html
    html = client.get("/login", headers={"Accept-Language": "uk,ru;q=0.8"}).text
    assert '<html lang="uk" dir="ltr"' in html
    html = client.get("/login", headers={"Accept-Language": "fr-FR,de;q=0.8"}).text
    assert '<html lang="nl" dir="ltr"' in html


def test_the_choice_beats_accept_language_and_is_kept_in_a_cookie(client, make_client):
    response = client.submit("/language", {"locale": "ti", "next": "/login"})
    cookie = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("portal_locale=ti;") and "HttpOnly" in c for c in cookie)
    html = client.get("/login", headers={"Accept-Language": "pl"}).text
    assert '<html lang="ti"' in html
    # a new browser session with only the remembered cookie
    other = make_client()
    other.set_cookie("portal_locale", "tr")
    assert '<html lang="tr"' in other.get("/login", headers={"Accept-Language": "pl"}).text
    other.set_cookie("portal_locale", "xx")  # a forged cookie is ignored
    assert '<html lang="pl"' in other.get("/login", headers={"Accept-Language": "pl"}).text


def test_switcher_names_each_language_in_its_own_script(client):
    html = client.get("/login").text
    for code, name in [("ar", "العربية"), ("tr", "Türkçe"), ("pl", "Polski")]:
        assert f'value="{code}" lang="{code}"' in html and name in html
    assert "Українська" in html and "ትግርኛ" in html
    assert 'value="ar" lang="ar" dir="rtl"' in html


def test_staff_pages_offer_only_dutch_and_english(client, login_as):
    login_as(Role.CONSULTANT)
    html = client.get("/account/", headers={"Accept-Language": "ar"}).text
    assert '<html lang="nl" dir="ltr"' in html
    assert 'value="en"' in html and 'value="ar"' not in html and "العربية" not in html
    assert client.submit("/language", {"locale": "ar"}).status_code == 400
    client.set_cookie("portal_locale", "tr")
    assert '<html lang="nl"' in client.get("/account/").text


def test_applicant_in_arabic_gets_right_to_left_pages(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/language", {"locale": "ar"})
    html = client.get("/account/").text
    assert '<html lang="ar" dir="rtl"' in html and "حسابي" in html


def test_read_aloud_is_offered_on_applicant_pages_only(client, login_as):
    html = client.get("/apply").text
    assert re.search(r"js/read-aloud\.[0-9a-f]{12}\.js", html)  # its fingerprinted name
    assert "data-read-aloud" in html and "Lees voor" in html
    login_as(Role.APPLICANT)
    assert "data-read-aloud" in client.get("/account/").text
    client.submit("/logout")
    login_as(Role.ECOACH)
    html = client.get("/account/").text
    assert "read-aloud" not in html


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_the_kept_date_and_time_parts_read_as_babel_writes_them(app, locale):
    """`datetimeformat` keeps each day and time of day it formatted ("short", "medium"): it
    must read exactly as Flask-Babel's filter, also around the change to and from summer
    time, at midnight and in another language."""
    moments = [
        datetime(2026, 3, 29, 0, 59, 59, 999, tzinfo=UTC),  # summer time starts at 01:00 UTC
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # and ends at 01:00 UTC
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        datetime(2026, 12, 31, 22, 59, 30, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 0, 1, tzinfo=UTC),  # new year in Amsterdam
    ]
    with app.test_request_context("/"), force_locale(locale):
        for moment in moments * 2:  # the second time from what was kept
            for form in ("short", "medium", "d MMMM y, HH:mm", "HH:mm"):
                assert i18n.format_instant(moment, form) == format_datetime(moment, form)


def test_the_templates_gettext_reads_as_jinjas_own(app):
    """The templates' `_()` (portal.i18n) gives what Jinja's newstyle gettext gave: the
    translation, values escaped, `%%` one percent sign, and no markup from a value."""
    template = (
        '{{ _("Skip to the content") }}|{{ _("Select %(name)s", name=name) }}|'
        '{{ _("Write a percent sign twice, like this: %%.") }}'
    )
    with app.test_request_context("/"), force_locale("nl"):
        ours = app.jinja_env.from_string(template).render(name='<b>"Eva"</b>')
        jinja = app.jinja_env.from_string(template.replace("_(", "gettext(")).render(
            name='<b>"Eva"</b>'
        )
    assert ours == jinja
    assert "&lt;b&gt;" in ours and "<b>" not in ours and "%%" not in ours
    assert ours.startswith("Direct naar de inhoud")
