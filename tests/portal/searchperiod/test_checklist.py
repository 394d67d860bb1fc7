"""The applicant's checklist: every item, the CV upload checks, and ending early."""

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal import clock, files
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.roles import Role
from portal.searchperiod import services
from portal.searchperiod.models import Application
from tests.portal.test_files import docx_bytes

TODAY = clock.today(utcnow())


@pytest.fixture
def applicant_with_period(app, make_user, login):
    """An applicant (27+) with an open application, signed in."""

    def make(born_on=date(1980, 5, 17), uwv=None):
        user = make_user(Role.APPLICANT)
        with unit_of_work():
            services.register(
                services.Registration(
                    name=user.name,
                    born_on=born_on,
                    applied_on=TODAY,
                    email=user.email,
                    uwv_registered_on=uwv,
                ),
                "self",
                None,
                utcnow(),
                "nl",
            )
        login(user)
        return user

    return make


def _application(user) -> Application:
    db.session.expire_all()
    return services.last_application(user)


def test_checklist_shows_deadline_days_left_and_four_items(client, applicant_with_period):
    applicant_with_period()
    html = client.get("/search-period/").get_data(as_text=True)
    last_day = TODAY + timedelta(days=27)
    assert "Doe deze dingen uiterlijk op" in html and "Die dag telt nog mee." in html
    assert str(last_day.year) in html
    assert "U heeft nog 28 dagen." in html and "0 van de 4 klaar" in html
    assert "Kijk of u weer naar school kunt" not in html


def test_under_27_gets_the_school_item(client, applicant_with_period):
    user = applicant_with_period(born_on=date(2003, 3, 3), uwv=TODAY - timedelta(days=1))
    html = client.get("/search-period/").get_data(as_text=True)
    assert "Kijk of u weer naar school kunt" in html and "1 van de 5 klaar" in html  # UWV known
    response = client.submit("/search-period/school", {"has_startkwalificatie": "no"})
    assert "Zeg dat u heeft gekeken of u weer naar school kunt" in response.get_data(as_text=True)
    client.submit(
        "/search-period/school",
        {"has_startkwalificatie": "no", "not_feasible": "Ik zorg voor mijn moeder."},
    )
    application = _application(user)
    assert application.school_not_feasible == "Ik zorg voor mijn moeder."
    assert "2 van de 5 klaar" in client.get("/search-period/").get_data(as_text=True)


def test_uwv_date_and_applications(client, applicant_with_period):
    user = applicant_with_period()
    future = (TODAY + timedelta(days=2)).isoformat()
    html = client.submit("/search-period/uwv", {"registered_on": future}).get_data(as_text=True)
    assert "Deze datum ligt in de toekomst." in html
    assert (
        client.submit("/search-period/uwv", {"registered_on": TODAY.isoformat()}).status_code == 302
    )
    for n in range(4):
        client.submit(
            "/werkmap/new",
            {
                "day": TODAY.isoformat(),
                "kind": "application",
                "organisation": f"Bakkerij {n}",
                "job_title": "Verkoper",
                "status": "sent",
            },
        )
    client.submit(
        "/werkmap/new",
        {
            "day": TODAY.isoformat(),
            "kind": "job_fair",
            "organisation": "Banenmarkt",
            "status": "sent",
        },
    )
    html = client.get("/search-period/").get_data(as_text=True)
    assert "U heeft 4 keer gesolliciteerd. Wij vragen 4 sollicitaties in vier weken." in html
    assert "2 van de 4 klaar" in html
    assert "Bakkerij 3" in client.get("/werkmap/").get_data(as_text=True)
    assert _application(user).uwv_stated_on == TODAY


def test_cv_upload_checked_by_content(client, applicant_with_period, app):
    user = applicant_with_period()
    exe = {"file": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "mijn-cv.pdf")}
    html = client.submit("/werkmap/cv/upload", exe, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "Dit soort bestand kan niet." in html and 'id="file-error"' in html
    # Encoded in memory: the test client would spool an 11 MB body to a file it never closes.
    boundary, body = encode_multipart(
        {
            "csrf_token": client.csrf_token(),
            "file": FileStorage(io.BytesIO(b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024)), "cv.pdf"),
        }
    )
    html = client.post(
        "/werkmap/cv/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    ).get_data(as_text=True)
    assert "Het bestand is te groot. Het mag hoogstens 10 MB zijn." in html
    assert _application(user).cv_done_at is None
    cv = docx_bytes()  # built once: the bytes sent are the bytes compared
    good = {"file": (io.BytesIO(cv), "../../etc/Mijn CV.docx")}
    assert (
        client.submit("/werkmap/cv/upload", good, content_type="multipart/form-data").status_code
        == 302
    )
    stored = db.session.scalar(select(StoredFile))
    assert stored.original_name == "Mijn CV.docx" and stored.storage_name.endswith(".docx")
    path = Path(app.config["PORTAL_UPLOAD_DIR"]) / stored.storage_name
    assert cv not in path.read_bytes() and "static" not in path.parts  # sealed
    assert files.read(stored) == cv
    assert _application(user).cv_done_at is not None


def test_questionnaire_item_follows_the_entreevragenlijst(
    client, applicant_with_period, make_response
):
    user = applicant_with_period()
    make_response(user)
    assert "1 van de 4 klaar" in client.get("/search-period/").get_data(as_text=True)


def test_end_early_records_the_reason_and_closes_the_list(client, applicant_with_period):
    user = applicant_with_period()
    html = client.submit("/search-period/end", {}).get_data(as_text=True)
    assert "Kies een reden." in html
    assert client.submit("/search-period/end", {"reason": "found_work"}).status_code == 302
    application = _application(user)
    assert (application.status, application.end_reason) == ("ended", "found_work")
    html = client.get("/search-period/").get_data(as_text=True)
    assert "Uw zoekperiode is gestopt op" in html and "Doe dit nu" not in html
    html = client.submit("/search-period/uwv", {"registered_on": TODAY.isoformat()}).get_data(
        as_text=True
    )
    assert "Uw zoekperiode is gestopt. Dit kan niet meer worden gewijzigd." in html


def test_applicant_without_application(client, login_as):
    login_as(Role.APPLICANT)
    html = client.get("/search-period/").get_data(as_text=True)
    assert "Er is nog geen aanvraag op uw naam." in html
    assert client.get("/search-period/uwv").status_code == 302


def test_upload_dir_is_outside_static(app):
    assert "static" not in Path(app.config["PORTAL_UPLOAD_DIR"]).parts


def test_checklist_shows_the_first_and_the_last_day(client, applicant_with_period):
    """It showed the last day ("before", which left open whether that day counts), never the first."""
    applicant_with_period()
    html = client.get("/search-period/").get_data(as_text=True)
    first, last = TODAY, TODAY + timedelta(days=27)
    assert f"Uw vier weken lopen van {format_date(first, 'full', locale='nl')} tot en met" in html
    assert format_date(last, "full", locale="nl") in html


def test_a_sent_questionnaire_is_not_offered_for_change(client, applicant_with_period):
    """ "Bekijken of wijzigen" was shown for the questionnaire, whose answers cannot change."""
    user = applicant_with_period()
    with unit_of_work():
        services.note_questionnaire_sent(user.id, utcnow())
    html = client.get("/search-period/").get_data(as_text=True)
    item = html[html.index("Vul de vragen over u en werk in") :]
    item = item[: item.index("</li>")]
    assert "Bekijken of wijzigen" not in item and "Uw antwoorden bekijken" in item
