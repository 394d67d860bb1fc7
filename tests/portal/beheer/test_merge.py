"""Merging two registrations of the same person: every row of the person moves.

`test_every_column_that_refers_to_a_person_has_a_merge_rule` enumerates the schema: a new table
with a foreign key to `user_account` fails it until merge_services.RULES says what a merge does
with it."""

from datetime import date

from sqlalchemy import func, select

from portal.audit import AuditEvent
from portal.auth import services as auth
from portal.beheer import merge_services
from portal.coaching.models import Signal, StaffNote
from portal.db import db, unit_of_work, utcnow
from portal.messages.models import Message
from portal.people import User
from portal.plan import services as plans
from portal.roles import Role
from portal.werkmap.cv_models import Cv, CvItem, PersonalNorm, WorkProfile
from portal.werkmap.models import LogEntry
from tests.conftest import PASSWORD

REASON = "Zelfde naam en geboortedatum, twee keer ingeschreven."


def test_every_column_that_refers_to_a_person_has_a_merge_rule(app):
    in_schema = {f"{table.name}.{column}" for table, column in merge_services.person_columns()}
    assert in_schema - set(merge_services.RULES) == set(), "add a rule for these columns"
    assert set(merge_services.RULES) - in_schema == set(), "remove rules of columns that are gone"


def _rows_of(person_id: int) -> dict[str, int]:
    db.session.expire_all()
    found = {}
    for table, column in merge_services.person_columns():
        count = db.session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == person_id)
        )
        if count:
            found[f"{table.name}.{column}"] = count
    return found


def _fill(person: User, coach: User, make_response, cv_line: str) -> None:
    make_response(person)
    with unit_of_work():
        db.session.add_all(
            [
                LogEntry(
                    owner_id=person.id,
                    day=date(2026, 11, 2),
                    kind="application",
                    organisation="Bakkerij",
                ),
                Message(person_id=person.id, author_id=person.id, from_person=True, body="Hallo"),
                Message(person_id=person.id, author_id=coach.id, from_person=False, body="Dag"),
                StaffNote(person_id=person.id, author_id=coach.id, text="Belde terug"),
                PersonalNorm(owner_id=person.id, weekly=2, set_by_id=coach.id),
            ]
        )
        cv = Cv(owner_id=person.id, full_name=person.name)
        cv.items.append(CvItem(section="skill", title=cv_line))
        db.session.add(cv)


def test_a_merge_moves_every_row_of_the_person(
    app, client, login, login_as, make_user, make_client, make_response
):
    coach = make_user(Role.ECOACH)
    keep = make_user(Role.APPLICANT, name="Fatma Yilmaz")
    drop = make_user(Role.APPLICANT, name="Fatma Yılmaz", email="fatma.twee@example.nl")
    _fill(keep, coach, make_response, "Heftruck")
    _fill(drop, coach, make_response, "Kassa")
    theirs = make_client()
    login(drop, target=theirs)
    before = _rows_of(drop.id)
    assert {
        "questionnaire_response.applicant_id",
        "werkmap_cv.owner_id",
        "login_session.user_id",
    } <= set(before)

    admin = login_as(Role.FUNCTIONAL_ADMIN)
    shown = client.get(f"/beheer/people/applicants/{keep.id}/merge?other={drop.id}")
    assert shown.status_code == 200
    assert "Regels in het logboek: 1" in shown.get_data(as_text=True)
    assert _rows_of(drop.id) == before  # the preview changes nothing
    without_reason = client.submit(
        f"/beheer/people/applicants/{keep.id}/merge?other={drop.id}", {"reason": ""}
    )
    assert without_reason.status_code == 400
    assert _rows_of(drop.id) == before
    done = client.submit(
        f"/beheer/people/applicants/{keep.id}/merge?other={drop.id}", {"reason": REASON}
    )
    assert done.status_code == 302

    left = _rows_of(drop.id)
    assert set(left) <= {"audit_event.actor_id"}, left  # only the append-only audit log
    kept = _rows_of(keep.id)
    assert kept["questionnaire_response.applicant_id"] == 2
    assert kept["werkmap_entry.owner_id"] == 2
    assert kept["message.person_id"] == 4
    assert kept["staff_note.person_id"] == 2
    cv = db.session.scalar(select(Cv).where(Cv.owner_id == keep.id))
    assert sorted(item.title for item in cv.items) == ["Heftruck", "Kassa"]
    signal = db.session.get(Signal, keep.id)  # the caseload's signals, computed anew
    assert signal is not None and signal.last_activity is not None
    merged = db.session.get(User, drop.id)
    assert merged.merged_into_id == keep.id and not merged.active
    assert theirs.get("/werkmap/").status_code == 302  # the old account's session ended
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.merge"))
    assert audit.actor_id == admin.id and audit.subject_id == keep.id and REASON in audit.detail


def test_two_work_profiles_refuse_the_merge_and_nothing_moves(app, client, login_as, make_user):
    keep, drop = make_user(Role.APPLICANT), make_user(Role.APPLICANT)
    with unit_of_work():
        db.session.add_all([WorkProfile(owner_id=keep.id), WorkProfile(owner_id=drop.id)])
    assert merge_services.preview(keep, drop).conflicts
    login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit(
        f"/beheer/people/applicants/{keep.id}/merge?other={drop.id}", {"reason": REASON}
    )
    assert response.status_code == 400
    assert _rows_of(drop.id) == {"werkmap_profile.owner_id": 1}
    assert db.session.get(User, drop.id).merged_into_id is None


def test_staff_accounts_cannot_be_merged(app, client, login_as, make_user):
    login_as(Role.FUNCTIONAL_ADMIN)
    keep, coach = make_user(Role.APPLICANT), make_user(Role.ECOACH)
    assert (
        client.get(f"/beheer/people/applicants/{keep.id}/merge?other={coach.id}").status_code == 404
    )
    assert (
        client.get(f"/beheer/people/applicants/{keep.id}/merge?other={keep.id}").status_code == 200
    )


def test_a_plan_moves_with_the_merge_and_two_plans_refuse_it(app, make_user):
    keep, drop, third = (make_user(Role.APPLICANT) for _ in range(3))
    with unit_of_work():
        plans.add_goal(drop, drop.id, "Werk in de zorg", None, utcnow())
    assert not merge_services.preview(keep, drop).conflicts
    with unit_of_work():
        plans.add_goal(third, third.id, "Rijbewijs", None, utcnow())
    conflicts = merge_services.preview(third, drop).conflicts
    assert any("persoonlijk plan" in conflict for conflict in conflicts)
    admin = make_user(Role.FUNCTIONAL_ADMIN)
    with unit_of_work():
        merge_services.merge(admin, keep, drop, REASON, utcnow())
    moved = plans.plan_of(keep.id)
    assert [goal.title for goal in moved.goals] == ["Werk in de zorg"]
    assert plans.history(moved)[0].actor_id == keep.id


def _without_email(make_user) -> tuple[User, str]:
    """An applicant who signs in with a client number (no email), as after a letter code."""
    person = make_user(Role.APPLICANT)
    with unit_of_work():
        person = db.session.get(User, person.id)
        person.email = None
        number = auth.give_client_number(person)
    return person, number


def _signs_in_as(make_client, number: str) -> str:
    visitor = make_client()
    response = visitor.submit("/login/client-number", {"number": number, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return visitor.get("/account/").get_data(as_text=True)


def _merge_saying_the_number(make_user, keep, drop, number) -> None:
    """The preview names the other registration's client number; then the merge."""
    admin = make_user(Role.FUNCTIONAL_ADMIN)
    shown = f"{number[:4]} {number[4:]}"
    assert any(shown in note for note in merge_services.preview(keep, drop).notes)
    with unit_of_work():
        merge_services.merge(admin, keep, drop, REASON, utcnow())
    db.session.expire_all()


def test_the_client_number_moves_to_a_kept_account_without_one(app, make_user, make_client):
    keep = make_user(Role.APPLICANT, name="Anna Bakker")
    drop, number = _without_email(make_user)
    _merge_saying_the_number(make_user, keep, drop, number)
    assert db.session.get(User, keep.id).client_number == number
    assert db.session.get(User, drop.id).client_number is None
    assert "Anna Bakker" in _signs_in_as(make_client, number)


def test_the_client_number_of_the_merged_registration_still_signs_in(app, make_user, make_client):
    keep, kept_number = _without_email(make_user)
    drop, number = _without_email(make_user)
    with unit_of_work():
        db.session.get(User, keep.id).name = "Anna Bakker"
    _merge_saying_the_number(make_user, keep, drop, number)
    assert db.session.get(User, keep.id).client_number == kept_number
    assert "Anna Bakker" in _signs_in_as(make_client, number)
    assert "Anna Bakker" in _signs_in_as(make_client, kept_number)
