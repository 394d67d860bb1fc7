"""Rate limits and one-time form keys live in the database: every app instance sees the same."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import formkeys, limits
from portal.db import db, unit_of_work, utcnow


def test_a_limit_counts_per_key_and_restarts_after_its_window(app):
    now = utcnow()
    window = timedelta(hours=1)
    with unit_of_work():
        results = [limits.hit("t:a", 3, window, now).allowed for _ in range(5)]
        other = limits.hit("t:b", 3, window, now)
    assert results == [True, True, True, False, False] and other.allowed
    with unit_of_work():
        refused = limits.hit("t:a", 3, window, now + timedelta(minutes=20))
        later = limits.hit("t:a", 3, window, now + window + timedelta(seconds=1))
    assert not refused.allowed and refused.retry_after == timedelta(minutes=40)
    assert later.allowed


def test_keys_hold_no_address_in_clear():
    name = limits.key("apply:address", "Jan@Example.nl ")
    assert name == limits.key("apply:address", "jan@example.nl")
    assert "jan" not in name and name.startswith("apply:address:")


def test_counts_from_parallel_requests_are_never_lost(make_app, app):
    """Twenty requests on two app instances count twenty: one atomic upsert each."""
    instances = [make_app(), make_app()]
    now, window = utcnow(), timedelta(hours=1)

    def count(instance):
        with instance.app_context(), unit_of_work():
            limits.hit("t:parallel", 100, window, now)

    threads = [threading.Thread(target=count, args=(instances[n % 2],)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert db.session.get(limits.RateLimit, "t:parallel").hits == 20


def test_old_counts_and_keys_are_purged(app):
    now = utcnow()
    with unit_of_work():
        limits.hit("t:old", 3, timedelta(hours=1), now - timedelta(days=2))
        limits.hit("t:new", 3, timedelta(hours=1), now)
        formkeys.claim("k" * 32, "user:1", now - timedelta(days=8))
    with unit_of_work():
        formkeys.claim("n" * 32, "user:1", now)
    with unit_of_work():
        assert limits.purge(now) == 1 and formkeys.purge(now) == 1
    assert db.session.scalar(select(func.count()).select_from(formkeys.FormKey)) == 1


def test_a_form_key_is_claimed_once_per_owner(app):
    now = utcnow()
    with unit_of_work():
        formkeys.claim("a" * 32, "user:1", now).done("/werkmap/")
    with pytest.raises(formkeys.Repeated) as repeated, unit_of_work():
        formkeys.claim("a" * 32, "user:1", now)
    assert repeated.value.result == "/werkmap/"
    with unit_of_work():  # another owner's key space; a missing or odd key protects nothing
        formkeys.claim("a" * 32, "user:2", now)
        assert formkeys.claim(None, "user:1", now).row is None
        assert formkeys.claim("<script>", "user:1", now).row is None


def _claim_then_fail(key: str, now) -> None:
    with unit_of_work():
        formkeys.claim(key, "user:1", now)
        raise ValueError("bad input")


def test_a_failed_first_submission_frees_its_key(app):
    now = utcnow()
    with pytest.raises(ValueError, match="bad input"):
        _claim_then_fail("b" * 32, now)
    with unit_of_work():
        assert formkeys.claim("b" * 32, "user:1", now).row is not None
