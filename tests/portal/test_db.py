"""Transactions behave the same on SQLite and PostgreSQL."""

import pytest

from portal.db import db, unit_of_work
from portal.people import User
from portal.roles import Role


def _rename_in_a_savepoint_then_fail(user_id: int) -> None:
    with unit_of_work():
        with db.session.begin_nested():  # the first statement of the transaction
            db.session.get(User, user_id).name = "Later"
        raise RuntimeError("the transaction rolls back")


def test_a_savepoint_first_in_a_transaction_rolls_back_with_it(app, make_user):
    user = make_user(Role.APPLICANT, name="Eerst")
    with pytest.raises(RuntimeError):
        _rename_in_a_savepoint_then_fail(user.id)
    db.session.expire_all()
    assert db.session.get(User, user.id).name == "Eerst"
