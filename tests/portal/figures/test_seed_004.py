"""Seed 004: the council letter's table of 138 finished participants, built through the
portal's own services, comes back on the figures page with the same counts and percentages,
in Dutch number formatting — except where the letter shows fewer than 5 people."""

import csv
import io
from datetime import UTC, datetime

import pytest

from portal.caseload import services as caseload
from portal.coaching import review_services as reviews
from portal.db import db, unit_of_work
from portal.intake import services as intake
from portal.people import User
from portal.roles import Role
from tests.portal.figures.pages import rows, tables
from tests.questionnaires.test_golden import SELF_STARTER

# "Status deelnemer — Aantal — Percentage van totaal", seed 004.
SEED = [
    ("education", "Reguliere opleiding", 21, "15,2%"),
    ("practical_training", "Praktijkopleiding", 11, "8,0%"),
    ("follow_up_trajectory", "Vervolgtraject", 27, "19,6%"),
    ("sheltered_job", "Nieuw beschut baan", 44, "31,9%"),
    ("afspraakbaan", "Afspraakbaan", 2, "1,4%"),
    ("regular_job", "Reguliere baan", 8, "5,8%"),
    ("drop_out", "Uitval", 19, "13,8%"),
    ("temporary_drop_out", "Tijdelijke uitval", 6, "4,3%"),
]
PERIOD = "/figures/coaching?year=2021&part=year"


@pytest.fixture
def finished(app, make_user):
    """138 Zelfdoeners, each routed, coached and ended with the letter's status in 2021; in
    one transaction (138 of them took three seconds a test)."""
    consultant = make_user(Role.CONSULTANT, password=None)
    coach = make_user(Role.ECOACH, password=None)
    day = 0
    with unit_of_work():
        consultant, coach = db.session.get(User, consultant.id), db.session.get(User, coach.id)
        for status, _label, count, _share in SEED:
            for _ in range(count):
                day += 1
                person = User(
                    role=Role.APPLICANT, email=f"seed004-{day}@example.nl", name=f"P {day}"
                )
                db.session.add(person)
                db.session.flush()
                start = datetime(2020, 9, 1, 10, tzinfo=UTC)
                ended = datetime(2021, 1, 4, 10, tzinfo=UTC).replace(
                    day=1 + day % 28, month=1 + day % 12
                )
                response = intake.start(person, "entreevragenlijst", "drie_lijnen", start)
                response.answers = dict(SELF_STARTER)
                intake.submit(response, start)
                intake.decide(consultant, response, "zelfdoeners", "", start)
                caseload.assign(person.id, coach.id, None, start)
                reviews.record(person, coach, "ended", None, status, "", ended.date(), ended)


def test_the_seed_004_table_comes_back_in_dutch(finished, client, login_as):
    login_as(Role.TEAM_LEAD)
    html = client.get(PERIOD).get_data(as_text=True)
    header = tables(html)["outflow"][0]
    assert header == ["Status deelnemer", "Aantal", "Percentage van totaal"]
    shown = rows(html, "outflow")
    assert list(shown) == [label for _s, label, _n, _p in SEED] + ["Totaal"]
    for _status, label, count, share in SEED:
        if label == "Afspraakbaan":  # 2 people: never shown
            assert shown[label] == ["< 5", "x"]
        elif label == "Tijdelijke uitval":  # hidden, or 138 minus the rest would give the 2
            assert shown[label] == ["x", "x"]
        else:
            assert shown[label] == [str(count), share]
    assert shown["Totaal"] == ["138", "100,0%"]


def test_the_csv_file_shows_the_same(finished, client, login_as):
    login_as(Role.TEAM_LEAD)
    body = client.get(PERIOD.replace("/coaching?", "/coaching/outflow.csv?")).get_data(as_text=True)
    lines = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert lines[1] == ["Status deelnemer", "Aantal", "Percentage van totaal"]
    table = {line[0]: line[1:] for line in lines[2:11]}
    assert table["Reguliere opleiding"] == ["21", "15,2%"]
    assert table["Afspraakbaan"] == ["< 5", "x"]
    assert table["Tijdelijke uitval"] == ["x", "x"]
    assert table["Totaal"] == ["138", "100,0%"]


def test_in_english_the_numbers_are_english(finished, client, login_as):
    login_as(Role.TEAM_LEAD, locale="en")
    shown = rows(client.get(PERIOD).get_data(as_text=True), "outflow")
    assert shown["Regular education"] == ["21", "15.2%"]
    assert shown["Total"] == ["138", "100.0%"]


def test_the_periods_count_by_the_day_coaching_ended(finished, client, login_as):
    login_as(Role.TEAM_LEAD)

    def total(query):
        html = client.get(f"/figures/coaching?{query}").get_data(as_text=True)
        return rows(html, "outflow")["Totaal"]

    assert total("year=2020&part=year") == ["0", "–"]
    # The fixture ends the coaching of person n in month 1 + n % 12: 11 people in January.
    assert total("year=2021&part=m01") == ["11", "100,0%"]
