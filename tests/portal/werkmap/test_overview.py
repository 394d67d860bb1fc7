"""The weekly overview against the norm, and the CSV export."""

import csv
import io
import re
from datetime import date, timedelta

from portal.clock import today
from portal.db import db, unit_of_work, utcnow
from portal.roles import Role
from portal.searchperiod.models import Application
from portal.werkmap import overview_services as overview
from portal.werkmap.models import LogEntry

WEDNESDAY = date(2026, 11, 18)


def _log(owner_id, day, kind="application", organisation="Bakkerij", **extra):
    with unit_of_work():
        db.session.add(
            LogEntry(owner_id=owner_id, day=day, kind=kind, organisation=organisation, **extra)
        )


def test_weeks_count_applications_and_all_activities(app, make_user):
    user = make_user(Role.APPLICANT)
    _log(user.id, WEDNESDAY)
    _log(user.id, WEDNESDAY - timedelta(days=2))  # Monday, same week
    _log(user.id, WEDNESDAY, kind="job_fair")
    _log(user.id, WEDNESDAY - timedelta(days=3))  # Sunday: the week before
    _log(user.id, WEDNESDAY - timedelta(weeks=9))  # too long ago
    weeks = overview.weeks(user.id, WEDNESDAY)
    assert len(weeks) == 8 and weeks[-1].monday == date(2026, 11, 16)
    assert (weeks[-1].applications, weeks[-1].activities) == (2, 3)
    assert (weeks[-2].applications, weeks[-2].activities) == (1, 1)
    assert sum(w.activities for w in weeks) == 4


def test_bars_scale_to_the_highest_of_norm_and_values():
    weeks = [overview.Week(date(2026, 11, 2), 0, 0), overview.Week(date(2026, 11, 9), 4, 5)]
    bars, norm_y = overview.bars(weeks, norm=2)
    assert bars[0].height == 0 and bars[1].height == overview.CHART_HEIGHT
    assert norm_y == overview.CHART_HEIGHT / 2


def test_weeks_page_has_chart_and_table(client, login_as):
    user = login_as(Role.APPLICANT)
    _log(user.id, today(utcnow()))
    html = client.get("/werkmap/weeks").get_data(as_text=True)
    assert "<svg" in html and "<table" in html and "Wij vragen 2 sollicitaties per week." in html


def test_csv_export_in_the_users_language_and_safe_for_spreadsheets(client, login_as):
    user = login_as(Role.APPLICANT)
    _log(
        user.id,
        date(2026, 11, 3),
        organisation='=HYPERLINK("x")',
        job_title="Kok",
        notes="Gebeld; terugbellen",
        status="invited",
        channel="email",
    )
    response = client.get("/werkmap/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert rows[0][:3] == ["Datum", "Wat heeft u gedaan?", "Bedrijf of organisatie"]
    assert rows[1][0] == "2026-11-03" and rows[1][1] == "Gesolliciteerd op een baan"
    assert rows[1][2] == '\'=HYPERLINK("x")' and rows[1][7] == "Uitgenodigd voor een gesprek"
    assert rows[1][9] == "Gebeld; terugbellen"


def test_weeks_before_the_application_are_not_judged(client, login_as):
    """Weeks before the application date were marked "Not met" against the norm."""
    user = login_as(Role.APPLICANT)
    applied_on = today(utcnow()) - timedelta(days=10)
    with unit_of_work():
        db.session.add(
            Application(
                applicant_id=user.id,
                name=user.name,
                born_on=date(1980, 1, 1),
                applied_on=applied_on,
                under_27=False,
                period_start=applied_on,
                period_last_day=applied_on + timedelta(days=27),
                channel="self",
                person_key="x",
            )
        )
    html = client.get("/werkmap/weeks").get_data(as_text=True)
    rows = re.findall(
        r'<tr class="utrecht-table__row">\s*<th[^>]*scope="row">(.*?)</tr>', html, re.S
    )
    assert len(rows) == 8
    verdicts = [re.findall(r"<td[^>]*>([^<]*)</td>", row)[-1] for row in rows]  # newest first
    started = applied_on - timedelta(days=applied_on.weekday())  # the Monday of that week
    judged = (today(utcnow()) - started).days // 7 + 1
    assert verdicts[:judged] == ["Niet nagekomen"] * judged
    assert verdicts[judged:] == ["Vóór de aanvraag"] * (8 - judged)
