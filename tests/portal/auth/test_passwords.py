"""Common and guessable passwords are refused with a clear message next to the field."""

import pytest

from portal.auth.password_services import guessable
from portal.people import User
from portal.roles import Role
from tests.conftest import PASSWORD
from tests.portal.auth.test_tokens import _last_mail, _link

TOO_EASY = "Dit wachtwoord is te makkelijk te raden."


@pytest.mark.parametrize(
    "weak",
    [
        "1234567890",
        "password123",
        "Welkom2026!",
        "wachtwoord2026",
        "Amsterdam2026",
        "qwertyuiop1",
    ],
)
def test_common_passwords_are_refused_next_to_the_field(weak, client, login_as):
    login_as(Role.APPLICANT)
    response = client.submit(
        "/account/password", {"current_password": PASSWORD, "password": weak, "confirm": weak}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and TOO_EASY in html and 'id="password-error"' in html


def test_the_persons_own_name_and_email_count_as_guessable(app):
    person = User(role=Role.APPLICANT, name="Fatma Yılmaz", email="fatma.yilmaz@example.nl")
    assert guessable("fatmayilmaz2026", person)
    assert guessable("Yilmaz-Fatma-1", person)
    assert not guessable("mijn fiets staat onder de brug", person)


def test_a_sentence_is_accepted(client, login_as):
    login_as(Role.APPLICANT)
    good = "de kat slaapt op de bank"
    response = client.submit(
        "/account/password", {"current_password": PASSWORD, "password": good, "confirm": good}
    )
    assert response.status_code == 302


def test_a_weak_password_is_refused_at_activation_too(client, make_user):
    user = make_user()
    client.submit("/forgot-password", {"email": user.email})
    link = _link(_last_mail())
    html = client.submit(link, {"password": "password123", "confirm": "password123"})
    assert TOO_EASY in html.get_data(as_text=True)
