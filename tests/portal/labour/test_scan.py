"""The applicant's scan: competences, wishes, experience from the CV, the result with reasons,
a vacancy into the log, showing the profile to job hunters (opt-in, revocable, audited)."""

from datetime import date

from sqlalchemy import select

from portal.audit import AuditEvent
from portal.db import db, unit_of_work
from portal.labour.models import Competence, CompetenceRating, Scan, Vacancy
from portal.roles import Role
from portal.werkmap.cv_models import Cv, CvItem
from portal.werkmap.models import LogEntry
from tests.portal.labour.helpers import WISHES, rate, seed_lists


def test_scan_from_competences_to_occupations_and_vacancies_with_reasons(client, login_as):
    person = login_as(Role.APPLICANT)
    with unit_of_work():
        cv = Cv(owner_id=person.id, full_name=person.name)
        cv.items.append(
            CvItem(
                section="experience",
                title="Vakkenvuller",
                organisation="Jumbo",
                started=date(2019, 3, 1),
                ended=date(2022, 6, 1),
            )
        )
        db.session.add(cv)
    ids = seed_lists()
    assert "Klantvriendelijk zijn" in client.get("/scan/competences").get_data(as_text=True)
    response = rate(
        client, ids, {"zorgzaam": 3, "nederlands_b1": 2, "op_tijd": 2, "samenwerken": 1}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/scan/step/wishes"
    )
    assert client.submit("/scan/step/wishes", WISHES).status_code == 302
    page = client.get("/scan/step/experience").get_data(as_text=True)
    assert "Vakkenvuller, Jumbo (2019-2022)" in page  # taken over from the CV
    assert (
        client.submit("/scan/step/experience", {"experience": "Vakkenvuller bij Jumbo"}).status_code
        == 302
    )
    html = client.get("/scan/result").get_data(as_text=True)
    # Helpende zorg: three of the four asked (samenwerken at level 1 does not count yet).
    first = html.index("Helpende zorg en welzijn")
    assert first < html.index("Pedagogisch medewerker kinderopvang") < html.index("Orderpicker")
    assert "U kunt al 3 van de 4 dingen die gevraagd worden." in html
    assert "Nog te leren: Samenwerken in een team." in html
    assert "Vrijwilligerswerk in een team" in html  # how to get it
    assert "Helpende in de thuiszorg" in html and "Toevoegen aan mijn logboek" in html
    scan = db.session.scalar(select(Scan).where(Scan.owner_id == person.id))
    assert scan.answers["hours"] == 24 and scan.answers["sectors"] == ["care", "logistics"]


def test_a_matching_vacancy_goes_into_the_log_once_a_day(client, login_as):
    person = login_as(Role.APPLICANT)
    ids = seed_lists()
    rate(client, ids, {"zorgzaam": 2})
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.reference == "demo-001"))
    for _ in range(2):
        response = client.submit(f"/scan/vacancies/{vacancy.id}/log")
        assert response.status_code == 302
    entries = db.session.scalars(select(LogEntry).where(LogEntry.owner_id == person.id)).all()
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.kind, entry.organisation, entry.job_title) == (
        "other",
        "Zorggroep Noorderzon",
        "Helpende in de thuiszorg",
    )
    assert entry.follow_up_on == vacancy.closes_on and entry.vacancy.startswith("https://")
    assert client.submit("/scan/vacancies/999999/log").status_code == 404


def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(client, login_as):
    person = login_as(Role.APPLICANT)
    ids = seed_lists()
    html = client.submit(
        "/scan/step/wishes", {**WISHES, "hours": "99", "sectors": ["moon"]}
    ).get_data(as_text=True)
    assert "Vul een heel getal in van 1 tot 40." in html
    assert 'value="99"' in html
    html = client.submit("/scan/step/wishes", {**WISHES, "hours": "1e999"}).get_data(as_text=True)
    assert "Er is een probleem" in html
    response = client.submit("/scan/competences", {f"c{ids['zorgzaam']}": "7"})
    assert response.status_code == 200 and "Er is een probleem" in response.get_data(as_text=True)
    response = client.submit("/scan/step/wishes", {**WISHES, "travel": "x\x00"})
    assert response.status_code == 200
    # Nothing half-saved: not even an empty scan.
    assert db.session.scalar(select(Scan).where(Scan.owner_id == person.id)) is None
    assert db.session.scalar(select(CompetenceRating)) is None
    assert client.get("/scan/step/nope").status_code == 404


def test_the_profile_is_shown_to_job_hunters_only_after_opting_in(
    client, login_as, make_user, make_client, login
):
    person = login_as(Role.APPLICANT, name="Samira El Amrani")
    seed_lists()
    client.submit("/scan/step/wishes", WISHES)
    hunter_client = make_client()
    login(make_user(Role.CONSULTANT), target=hunter_client)
    scan = db.session.scalar(select(Scan).where(Scan.owner_id == person.id))
    assert "Samira" not in hunter_client.get("/labour-market/candidates").get_data(as_text=True)
    assert hunter_client.get(f"/labour-market/candidates/{scan.id}").status_code == 404
    assert client.submit("/scan/visibility", {"visible": "1"}).status_code == 302
    listed = hunter_client.get("/labour-market/candidates").get_data(as_text=True)
    assert f"Profiel {scan.id}" in listed and "Zorg en welzijn" in listed
    html = hunter_client.get(f"/labour-market/candidates/{scan.id}").get_data(as_text=True)
    assert "Samira El Amrani" in html
    assert client.submit("/scan/visibility", {"visible": "0"}).status_code == 302
    assert hunter_client.get(f"/labour-market/candidates/{scan.id}").status_code == 404
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_id == person.id).order_by(AuditEvent.id)
    ).all()
    assert [a for a in actions if a.startswith("scan.")] == [
        "scan.visible",
        "scan.profile_read",
        "scan.hidden",
    ]
    assert client.submit("/scan/visibility", {"visible": "maybe"}).status_code == 400


def test_the_result_shows_the_twenty_best_vacancies_and_counts_the_rest(client, login_as):
    login_as(Role.APPLICANT)
    ids = seed_lists()
    rate(client, ids, {"zorgzaam": 2})
    with unit_of_work():
        care = db.session.get(Competence, ids["zorgzaam"])
        for n in range(25):
            db.session.add(
                Vacancy(
                    reference=f"t{n}",
                    title=f"Zorgbaan {n:02d}",
                    employer="Zorg BV",
                    sector="care",
                    requirements=[care],
                )
            )
    html = client.get("/scan/result").get_data(as_text=True)
    assert html.count("Toevoegen aan mijn logboek") == 20
    assert "Er zijn nog 6 vacatures die minder goed passen." in html  # 25 + demo-001


def test_an_occupation_from_the_result_becomes_a_goal_in_the_plan(client, login_as):
    """The result's "Make this a goal in my plan" posts the occupation to the plan."""
    login_as(Role.APPLICANT)
    ids = seed_lists()
    rate(client, ids, {"zorgzaam": 3, "nederlands_b1": 2, "op_tijd": 2})
    client.submit("/scan/step/wishes", WISHES)
    html = client.get("/scan/result").get_data(as_text=True)
    assert 'name="occupation" value="Helpende zorg en welzijn"' in html
    response = client.submit(
        "/my-plan/goals/from-occupation", {"occupation": "Helpende zorg en welzijn"}
    )
    assert response.status_code == 302
    assert "Helpende zorg en welzijn" in client.get("/my-plan/").get_data(as_text=True)
