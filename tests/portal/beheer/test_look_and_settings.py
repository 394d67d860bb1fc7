"""Look and settings from a screen: colours refused below 4.5:1, a hostile logo refused, the
municipality's name, address and phone number used on every page, a preview that saves
nothing, policy values that hold from the next request on, with their history."""

import io
import struct
import zlib
from datetime import date

import pytest
from sqlalchemy import event, func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal import clock, look, policy
from portal.beheer import settings_services
from portal.db import db, unit_of_work, utcnow
from portal.people import User
from portal.policy import Setting, SettingChange
from portal.roles import Role
from portal.searchperiod import services as periods

LOOK = {
    "municipality_name": "Gemeente Testdorp",
    "municipality_address": "Postbus 12\n1234 AB Testdorp",
    "municipality_phone": "14 0123",
    "theme_primary": "#004400",
    "theme_primary_dark": "#002200",
    "theme_accent_bg": "#eef5ee",
}


def png(width: int = 32, height: int = 32) -> bytes:
    """A real PNG: grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def upload(client, data: bytes, name: str):
    """Encoded in memory: the test client would spool a large body to a file it never closes."""
    boundary, body = encode_multipart(
        {"csrf_token": client.csrf_token(), "file": FileStorage(io.BytesIO(data), name)}
    )
    return client.post(
        "/beheer/look/logo", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def fresh() -> None:
    """The test's own app context read the values before a request changed them."""
    policy.forget()


def _rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_look_is_saved_used_on_every_page_and_kept_in_the_history(
    app, client, login_as, make_client
):
    admin = login_as(Role.FUNCTIONAL_ADMIN)
    assert client.get("/beheer/look/").status_code == 200
    response = client.submit("/beheer/look/", {**LOOK, "action": "save"})
    assert response.status_code == 302
    fresh()
    visitor = make_client()
    home = visitor.get("/").get_data(as_text=True)
    assert "Gemeente Testdorp" in home
    link = f"/theme.css?v={look.version()}"
    assert link in home  # the chosen colours come on top of the bundle
    assert "--portal-primary: #004400" in visitor.get(link).get_data(as_text=True)
    changes = db.session.scalars(select(SettingChange).order_by(SettingChange.id)).all()
    assert {c.key for c in changes} == {
        look.NAME,
        look.ADDRESS,
        look.PHONE,
        *look.COLOURS,
    }
    name = next(c for c in changes if c.key == look.NAME)
    assert (name.old_value, name.new_value, name.changed_by_id) == (
        None,
        "Gemeente Testdorp",
        admin.id,
    )
    page = client.get("/beheer/look/").get_data(as_text=True)
    assert "Geschiedenis van wijzigingen" in page and admin.name in page
    # Saving the same again changes nothing and adds no history.
    client.submit("/beheer/look/", {**LOOK, "action": "save"})
    assert _rows(SettingChange) == len(changes)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("theme_primary", "#9fc5e8"),  # light blue: white text 1.9:1
        ("theme_primary_dark", "#777777"),  # 4.48:1, just below
        ("theme_accent_bg", "#595959"),  # dark text on a dark background
        ("theme_primary", "red"),
        ("theme_primary", "#12345g"),
        ("theme_primary", "#1a4f7a; } body { display: none"),
    ],
)
def test_a_colour_below_4_5_to_1_or_not_a_colour_is_refused_and_nothing_is_saved(
    app, client, login_as, field, value
):
    login_as(Role.FUNCTIONAL_ADMIN)
    for action in ("save", "preview"):
        response = client.submit("/beheer/look/", {**LOOK, field: value, "action": action})
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert f'id="{field}-error"' in html  # the message is next to the field
        assert "Gemeente Testdorp" in html  # what was typed is kept
    assert _rows(Setting) == 0 and _rows(SettingChange) == 0


def test_the_contrast_check_refuses_just_below_and_takes_just_above(app):
    assert look.check_colour(look.PRIMARY, "#767676") == "#767676"  # 4.54:1
    with pytest.raises(Exception, match=r"4\.5"):
        look.check_colour(look.PRIMARY, "#777777")


def test_the_preview_shows_the_new_colours_without_saving(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit("/beheer/look/", {**LOOK, "action": "preview"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Voorbeeld: nog niet bewaard" in html
    assert "/beheer/look/preview.css?" in html and "theme_primary=%23004400" in html
    css = client.get("/beheer/look/preview.css?theme_primary=%23004400").get_data(as_text=True)
    assert ".portal-look-sample" in css and "--portal-primary: #004400" in css
    # A bad or hostile colour in the stylesheet's address gives the colour in use.
    css = client.get("/beheer/look/preview.css?theme_primary=red;}x{").get_data(as_text=True)
    assert "red" not in css and "--portal-primary: #1a4f7a" in css
    assert _rows(Setting) == 0
    assert "/theme.css?v=" not in client.get("/").get_data(as_text=True)


def test_a_logo_is_checked_by_content_kept_served_and_reset(app, client, login_as, make_client):
    login_as(Role.FUNCTIONAL_ADMIN)
    picture = png()
    response = upload(client, picture, "logo.png")
    assert response.status_code == 302
    fresh()
    digest = look.logo_digest()
    assert digest is not None
    home = make_client().get("/").get_data(as_text=True)
    assert f'src="/logo/{digest}"' in home
    served = make_client().get(f"/logo/{digest}")
    assert served.data == picture and served.mimetype == "image/png"
    assert "immutable" in served.headers["Cache-Control"]
    assert make_client().get("/logo/" + "0" * 64).status_code == 404
    assert client.submit("/beheer/look/logo/reset").status_code == 302
    fresh()
    assert look.logo_digest() is None
    assert f"/logo/{digest}" not in make_client().get("/").get_data(as_text=True)
    assert [c.new_value for c in db.session.scalars(select(SettingChange))] == [digest, None]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
BOMB = png()[:16] + struct.pack(">II", 100_000, 100_000) + png()[24:]  # header claims 10^10 px


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (SVG, "logo.png"),
        (b"<html><script>alert(1)</script></html>", "logo.png"),
        (b"%PDF-1.7\n" + b"x" * 100, "logo.png"),
        (BOMB, "logo.png"),
        (png(4000, 20), "wide.png"),
        (png(8, 8), "tiny.png"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (look.LOGO_MAX_BYTES + 10), "big.png"),
        (b"", "empty.png"),
    ],
)
def test_a_hostile_or_unusable_logo_is_refused(app, client, login_as, data, name):
    login_as(Role.FUNCTIONAL_ADMIN)
    response = upload(client, data, name)
    assert response.status_code == 400
    assert 'id="file-error"' in response.get_data(as_text=True)
    assert _rows(look.Logo) == 0 and look.logo_digest() is None


def test_name_address_and_phone_are_refused_when_unusable(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    for field, value in (
        ("municipality_name", "   "),
        ("municipality_phone", "bel ons"),
        ("municipality_phone", "<script>"),
        ("municipality_address", "a\nb\nc\nd\ne\nf"),
        ("municipality_name", "x\x00y"),
    ):
        response = client.submit("/beheer/look/", {**LOOK, field: value, "action": "save"})
        assert response.status_code == 400, (field, value)
    assert _rows(Setting) == 0


def _applicant(make_user, login):
    user = make_user(Role.APPLICANT)
    with unit_of_work():
        periods.register(
            periods.Registration(
                name=user.name,
                born_on=date(1980, 5, 17),
                applied_on=clock.today(utcnow()),
                email=user.email,
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )
    return user


def test_a_setting_holds_from_the_next_request_and_is_in_the_history(
    app, client, login_as, make_user, make_client, login
):
    admin = login_as(Role.FUNCTIONAL_ADMIN)
    person = make_client()
    login(_applicant(make_user, login), target=person)
    assert "Wij vragen 4 sollicitaties in vier weken." in person.get("/search-period/").get_data(
        as_text=True
    )
    form = client.get("/beheer/settings/").get_data(as_text=True)
    assert 'value="4"' in form
    response = client.submit(
        "/beheer/settings/",
        {
            "application_norm": "6",
            "weekly_norm": "2",
            "reminder_days": "14, 7",
            "reminder_days_before_end": "2",
            "routing_scheme": "drie_lijnen",
            **{
                spec.field: str(settings_services.current(spec.key))
                for spec in settings_services.RETENTION
            },
        },
    )
    assert response.status_code == 302
    assert "Wij vragen 6 sollicitaties in vier weken." in person.get("/search-period/").get_data(
        as_text=True
    )
    fresh()
    assert policy.days("PORTAL_REMINDER_DAYS") == (7, 14)
    changes = {c.key: c for c in db.session.scalars(select(SettingChange))}
    assert set(changes) == {"PORTAL_APPLICATION_NORM", "PORTAL_REMINDER_DAYS"}
    norm = changes["PORTAL_APPLICATION_NORM"]
    assert (norm.old_value, norm.new_value, norm.changed_by_id) == (None, "6", admin.id)
    page = client.get("/beheer/settings/").get_data(as_text=True)
    assert "Sollicitaties in de vier weken" in page and admin.name in page


def test_bad_settings_are_refused_next_to_each_field_and_nothing_is_saved(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit(
        "/beheer/settings/",
        {
            "application_norm": "veel",
            "weekly_norm": "-1",
            "reminder_days": "7,99",
            "reminder_days_before_end": "2",
            "routing_scheme": "vier_kwadranten",
            "keep_audit_days": "1",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for field in (
        "application_norm",
        "weekly_norm",
        "reminder_days",
        "routing_scheme",
        "keep_audit_days",
    ):
        assert f'id="{field}-error"' in html, field
    assert 'value="veel"' in html  # kept as typed
    assert _rows(Setting) == 0 and _rows(SettingChange) == 0


def test_the_routing_scheme_and_a_retention_period_follow_the_setting(app, client, login_as):
    login_as(Role.FUNCTIONAL_ADMIN)
    before = client.get("/algoritme").get_data(as_text=True)
    values = {
        spec.field: str(settings_services.current(spec.key)) for spec in settings_services.RETENTION
    }
    values.update(
        application_norm="4",
        weekly_norm="2",
        reminder_days="7,14,21",
        reminder_days_before_end="2",
        routing_scheme="clientprofielen",
        keep_messages_days="400",
    )
    assert client.submit("/beheer/settings/", values).status_code == 302
    fresh()
    assert policy.text("PORTAL_ROUTING_SCHEME") == "clientprofielen"
    assert client.get("/algoritme").get_data(as_text=True) != before
    assert policy.number("PORTAL_KEEP_MESSAGES_DAYS", 0) == 400
    # Back to the default value: the row goes, the history keeps both steps.
    values.update(routing_scheme="drie_lijnen")
    client.submit("/beheer/settings/", values)
    assert db.session.get(Setting, "PORTAL_ROUTING_SCHEME") is None
    steps = db.session.scalars(
        select(SettingChange).where(SettingChange.key == "PORTAL_ROUTING_SCHEME")
    ).all()
    assert [(s.old_value, s.new_value) for s in steps] == [
        (None, "clientprofielen"),
        ("clientprofielen", None),
    ]


def test_policy_values_cost_one_query_per_request_and_none_while_unchanged(app, make_app):
    """Every page shows the municipality's name; all settings come in one query, kept for the
    request, and kept by the process while the settings stamp stays the same (portal.stamp)."""
    web = make_app()  # its own contexts: `g` is new for every request, as in production
    engine = web.extensions["db_engine"]
    counts = []
    for _request in range(2):
        with web.test_request_context():
            statements = []

            def count(_conn, _cursor, statement, *_rest, into=statements):
                into.append(statement)

            event.listen(engine, "before_cursor_execute", count)
            try:
                policy.number("PORTAL_APPLICATION_NORM")
                look.municipality()
                look.colours()
                look.logo_digest()
            finally:
                event.remove(engine, "before_cursor_execute", count)
            counts.append(["policy_setting" in statement for statement in statements])
    assert counts == [[False, True], [False]]  # the stamp and the values; then the stamp only


def test_the_staff_accounts_see_no_look_or_settings(app, client, login_as):
    login_as(Role.TEAM_LEAD)
    assert client.get("/beheer/look/").status_code == 403
    assert client.submit("/beheer/settings/", {"application_norm": "0"}).status_code == 403
    assert _rows(Setting) == 0
    assert db.session.scalar(select(func.count()).select_from(User)) >= 1
