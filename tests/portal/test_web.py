"""The views' small helpers: load or 404, a form's POST in one transaction, a table's links."""

import pytest
from flask import get_flashed_messages, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.exceptions import NotFound
from wtforms import StringField
from wtforms.validators import DataRequired

from portal.db import db
from portal.domain import DomainError
from portal.people import Team, User
from portal.roles import Role
from portal.web import UrlPattern, fixed_url, get_or_404, handle


def test_get_or_404_loads_a_row_that_meets_the_conditions(app, make_user):
    coach = make_user(Role.ECOACH)
    with app.test_request_context():
        assert get_or_404(User, coach.id).id == coach.id
        assert get_or_404(User, coach.id, User.role == Role.ECOACH).id == coach.id


def test_get_or_404_ends_the_request_otherwise(app, make_user):
    coach = make_user(Role.ECOACH)
    with app.test_request_context():
        for ident, conditions in ((None, ()), (999999, ()), (coach.id, (User.role == Role.STIP,))):
            with pytest.raises(NotFound):
                get_or_404(User, ident, *conditions)


class TeamForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField(validators=[DataRequired()])


def _add_team(name: str) -> Team:
    team = Team(name=name)
    db.session.add(team)
    db.session.flush()
    return team


def test_handle_acts_in_one_transaction_then_redirects_and_flashes(app):
    with app.test_request_context("/", method="POST", data={"name": "Noord"}):
        form = TeamForm()
        response = handle(
            form,
            lambda: _add_team(form.name.data),
            success="/next",
            flash_message=lambda team: f"Added {team.name}",
        )
        assert (response.status_code, response.location) == (302, "/next")
        assert get_flashed_messages(with_categories=True) == [("ok", "Added Noord")]
    db.session.rollback()
    assert db.session.scalar(select(Team.name)) == "Noord"  # committed


def test_handle_makes_the_response_from_the_result(app):
    with app.test_request_context("/", method="POST", data={"name": "Noord"}):
        form = TeamForm()
        response = handle(form, lambda: _add_team("Zuid"), success=lambda team: team.name)
        assert response == "Zuid"
        assert get_flashed_messages() == []


def test_handle_puts_a_domain_error_at_its_field_and_keeps_nothing(app):
    def refuse():
        _add_team("Noord")
        raise DomainError("Taken.", field="name")

    with app.test_request_context("/", method="POST", data={"name": "Noord"}):
        form = TeamForm()
        assert handle(form, refuse, success="/next", flash_message="Done") is None
        assert form.name.errors == ["Taken."]
        assert get_flashed_messages() == []
    assert db.session.scalar(select(Team.name)) is None


def test_handle_does_nothing_without_a_valid_post(app):
    called = []
    for method, data in (("GET", None), ("POST", {"name": ""})):
        with app.test_request_context("/", method=method, data=data):
            assert handle(TeamForm(), lambda: called.append(1), success="/next") is None
    assert called == []


def test_a_url_pattern_builds_what_url_for_builds(app):
    with app.test_request_context():
        person_file = UrlPattern("coaching.person_file", "person_id")
        for ident in (1, 42, 987654321):
            assert person_file(ident) == url_for("coaching.person_file", person_id=ident)
        thread = UrlPattern("messages.staff_thread", "person_id", page=2)
        assert thread(7) == url_for("messages.staff_thread", person_id=7, page=2)


def test_a_url_pattern_takes_only_whole_numbers(app):
    with app.test_request_context():
        person_file = UrlPattern("coaching.person_file", "person_id")
        for bad in ("1/../../admin", "x", None):
            with pytest.raises((ValueError, TypeError)):
                person_file(bad)


def test_a_fixed_url_is_url_for_under_each_script_root(app):
    for root in ("", "/portaal"):
        with app.test_request_context("/", base_url=f"http://portal.test{root}/"):
            for endpoint in ("home.index", "auth.logout", "home_statement.statement"):
                assert fixed_url(endpoint) == url_for(endpoint)
                assert fixed_url(endpoint).startswith(f"{root}/")
