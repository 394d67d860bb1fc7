"""Bad input is refused in one place (portal.validation): at the field, with a message, keeping
what was entered; query strings and `next` before any view runs."""

import re

import pytest
import wtforms
from babel import support
from flask_babel import force_locale
from markupsafe import Markup
from sqlalchemy import func, select
from wtforms.validators import Length
from wtforms.widgets.core import Input
from wtforms.widgets.core import html_params as wtforms_html_params

from portal import validation
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod.models import Application
from portal.urls import is_safe_next
from portal.validation import MAX_INT, Form, as_id, ids

APPLY = {
    "name": "Sara de Vries",
    "born_on": "1990-04-12",
    "email": "sara@example.nl",
    "phone": "0612345678",
}


def _field_error(html: str, field: str) -> str:
    found = re.search(rf'id="{field}-error">(.*?)</p>', html, re.S)
    assert found, f"no error next to {field}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Sara\x00", "tekens in die hier niet kunnen"),
        ("name", "Sara\r\nBcc: x", "tekens in die hier niet kunnen"),
        ("name", "Sara\x1b[2J", "tekens in die hier niet kunnen"),
        ("phone", "\ufffd\ufffd", "tekens in die hier niet kunnen"),  # was invalid UTF-8
        ("born_on", "9999-12-31", "tussen 1900 en 2100"),
        ("born_on", "0001-01-01", "tussen 1900 en 2100"),
    ],
)
def test_the_anonymous_application_refuses_bad_input_at_the_field(client, field, value, message):
    response = client.submit("/apply", {**APPLY, field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in _field_error(html, field)
    assert 'value="sara@example.nl"' in html  # what was entered stays
    assert client.application.extensions["db"]().scalar(select(func.count(Application.id))) == 0


def test_invalid_utf8_is_refused(client):
    """No browser sends it: a URL-encoded body is refused as a whole (Werkzeug would keep the
    bytes as literal %FF text); in a multipart body it arrives as U+FFFD, refused at the field."""
    body = "&".join(f"{k}={v}" for k, v in {**APPLY, "csrf_token": client.csrf_token()}.items())
    response = client.post(
        "/apply",
        data=body.replace("name=Sara", "name=%FF%FESara").encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    response = client.post(
        "/apply",
        data={**APPLY, "name": "Sara", "csrf_token": client.csrf_token()},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200  # the baseline is accepted...
    multipart = (
        b'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        + client.csrf_token().encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n\xff\xfeSara'
        + b'\r\n--b\r\nContent-Disposition: form-data; name="born_on"\r\n\r\n1990-04-12'
        + b'\r\n--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nsara@example.nl'
        + b"\r\n--b--\r\n"
    )
    response = client.post("/apply", data=multipart, content_type="multipart/form-data; boundary=b")
    assert "tekens in die hier niet kunnen" in _field_error(response.get_data(as_text=True), "name")


def test_a_text_area_keeps_line_breaks_and_tabs(app, client, login_as, make_user):
    login_as(Role.TEAM_LEAD)
    response = client.submit(
        "/help-points/", {"name": "Buurthuis", "opening_hours": "Ma\t9-12\r\nDi\t9-12"}
    )
    assert response.status_code == 302


def test_a_number_the_database_cannot_hold_gets_a_message(client, login_as):
    login_as(Role.APPLICANT)
    response = client.submit("/werkmap/profile", {"jobs": "Kok", "hours_per_week": "1" + "0" * 30})
    assert "te groot" in _field_error(response.get_data(as_text=True), "hours_per_week")


def test_an_unknown_team_is_refused_at_the_field(app, client, login_as):
    login_as(Role.TEAM_LEAD)
    response = client.submit(
        "/admin/accounts/invite",
        {"name": "Nieuwe Coach", "email": "nieuw@example.nl", "role": "ecoach", "team": "999999"},
    )
    assert "Kies een team" in _field_error(response.get_data(as_text=True), "team")
    session = client.application.extensions["db"]()
    assert session.scalar(select(User).where(User.email == "nieuw@example.nl")) is None
    assert session.scalar(select(func.count(Team.id))) == 0


@pytest.mark.parametrize(
    "query",
    [
        "next=%2Fa%0D%0ASet-Cookie%3A+x%3D1",
        "next=%2F%09%2Fevil.example",
        "page=" + "9" * 30,
        "page=-" + "9" * 30,
        "q=%00",
        "role=%FF%FE",
        "%01=x",
    ],
)
def test_a_bad_query_string_is_a_400_before_any_view(client, query):
    response = client.get(f"/login?{query}")
    assert response.status_code == 400
    assert "portal-header" in response.get_data(as_text=True)  # the portal's own page


def test_a_control_character_in_the_path_is_a_400(client):
    assert client.get("/questions/a%00b/page/work").status_code == 400


def test_an_id_the_database_cannot_hold_is_a_404(client, login_as):
    login_as(Role.TEAM_LEAD)
    assert client.get(f"/admin/accounts/{MAX_INT + 1}").status_code == 404
    assert client.get(f"/admin/accounts/{'9' * 30}").status_code == 404


def test_next_with_a_line_break_or_tab_is_not_followed(client):
    token = client.csrf_token()
    for target in ("/a\r\nSet-Cookie: x=1", "/\t/evil.example", "/a b"):
        response = client.post(
            "/language", data={"csrf_token": token, "locale": "en", "next": target}
        )
        assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/werkmap/?page=2", True),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("/\t/evil.example", False),
        ("/a\r\nb", False),
        ("/a\x00", False),
        ("https://evil.example/", False),
    ],
)
def test_is_safe_next(target, safe):
    assert is_safe_next(target) is safe


def test_ids_from_requests():
    assert as_id("12") == 12
    assert [as_id(v) for v in ("", "0", "-1", "²", "١٢", "9" * 30, str(MAX_INT + 1))] == [None] * 7
    assert ids(["3", "x", "²", "4"]) == [3, 4]


@pytest.mark.parametrize(
    "attributes",
    [
        {"class_": "utrecht-radio-button", "id": "q-0", "name": "q", "type": "radio", "value": "a"},
        {"checked": True, "disabled": False, "value": 'say "hi" & <b>', "data_my_key": "x"},
        {"aria_describedby": "f-error", "value": Markup('<i class="x">')},
        {"value": 3, "maxlength": 10, "required": True, "for_": "f"},
        {"value": "één ‮ ضمان", "placeholder": ""},
    ],
)
def test_input_attributes_render_as_wtforms_renders_them(attributes):
    """The portal's faster `html_params` (used by every <input> widget) gives WTForms' output."""
    assert validation.html_params(**attributes) == wtforms_html_params(**attributes)
    assert Input.html_params is validation.html_params


def test_wtforms_own_messages_are_translated_from_a_catalogue_read_once(app, monkeypatch):
    """Flask-WTF read WTForms' catalogue (a .mo file) from disk again in every request that
    built a form with a field without a label, such as the one-time key of the message form:
    a twentieth of the messages page. Now it is read once per language and process."""
    loads = []
    original = support.Translations.load

    def counted(*args, **kwargs):
        loads.append(kwargs.get("domain"))
        return original(*args, **kwargs)

    monkeypatch.setattr(support.Translations, "load", counted)
    validation._wtforms_catalogue.cache_clear()  # as in a new process

    class Short(Form):
        key = wtforms.HiddenField()
        name = wtforms.StringField("Naam", validators=[Length(max=3)])

    for locale in ("nl", "nl", "en", "nl"):
        with (
            app.test_request_context("/", method="POST", data={"name": "lang"}),
            force_locale(locale),
        ):
            form = Short(meta={"csrf": False})
            assert not form.validate()
            expected = (
                "Veld mag niet langer zijn dan 3 karakters."
                if locale == "nl"
                else ("Field cannot be longer than 3 characters.")
            )
            assert form.name.errors == [expected]
    assert loads.count("wtforms") == 2  # nl and en, once each
