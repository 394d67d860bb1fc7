"""The caseload is ordered, filtered, counted and paged by the database from signals kept per
person; the result is the one the pure rules give, and it follows the facts as they change."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.caseload import services as caseload
from portal.caseload.models import Assignment
from portal.clock import today
from portal.coaching import rules, signal_services
from portal.coaching import services as coaching
from portal.coaching.models import Review, Signal
from portal.db import db, unit_of_work, utcnow
from portal.messages import services as messages
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.searchperiod.models import Application
from portal.werkmap import services as werkmap
from portal.werkmap.models import LogEntry


def _log(person, days_ago: list[int], kind="application"):
    on = today(utcnow())
    with unit_of_work():
        for n, ago in enumerate(days_ago):
            db.session.add(
                LogEntry(
                    owner_id=person.id,
                    day=on - timedelta(days=ago),
                    kind=kind,
                    organisation=f"B{n}",
                )
            )


def _started(person, days_ago: int):
    with unit_of_work():
        assignment = db.session.scalar(
            select(Assignment).where(Assignment.applicant_id == person.id)
        )
        assignment.started_at = utcnow() - timedelta(days=days_ago)


def _reference(coach, on):
    """Every person of the coach with the rules' signals, in the rules' order."""
    found = []
    for signal, assignment, name in db.session.execute(
        select(Signal, Assignment, Assignment.applicant_id)
        .join(Assignment, Assignment.applicant_id == Signal.person_id)
        .where(Assignment.coach_id == coach.id, Assignment.ended_at.is_(None))
    ):
        applied = werkmap.applications_between(name, on - timedelta(days=27), on)
        facts = rules.Facts(
            applications_4w=applied,
            weekly_norm=signal.weekly_norm,
            last_activity=signal.last_activity,
            unread=signal.unread,
            open_items=0,
            review_due=signal.review_due_on,
            coached_since=signal.coached_since,
        )
        found.append((assignment.applicant_id, rules.signals(facts, on)))
    return found


def test_database_order_and_filters_match_the_rules(app, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    people = {}
    for name in ("Ab Stil", "Bo Actief", "Cy Schrijft", "Di Nieuw", "Ed Weinig", "Fe 100%_x"):
        people[name] = zelfdoener(name, coach)
    for person in people.values():
        _started(person, 60)
    _started(people["Di Nieuw"], 3)
    _log(people["Bo Actief"], [1, 2, 3, 4, 5, 6, 7, 8])  # meets 4 × 2
    _log(people["Ed Weinig"], [1, 40])  # active but below the norm
    _log(people["Ab Stil"], [30], kind="network_contact")  # quiet for 30 days
    with unit_of_work():
        cy = db.session.merge(people["Cy Schrijft"])
        messages.send(cy, cy, "Vraag", utcnow())
        db.session.add(
            Review(
                person_id=people["Fe 100%_x"].id,
                due_on=today(utcnow()),
                by_id=coach.id,
                outcome="continue",
            )
        )
    on = today(utcnow())
    reference = _reference(coach, on)
    names = {p.id: name for name, p in people.items()}
    expected = [
        names[pid]
        for pid, found in sorted(reference, key=lambda r: rules.order_key(names[r[0]], r[1]))
    ]
    page = coaching.caseload(coach, on, "all", "", 1, 25)
    assert [row.person.name for row in page.rows.items] == expected
    assert page.total == 6
    assert page.attention == sum(found.needs_attention for _pid, found in reference)
    for reason in rules.REASONS:
        chosen = coaching.caseload(coach, on, reason, "", 1, 25)
        want = {names[pid] for pid, found in reference if reason in found.reasons}
        assert {row.person.name for row in chosen.rows.items} == want, reason
        assert chosen.rows.total == len(want)
    needing = [
        name
        for name in expected
        if name in {names[pid] for pid, found in reference if found.needs_attention}
    ]
    attention = coaching.caseload(coach, on, "attention", "", 1, 25)
    assert [row.person.name for row in attention.rows.items] == needing
    assert (attention.rows.total, attention.attention, attention.total) == (
        len(needing),
        len(needing),
        6,
    )
    searched = coaching.caseload(coach, on, "attention", "e", 1, 25)
    assert [row.person.name for row in searched.rows.items] == [
        n for n in needing if "e" in n.lower()
    ]
    assert (searched.attention, searched.total) == (len(needing), 6)
    # Two pages of two, then the rest; a search by part of the name, with LIKE's wildcards.
    first, second = (coaching.caseload(coach, on, "all", "", n, 2) for n in (1, 2))
    assert [r.person.name for r in first.rows.items + second.rows.items] == expected[:4]
    assert [
        r.person.name for r in coaching.caseload(coach, on, "all", "0%_", 1, 25).rows.items
    ] == ["Fe 100%_x"]
    assert coaching.caseload(coach, on, "all", "%", 1, 25).rows.total == 1
    # A page past the end shows the last one (the page arithmetic of portal.pages).
    last = coaching.caseload(coach, on, "all", "", 9, 4)
    assert (last.rows.page, last.rows.pages) == (2, 2)
    assert [r.person.name for r in last.rows.items] == expected[4:]


def test_signals_follow_the_facts(app, make_user, zelfdoener):
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Gé Volg", coach)
    signal = db.session.get(Signal, person.id)
    assert signal is not None and signal.coached_since == today(utcnow())
    assert signal.unread == 0 and signal.norm_met_until is None
    with unit_of_work():
        messages.send(db.session.merge(person), db.session.merge(person), "Hallo", utcnow())
    db.session.expire_all()
    assert db.session.get(Signal, person.id).unread == 1
    assert coaching.unread_in_caseload(coach, today(utcnow())) == 1
    assert coaching.caseload(coach, today(utcnow()), "all", "", 1, 25).unread == 1
    with unit_of_work():
        messages.mark_read(person.id, False, utcnow())
    db.session.expire_all()
    assert db.session.get(Signal, person.id).unread == 0
    _log(person, [0] * 8)
    db.session.expire_all()
    assert db.session.get(Signal, person.id).norm_met_until == today(utcnow()) + timedelta(days=27)
    with unit_of_work():
        werkmap.set_norm(person.id, 5, coach, utcnow())
    db.session.expire_all()
    found = db.session.get(Signal, person.id)
    assert found.weekly_norm == 5 and found.norm_met_until is None


def test_signals_follow_the_sent_questionnaire(app, make_user, make_response):
    """The questionnaire item of the search period is done when the Entreevragenlijst is sent:
    the search period learns it by an event (Application.questionnaire_sent_at), and the
    caseload's open items follow that fact."""
    coach = make_user(Role.ECOACH)
    person = make_user(Role.APPLICANT, name="Ha Vragen")
    on = today(utcnow())
    with unit_of_work():
        periods.register(
            periods.Registration(
                name="Ha Vragen", born_on=date(1990, 1, 1), applied_on=on, email=person.email
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )
        caseload.assign(person.id, coach.id, None, utcnow())
    before = db.session.get(Signal, person.id).open_items
    make_response(person)
    db.session.expire_all()
    assert db.session.scalar(select(Application.questionnaire_sent_at)) is not None
    assert db.session.get(Signal, person.id).open_items == before - 1


def test_the_signals_count_days_as_the_netherlands_does(app, make_user, zelfdoener):
    """Found at 00:00 in Amsterdam (23:00 UTC): a coach who started at 23:30 UTC on 10 March
    started on 11 March, and a message sent then was sent on 11 March."""
    coach = make_user(Role.ECOACH)
    person = zelfdoener("Laat Avond", coach)
    late = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    with unit_of_work():
        db.session.scalar(
            select(Assignment).where(Assignment.applicant_id == person.id)
        ).started_at = late
        messages.send(db.session.merge(person), db.session.merge(person), "Hallo", late)
    facts = signal_services.compute([person.id], date(2026, 3, 12), db.session)[person.id]
    assert facts["coached_since"] == date(2026, 3, 11)
    assert facts["last_activity"] == date(2026, 3, 11)
