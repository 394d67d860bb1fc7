"""The settings stamp (portal.stamp): policy values and text overrides are kept by the process
while the stamp stays the same, and a change made anywhere (another app server, a script, a
rolled-back screen) is never hidden by what a process kept."""

from flask_babel import gettext
from sqlalchemy import create_engine, event, text

from portal import policy, stamp, texts
from portal.db import db, unit_of_work, utcnow
from portal.roles import Role

NAME = "PORTAL_MUNICIPALITY_NAME"


def _stamp(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT value FROM settings_stamp WHERE id = 1")).scalar()


def _other_server(app):
    """A connection of its own, as another app server or a script would write."""
    return create_engine(app.config["DATABASE_URL"])


def test_every_kind_of_change_of_either_table_renews_the_stamp(app):
    other = _other_server(app)
    try:
        seen = [_stamp(other)]
        statements = (
            "INSERT INTO policy_setting (key, value) VALUES ('PORTAL_APPLICATION_NORM', '3')",
            "UPDATE policy_setting SET value = '4'",
            "DELETE FROM policy_setting",
            (
                "INSERT INTO text_override (locale, key, msgid, text, updated_at) "
                "VALUES ('nl', 'k', 'Menu', 'Keuzes', CURRENT_TIMESTAMP)"
            ),
            "UPDATE text_override SET text = 'Kies'",
            "DELETE FROM text_override",
        )
        for statement in statements:
            with other.begin() as connection:
                connection.execute(text(statement))
            seen.append(_stamp(other))
        assert len(set(seen)) == len(seen)  # each one new
    finally:
        other.dispose()


def test_a_policy_value_written_by_another_server_shows_on_the_next_request(app, make_app):
    web = make_app()  # its own contexts: `g` is new for every request, as in production
    with web.test_request_context():
        assert policy.text(NAME) == app.config[NAME]  # read and kept
    other = _other_server(app)
    try:
        with other.begin() as connection:
            connection.execute(
                text("INSERT INTO policy_setting (key, value) VALUES (:key, 'Gemeente Elders')"),
                {"key": NAME},
            )
    finally:
        other.dispose()
    with web.test_request_context():
        assert policy.text(NAME) == "Gemeente Elders"


def test_a_text_written_by_another_server_shows_on_the_next_request(app, make_app):
    web = make_app()  # its own contexts: `g` is new for every request, as in production
    with web.test_request_context():
        assert gettext("Menu") == "Menu"
        before = texts.version("nl")
    other = _other_server(app)
    try:
        with other.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO text_override (locale, key, msgid, text, updated_at) "
                    "VALUES ('nl', :key, 'Menu', 'Keuzemenu', CURRENT_TIMESTAMP)"
                ),
                {"key": texts.key_of("Menu")},
            )
    finally:
        other.dispose()
    with web.test_request_context():
        assert gettext("Menu") == "Keuzemenu"
        assert texts.version("nl") != before  # what was rendered and kept is not reused


def test_a_change_that_was_rolled_back_is_not_kept(app, make_app):
    web = make_app()  # its own contexts: `g` is new for every request, as in production
    with web.test_request_context():
        try:
            with unit_of_work():
                policy.change(None, NAME, "Gemeente Nooit", utcnow())
                assert policy.text(NAME) == "Gemeente Nooit"  # this request sees its change
                raise RuntimeError("the rest of the form failed")
        except RuntimeError:
            pass
    with web.test_request_context():
        assert policy.text(NAME) == app.config[NAME]


def test_a_signed_in_page_reads_no_settings_while_the_stamp_stays(client, login_as, app):
    login_as(Role.APPLICANT)
    engine = client.application.extensions["db_engine"]
    client.get("/")  # the values are read and kept
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_rest):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert "FROM settings_stamp" in statements[0]  # brought along by the session's query
    assert not [s for s in statements if "FROM policy_setting" in s or "FROM text_override" in s]


def test_without_a_stamp_row_every_request_reads_again(app, make_app):
    web = make_app()
    with unit_of_work():
        db.session.execute(text("DELETE FROM settings_stamp"))
    with web.test_request_context():
        assert stamp.current() is None
        assert policy.text(NAME) == app.config[NAME]
    with unit_of_work():
        db.session.execute(
            text("INSERT INTO policy_setting (key, value) VALUES (:key, 'Gemeente Zonder')"),
            {"key": NAME},
        )
    with web.test_request_context():
        assert policy.text(NAME) == "Gemeente Zonder"
