"""A database error in the log holds no values: not the statement's parameters (SQLAlchemy's
hide_parameters) and not what PostgreSQL repeats in its message (DETAIL lines, invalid input)."""

import logging

import pytest
from sqlalchemy import text

from portal.db import db, unit_of_work
from portal.people import User
from portal.roles import Role

NAME, EMAIL = "Sara de Vries", "sara.devries@example.nl"


@pytest.fixture
def failing(make_app, make_user):
    """An app (handling errors as in production) with two pages whose query fails."""
    make_user(Role.APPLICANT, email=EMAIL, name=NAME)
    app = make_app(TESTING=False, PORTAL_NAME="Werk en Inkomen (log test)")

    def duplicate():
        with unit_of_work():
            db.session.add(User(role=Role.APPLICANT, email=EMAIL, name=NAME))
        return "saved"

    def not_a_number():
        return str(db.session.execute(text("SELECT CAST(:v AS integer) + 1"), {"v": NAME}).all())

    app.add_url_rule("/fail/duplicate", "fail_duplicate", duplicate)
    app.add_url_rule("/fail/cast", "fail_cast", not_a_number)
    return app


@pytest.mark.parametrize("path", ["/fail/duplicate", "/fail/cast"])
def test_a_failing_query_leaves_no_values_in_the_log(failing, caplog, path):
    with caplog.at_level(logging.ERROR, logger="portal"):
        response = failing.test_client().get(path)
    if response.status_code == 200:  # SQLite casts a text to 0 without an error
        assert db.engine.dialect.name == "sqlite" and path == "/fail/cast"
        return
    assert response.status_code == 500
    logged = caplog.text
    assert "Traceback" in logged and ("SELECT" in logged or "INSERT" in logged)
    assert NAME not in logged and EMAIL not in logged
    assert "hidden" in logged  # the parameters are there, hidden
