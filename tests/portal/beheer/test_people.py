"""People: a staff member's role and team, applicant accounts, activation mail and letter."""

from datetime import date

from sqlalchemy import select

from portal.auth.session_models import LoginSession
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.people import Team, User
from portal.roles import Role
from portal.searchperiod import services as periods


def _open_sessions(user) -> int:
    db.session.expire_all()
    return len(
        db.session.scalars(
            select(LoginSession).where(
                LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)
            )
        ).all()
    )


def test_a_role_change_ends_the_staff_members_sessions(
    app, client, login, login_as, make_user, make_client
):
    coach = make_user(Role.ECOACH)
    theirs = make_client()
    login(coach, target=theirs)
    assert theirs.get("/coach/").status_code == 200
    assert _open_sessions(coach) == 1
    login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit(f"/beheer/people/staff/{coach.id}", {"role": "consultant", "team": ""})
    assert response.status_code == 302
    assert _open_sessions(coach) == 0
    again = theirs.get("/coach/")
    assert again.status_code == 302 and again.headers["Location"].startswith("/login")
    db.session.expire_all()
    assert db.session.get(User, coach.id).role is Role.CONSULTANT
    login(coach, target=theirs)
    assert theirs.get("/coach/").status_code == 403
    assert theirs.get("/consult/").status_code == 200


def test_a_team_change_takes_effect_on_the_next_request_without_signing_out(
    app, client, login, login_as, make_user, make_client
):
    with unit_of_work():
        team = Team(name="Noord")
        db.session.add(team)
    consultant = make_user(Role.CONSULTANT)
    theirs = make_client()
    login(consultant, target=theirs)
    login_as(Role.FUNCTIONAL_ADMIN)
    client.submit(
        f"/beheer/people/staff/{consultant.id}", {"role": "consultant", "team": str(team.id)}
    )
    assert _open_sessions(consultant) == 1
    db.session.expire_all()
    assert db.session.get(User, consultant.id).team_id == team.id
    assert theirs.get("/consult/").status_code == 200


def test_one_cannot_change_ones_own_role(app, client, login_as):
    admin = login_as(Role.FUNCTIONAL_ADMIN)
    response = client.submit(f"/beheer/people/staff/{admin.id}", {"role": "team_lead", "team": ""})
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(User, admin.id).role is Role.FUNCTIONAL_ADMIN


def test_an_applicant_is_deactivated_and_reactivated(
    app, client, login, login_as, make_user, make_client
):
    person = make_user(Role.APPLICANT)
    theirs = make_client()
    login(person, target=theirs)
    login_as(Role.FUNCTIONAL_ADMIN)
    assert client.submit(f"/beheer/people/applicants/{person.id}/deactivate").status_code == 302
    assert theirs.get("/werkmap/").status_code == 302
    assert (
        theirs.submit(
            "/login", {"email": person.email, "password": "correct horse battery"}
        ).status_code
        == 200
    )
    client.submit(f"/beheer/people/applicants/{person.id}/reactivate")
    login(person, target=theirs)
    assert theirs.get("/werkmap/").status_code == 200


def test_a_new_activation_mail_and_a_new_letter(app, client, login_as, make_user):
    login_as(Role.FUNCTIONAL_ADMIN)
    waiting = make_user(Role.APPLICANT, password=None)
    assert (
        client.submit(f"/beheer/people/applicants/{waiting.id}/activation-mail").status_code == 302
    )
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == waiting.email))
    with app.test_request_context(), unit_of_work():
        done = periods.register(
            periods.Registration(
                name="Zonder Mail", born_on=date(1980, 5, 1), applied_on=utcnow().date()
            ),
            "consultant",
            make_user(Role.CONSULTANT),
            utcnow(),
            "nl",
        )
    letter = client.submit(f"/beheer/people/applicants/{done.application.applicant_id}/letter")
    page = letter.get_data(as_text=True)
    assert letter.status_code == 200
    assert "portal-code" in page and "Zonder Mail" in page


def test_the_search_finds_applicants_only(app, client, login_as, make_user):
    login_as(Role.FUNCTIONAL_ADMIN)
    make_user(Role.APPLICANT, name="Fatma Yilmaz")
    make_user(Role.ECOACH, name="Fatma Coach")
    page = client.get("/beheer/people/applicants?q=fatma").get_data(as_text=True)
    assert "Fatma Yilmaz" in page and "Fatma Coach" not in page
    assert client.get("/beheer/people/applicants?q=%25_").status_code == 200
