"""My data in Chromium at 375 px: who looked at the file (a consultant by name, a help point
volunteer by location), what is kept and for how long, the download, a correction request
that a team lead answers, and the answer back on the applicant's page."""

import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from portal import audit
from portal.acting import Location
from portal.db import db, unit_of_work
from portal.roles import Role
from portal.stip.models import Volunteer
from tests.e2e.conftest import check, sign_in


def test_my_data_on_a_phone(new_page, make_account, live_app):
    person = make_account(Role.APPLICANT, name="Samira El Amrani")
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin Consulent")
    volunteer = make_account(Role.STIP, email="vrijwilliger@example.nl", name="Vera Vrijwilliger")
    lead = make_account(Role.TEAM_LEAD, email="lead@example.nl", name="Teun Teamleider")
    with live_app.app_context(), unit_of_work():
        location = Location(name="STIP De Wijk")
        db.session.add(location)
        db.session.flush()
        db.session.add(Volunteer(user_id=volunteer.id, location_id=location.id))
        audit.record(consultant, "werkmap.read.log", "user", person.id)
        audit.record(volunteer, "stip.read.cv", "user", person.id, detail="session=1")

    page = new_page("phone")
    sign_in(page, person.email)
    check(page)
    page.goto("/my-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_text("Karin Consulent (consulent)")).to_be_visible()
    expect(page.get_by_text("Een vrijwilliger van het hulppunt STIP De Wijk")).to_be_visible()
    expect(page.get_by_text("Heeft uw Werkmap bekeken.")).to_be_visible()
    expect(page.get_by_text("Vera Vrijwilliger")).to_have_count(0)
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn gegevens downloaden").click()
    names = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())).namelist()
    assert {"gegevens.json", "overzicht.html"} <= set(names)
    page.get_by_role("button", name="Mijn verzoek versturen").click()  # empty: a message
    expect(page.get_by_text("Schrijf wat niet klopt.").first).to_be_visible()
    check(page)
    page.get_by_label("Wat klopt er niet?").fill("Mijn telefoonnummer is oud.")
    page.get_by_role("button", name="Mijn verzoek versturen").click()
    expect(page.get_by_text("We hebben uw verzoek.")).to_be_visible()
    expect(page.get_by_text("We hebben nog niet geantwoord.")).to_be_visible()
    check(page)

    staff = new_page("phone")
    sign_in(staff, lead.email)
    check(staff)
    staff.goto("/privacy/corrections")
    check(staff)
    staff.get_by_role("link").filter(has_text="20").first.click()
    check(staff)
    staff.get_by_label("Verbeterd zoals gevraagd").check()
    staff.get_by_label("Antwoord aan de aanvrager").fill("Wij hebben uw nummer aangepast.")
    staff.get_by_role("button", name="Antwoord vastleggen").click()
    expect(staff.get_by_text("Het antwoord is vastgelegd")).to_be_visible()
    check(staff)

    page.goto("/my-data/")
    expect(page.get_by_text("We hebben het verbeterd.")).to_be_visible()
    expect(page.get_by_text("Wij hebben uw nummer aangepast.")).to_be_visible()
    check(page)
