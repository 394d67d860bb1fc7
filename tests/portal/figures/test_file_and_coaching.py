"""The file on a day in the shape of seed 002 §5, e-coaching, and the row per person that the
file is counted from (kept by events, equal to a rebuild)."""

from datetime import date, timedelta

from sqlalchemy import delete, select

from portal import clock
from portal.caseload import services as caseload
from portal.db import db, unit_of_work, utcnow
from portal.figures import facts_services, snapshot_services
from portal.figures.count_services import NO_TEAM
from portal.figures.models import Count, FileDay, PersonFacts
from portal.people import Team
from portal.roles import Role
from tests.portal.figures.conftest import at
from tests.portal.figures.pages import rows
from tests.questionnaires.test_golden import SELF_STARTER

ZELF = "U zoekt zelf werk, met hulp van een e-coach"
KLANT = "Klantondersteuning: hulp om werk te vinden"
MP = "Eerst meedoen in de samenleving, met activiteiten die bij u passen"
WOMAN = {**SELF_STARTER, "gender": "woman"}
MAN = {**SELF_STARTER, "gender": "man"}


def test_the_file_by_line_and_five_characteristics(client, login_as, people):
    for _ in range(6):
        people("zelfdoeners", born=date(1994, 3, 1), applied=date(2024, 1, 8), answers=WOMAN)
    for _ in range(5):
        people("klantondersteuning", born=date(1969, 3, 1), applied=date(2019, 1, 8), answers=MAN)
    people("zelfdoeners", answers=WOMAN, ended=(date(2024, 6, 3), "regular_job"))  # left
    login_as(Role.TEAM_LEAD)
    html = client.get("/figures/file?year=2024&part=year").get_data(as_text=True)
    assert rows(html, "file_lines") == {
        ZELF: ["6", "54,5%"],
        KLANT: ["5", "45,5%"],
        MP: ["0", "0,0%"],
        "Totaal": ["11", "100,0%"],
    }
    assert rows(html, "file_gender") == {
        ZELF: ["6", "0", "0", "0", "6"],
        KLANT: ["0", "5", "0", "0", "5"],
        MP: ["0", "0", "0", "0", "0"],
        "Totaal": ["6", "5", "0", "0", "11"],
    }
    assert rows(html, "file_age")[ZELF] == ["0", "6", "0", "0", "6"]  # 30 on 31 December
    assert rows(html, "file_age")[KLANT] == ["0", "0", "5", "0", "5"]
    assert rows(html, "file_household")["Totaal"] == ["11", "11"]  # not asked: all not known
    assert rows(html, "file_duration")[ZELF] == ["6", "0", "0", "0", "6"]
    assert rows(html, "file_duration")[KLANT] == ["0", "0", "5", "0", "5"]  # since 2019
    assert rows(html, "file_barrier")["Totaal"] == ["11", "0", "0", "0", "11"]
    # Before the decisions (February 2024), nobody was in the file yet.
    before = client.get("/figures/file?year=2024&part=m01").get_data(as_text=True)
    assert rows(before, "file_lines")["Totaal"] == ["0", "–"]


def test_a_small_group_in_the_file_is_hidden_in_every_table(client, login_as, people):
    for _ in range(6):
        people("zelfdoeners", answers=WOMAN)
    for _ in range(3):
        people("klantondersteuning", answers=MAN)
    login_as(Role.TEAM_LEAD)
    html = client.get("/figures/file?year=2024&part=year").get_data(as_text=True)
    for name in ("file_gender", "file_age", "file_duration", "file_barrier", "file_household"):
        table = rows(html, name)
        assert table[KLANT][-1] == "< 5", name  # the line total of 3
        assert "3" not in [cell for row in table.values() for cell in row], name
    assert rows(html, "file_lines")["Totaal"] == ["9", "100,0%"]


def test_caseloads_reviews_and_leaving_within_four_months(
    client, login_as, people, make_user, make_client, login
):
    coach = people.coach
    other = make_user(Role.ECOACH, name="Bert Coach", password=None)
    cohort = []
    for n in range(12):  # Zelfdoeners since 10 January 2024: four months end 10 May
        ended = (date(2024, 4, 2), "regular_job") if n < 7 else None
        cohort.append(people("zelfdoeners", decided=date(2024, 1, 10), ended=ended))
    with unit_of_work():
        for person in cohort[7:]:
            caseload.assign(person.id, other.id, None, at(date(2024, 1, 11)))
    login_as(Role.TEAM_LEAD)
    html = client.get("/figures/coaching?year=2024&part=m05").get_data(as_text=True)
    four = rows(html, "four_months")
    assert four["Binnen 4 maanden uitgestroomd naar werk of school"] == ["7", "58,3%"]
    assert four["Niet (nog niet) uitgestroomd binnen 4 maanden"] == ["5", "41,7%"]
    assert four["Totaal"] == ["12", "100,0%"]
    loads = rows(html, "caseloads")
    assert loads["Bert Coach"] == ["5"]
    assert loads[coach.name] == ["0"]  # their seven ended in April
    april = client.get("/figures/coaching?year=2024&part=m04").get_data(as_text=True)
    assert rows(april, "reviews")["Coaching beëindigd"] == ["7", "100,0%"]
    assert rows(april, "outflow")["Reguliere baan"] == ["7", "100,0%"]
    management = make_client()
    login(make_user(Role.MANAGEMENT), target=management)
    anonymous = rows(
        management.get("/figures/coaching?year=2024&part=m05").get_data(as_text=True), "caseloads"
    )
    assert anonymous == {"E-coach 1": ["5"], "E-coach 2": ["0"], "Totaal": ["5"]}


def _facts():
    return {
        row.person_id: {
            c.name: getattr(row, c.name)
            for c in PersonFacts.__table__.columns
            if c.name != "updated_at"
        }
        for row in db.session.scalars(select(PersonFacts))
    }


def test_the_rows_kept_by_events_equal_a_rebuild(people, make_user):
    people("zelfdoeners", answers=WOMAN, ended=(date(2024, 6, 3), "education"))
    people("klantondersteuning", answers=MAN)
    people("maatschappelijke_participatie", answers={**SELF_STARTER, "gender": "rather_not_say"})
    left = people("zelfdoeners", ended=(date(2024, 3, 1), "drop_out"))
    people(born=date(1990, 2, 3), applied=date(2023, 11, 30))
    make_user(Role.APPLICANT)  # no decision: not in the file
    kept = _facts()
    assert kept[left.id]["left_on"] == date(2024, 3, 1)
    assert {row["gender"] for row in kept.values()} == {"woman", "man", None}
    with unit_of_work():
        assert facts_services.rebuild(utcnow()) == 5
    assert _facts() == kept


def test_rebuild_on_an_old_database_and_by_command(app, people):
    people("zelfdoeners")
    with unit_of_work():
        db.session.execute(delete(PersonFacts))
        db.session.execute(delete(Count))
    assert facts_services.missing()
    result = app.test_cli_runner().invoke(args=["figures", "rebuild"])
    assert "1 people in the file" in result.output
    assert not facts_services.missing()
    assert db.session.scalar(select(PersonFacts.outcome)) == "zelfdoeners"
    with unit_of_work():
        db.session.execute(delete(PersonFacts))
        db.session.execute(delete(Count))
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "figures: 1 people in the file" in result.output


def _live(on, team=None):
    return snapshot_services._folded(snapshot_services._live(on, team))


def test_stored_file_counts_are_kept_by_events_and_equal_a_count(people):
    """The file of today is counted once (run-scheduled) and then kept by each decision and
    each ended coaching; a past month end is counted by a rebuild."""
    with unit_of_work():
        team = Team(name="Team Noord")
        db.session.add(team)
    people("zelfdoeners", answers=WOMAN, team=team.id)
    people("klantondersteuning", answers=MAN)
    now = utcnow()
    on = clock.today(now)
    with unit_of_work():
        snapshot_services.snapshot(on, now)
    # After the count: one more in the file, and one in the file who leaves it again.
    people("zelfdoeners", answers=MAN, born=date(2001, 1, 1), team=team.id)
    people("zelfdoeners", answers=WOMAN, ended=(date(2024, 6, 3), "regular_job"))
    stored = snapshot_services.file_counts(on, None)
    assert stored == _live(on) and sum(stored["gender"].values()) == 3
    assert snapshot_services.file_counts(on, team.id) == _live(on, team.id)
    assert snapshot_services.file_counts(on, NO_TEAM) == _live(on, NO_TEAM)
    with unit_of_work():
        snapshot_services.snapshot_all(now)
    past = date(2024, 6, 30)
    assert db.session.get(FileDay, past) is not None
    assert snapshot_services.file_counts(past, None) == _live(past)
    assert snapshot_services.file_counts(on, None) == stored
    with unit_of_work():
        assert snapshot_services.prune(on + timedelta(days=1)) == 1  # today: not a month end
    assert db.session.get(FileDay, past) is not None


def test_run_scheduled_counts_the_file_of_today(app, people):
    people("zelfdoeners", answers=WOMAN)
    result = app.test_cli_runner().invoke(args=["run-scheduled"])
    assert result.exit_code == 0, result.output
    on = clock.today(utcnow())
    assert db.session.get(FileDay, on) is not None
    assert sum(snapshot_services.file_counts(on, None)["gender"].values()) == 1
