"""The views' small helpers: load or 404."""

import pytest
from werkzeug.exceptions import NotFound

from portal.people import User
from portal.roles import Role
from portal.web import get_or_404


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
