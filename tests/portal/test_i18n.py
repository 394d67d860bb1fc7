"""Dutch by default, English on request, remembered on the account."""

from portal.db import db
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
