"""The caseload signals are pure rules over counted facts."""

from datetime import date, timedelta

from portal.coaching import rules

ON = date(2026, 11, 23)


def facts(**changes) -> rules.Facts:
    base = {
        "applications_4w": 8,
        "weekly_norm": 2,
        "last_activity": ON - timedelta(days=2),
        "unread": 0,
        "open_items": 0,
        "review_due": ON + timedelta(days=60),
        "coached_since": ON - timedelta(days=40),
    }
    return rules.Facts(**{**base, **changes})


def test_nothing_to_do_when_all_is_well():
    found = rules.signals(facts(), ON)
    assert found.reasons == () and not found.needs_attention and found.days_quiet == 2


def test_each_reason():
    assert rules.signals(facts(unread=2), ON).reasons == (rules.UNREAD,)
    assert rules.signals(facts(applications_4w=7), ON).reasons == (rules.BELOW_NORM,)
    assert rules.signals(facts(last_activity=ON - timedelta(days=14)), ON).reasons == (rules.QUIET,)
    assert rules.signals(facts(last_activity=ON - timedelta(days=13)), ON).reasons == ()
    assert rules.signals(facts(open_items=1), ON).reasons == (rules.OPEN_ITEMS,)
    assert rules.signals(facts(review_due=ON + timedelta(days=7)), ON).reasons == (
        rules.REVIEW_DUE,
    )
    assert rules.signals(facts(review_due=ON + timedelta(days=8)), ON).reasons == ()
    assert rules.signals(facts(review_due=None), ON).reasons == ()


def test_reasons_in_order_of_urgency():
    found = rules.signals(
        facts(unread=1, applications_4w=0, open_items=3, last_activity=None, review_due=ON), ON
    )
    assert found.reasons == (
        rules.UNREAD,
        rules.REVIEW_DUE,
        rules.BELOW_NORM,
        rules.QUIET,
        rules.OPEN_ITEMS,
    )
    assert found.days_quiet == 40  # since the start of the coaching


def test_new_people_get_four_weeks_before_the_norm_counts():
    new = facts(applications_4w=0, coached_since=ON - timedelta(days=27))
    assert rules.BELOW_NORM not in rules.signals(new, ON).reasons
    older = facts(applications_4w=0, coached_since=ON - timedelta(days=28))
    assert rules.BELOW_NORM in rules.signals(older, ON).reasons


def test_order_needs_attention_first_then_most_reasons_then_quiet_then_name():
    calm = rules.signals(facts(), ON)
    one = rules.signals(facts(unread=1), ON)
    two = rules.signals(facts(unread=1, open_items=1), ON)
    quiet = rules.signals(facts(unread=1, last_activity=ON - timedelta(days=10)), ON)
    ordered = sorted(
        [("Bas", calm), ("Anna", one), ("Cor", two), ("Dirk", quiet)],
        key=lambda item: rules.order_key(*item),
    )
    assert [name for name, _ in ordered] == ["Cor", "Dirk", "Anna", "Bas"]


def test_review_three_months_later_even_at_month_ends():
    assert rules.review_due(date(2026, 8, 23)) == date(2026, 11, 23)
    assert rules.review_due(date(2026, 11, 30)) == date(2027, 2, 28)
    assert rules.review_due(date(2027, 11, 30)) == date(2028, 2, 29)
