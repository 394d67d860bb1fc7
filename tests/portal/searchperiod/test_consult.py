"""Consultant: team-scoped worklist, invitation with .ics, assessment and corrections."""

from datetime import date, datetime, time, timedelta

import pytest
from babel.dates import format_date
from icalendar import Calendar
from sqlalchemy import select

from portal import clock
from portal.audit import AuditEvent
from portal.auth.password_services import hash_password
from portal.auth.services import find_by_email
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.people import Team
from portal.roles import Role
from portal.searchperiod import consult_services as consult
from portal.searchperiod import services
from portal.searchperiod.models import Assessment
from tests.conftest import PASSWORD
from tests.portal.queries import queries_for

TODAY = clock.today(utcnow())


@pytest.fixture
def teams(app, make_user):
    with unit_of_work():
        north, south = Team(name="Noord"), Team(name="Zuid")
        db.session.add_all([north, south])
    consultant = make_user(Role.CONSULTANT, name="Karin")
    colleague = make_user(Role.CONSULTANT, name="Sven")
    with unit_of_work():
        db.session.merge(consultant).team_id = north.id
        db.session.merge(colleague).team_id = south.id
    return north, south, consultant, colleague


def _register(actor, name, applied_on, email=None):
    with unit_of_work():
        actor = db.session.merge(actor) if actor else None
        return services.register(
            services.Registration(
                name=name, born_on=date(1980, 1, 1), applied_on=applied_on, email=email
            ),
            "consultant" if actor else "self",
            actor,
            utcnow(),
            "nl",
        ).application


def test_worklist_is_scoped_to_the_team_and_sorted_by_deadline(client, teams, login):
    _north, _south, karin, sven = teams
    soon = _register(karin, "Anna Binnenkort", TODAY - timedelta(days=25))
    ended = _register(karin, "Bert Voorbij", TODAY - timedelta(days=40))
    _register(karin, "Cor Later", TODAY)  # ends in four weeks: not yet
    _register(sven, "Dirk Zuid", TODAY - timedelta(days=25))  # another team
    _register(None, "Eva Zelf", TODAY - timedelta(days=25))  # no team
    login(karin)
    html = client.get("/consult/").get_data(as_text=True)
    assert html.index("Bert Voorbij") < html.index("Anna Binnenkort")
    assert "Cor Later" not in html and "Dirk Zuid" not in html and "Eva Zelf" not in html
    assert "Voorbij" in html and "2 aanvragen" in html
    with_unassigned = client.get("/consult/?unassigned=1").get_data(as_text=True)
    assert "Eva Zelf" in with_unassigned and "Dirk Zuid" not in with_unassigned
    assert "Cor Later" in client.get("/consult/?days=30").get_data(as_text=True)
    assert client.get(f"/consult/{soon.id}").status_code == 200
    other = db.session.scalar(select(type(soon)).where(type(soon).name == "Dirk Zuid"))
    assert client.get(f"/consult/{other.id}").status_code == 404
    views = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "application.view")
    ).all()
    assert [(v.actor_id, v.subject_id) for v in views] == [(karin.id, soon.id)]
    assert ended.period_last_day < TODAY


def test_invitation_is_mailed_with_a_calendar_file_and_shown_to_the_applicant(
    client, teams, login, make_client
):
    _north, _south, karin, _sven = teams
    application = _register(
        karin, "Anna Uitnodiging", TODAY - timedelta(days=27), email="anna@example.nl"
    )
    login(karin)
    past = client.submit(
        f"/consult/{application.id}/invite",
        {
            "day": (TODAY - timedelta(days=1)).isoformat(),
            "time": "10:00",
            "mode": "in_person",
            "place": "Werkplein, Stationsweg 1",
        },
    )
    assert past.status_code == 400
    assert "Kies een moment in de toekomst." in past.get_data(as_text=True)
    day = TODAY + timedelta(days=3)
    ok = client.submit(
        f"/consult/{application.id}/invite",
        {
            "day": day.isoformat(),
            "time": "10:30",
            "mode": "in_person",
            "place": "Werkplein, Stationsweg 1",
        },
    )
    assert ok.status_code == 302
    db.session.expire_all()
    mail = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert mail.subject == "Uitnodiging: eerste gesprek over uw aanvraag"
    assert mail.attachment_name == "gesprek.ics" and mail.attachment_type == "text/calendar"
    event = Calendar.from_ical(mail.attachment_text).walk("VEVENT")[0]
    expected = datetime.combine(day, time(10, 30), tzinfo=clock.AMSTERDAM)
    assert event.decoded("dtstart") == expected
    assert str(event["location"]) == "Werkplein, Stationsweg 1"
    assert str(event["summary"]) == "Eerste gesprek over uw aanvraag"
    # The moment as people say it: the day in full and the time, no seconds, no time zone.
    said = format_date(day, "full", locale="nl") + ", 10:30"
    assert said in mail.body_text and "10:30:00" not in mail.body_text
    own = make_client()
    with unit_of_work():
        db.session.merge(application.applicant).password_hash = hash_password(PASSWORD)
    own.submit("/login", {"email": "anna@example.nl", "password": PASSWORD})
    html = own.get("/search-period/").get_data(as_text=True)
    assert "Uw gesprek met de gemeente:" in html and "Werkplein, Stationsweg 1" in html
    assert f"Uw gesprek met de gemeente: {said}." in html and "standaardtijd" not in html


def test_assessment_is_read_only_and_a_correction_keeps_the_old_one(client, teams, login):
    _north, _south, karin, _sven = teams
    application = _register(karin, "Anna Beoordeling", TODAY - timedelta(days=30))
    login(karin)
    incomplete = client.submit(
        f"/consult/{application.id}/assess", {"uwv_met": "yes", "conclusion": "Goed gezocht."}
    )
    html = incomplete.get_data(as_text=True)
    assert incomplete.status_code == 400
    assert "Geef bij elke verplichting aan of die is nagekomen." in html
    assert "Goed gezocht." in html  # the input is kept
    data = {
        "uwv_met": "yes",
        "cv_met": "no",
        "cv_note": "Geen cv laten zien.",
        "applications_met": "yes",
        "questionnaire_met": "yes",
        "conclusion": "Verplichtingen grotendeels nagekomen.",
    }
    assert client.submit(f"/consult/{application.id}/assess", data).status_code == 302
    corrected = {
        **data,
        "cv_met": "yes",
        "cv_note": "Cv alsnog gemaild.",
        "conclusion": "Alle verplichtingen nagekomen.",
    }
    assert client.submit(f"/consult/{application.id}/assess", corrected).status_code == 302
    first, second = db.session.scalars(select(Assessment).order_by(Assessment.id)).all()
    assert first.items["cv"] == {"met": False, "note": "Geen cv laten zien."}
    assert second.corrects_id == first.id and second.items["cv"]["met"] is True
    html = client.get(f"/consult/{application.id}").get_data(as_text=True)
    assert "Geen cv laten zien." in html and "Cv alsnog gemaild." in html
    assert "Dit corrigeert de beoordeling hierboven." in html
    assert "Anna Beoordeling" not in client.get("/consult/").get_data(as_text=True)


def test_consult_services_refuse_other_roles(app, make_user, teams):
    applicant = make_user(Role.APPLICANT)
    with pytest.raises(PermissionError):
        consult.worklist(applicant, TODAY, 7, False, 1, 10)


def test_team_lead_adds_teams_and_invites_into_a_team(client, login_as):
    login_as(Role.TEAM_LEAD)
    assert client.submit("/admin/teams", {"name": "Team Noord"}).status_code == 302
    html = client.submit("/admin/teams", {"name": " team  noord "}).get_data(as_text=True)
    assert "Er is al een team met deze naam." in html
    team = db.session.scalar(select(Team))
    client.submit(
        "/admin/accounts/invite",
        {"name": "Kees", "email": "kees@gemeente.nl", "role": "consultant", "team": str(team.id)},
    )
    db.session.expire_all()
    assert find_by_email("kees@gemeente.nl").team_id == team.id


def test_outflow_figure_for_the_team_lead(client, teams, login_as):
    _north, _south, karin, _sven = teams
    for n, reason in enumerate(["found_work", "found_work", "withdrawn", None]):
        application = _register(karin, f"Persoon {n}", TODAY)
        if reason:
            with unit_of_work():
                services.end_early(db.session.merge(application), reason, utcnow())
    assert consult.outflow() == {
        "total": 4,
        "reasons": {"found_work": 2, "started_study": 0, "withdrawn": 1},
    }
    login_as(Role.TEAM_LEAD)
    html = client.get("/consult/outflow").get_data(as_text=True)
    assert "4 aanvragen geregistreerd" in html and "50%" in html


def test_worklist_queries_do_not_grow_with_the_rows(
    client, teams, login, make_client, make_response
):
    _north, _south, karin, _sven = teams
    login(karin)
    _register(karin, "Eerste Persoon", TODAY - timedelta(days=25))
    few = queries_for(client, "/consult/")
    for n in range(10):
        application = _register(karin, f"Persoon {n}", TODAY - timedelta(days=20 + n))
        make_response(application.applicant)
    many = queries_for(client, "/consult/")
    assert few == many
    html = client.get("/consult/").get_data(as_text=True)
    assert "11 aanvragen" in html and "1 van de 4 klaar" in html  # the questionnaire counts
