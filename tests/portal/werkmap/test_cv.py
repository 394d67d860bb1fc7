"""The CV: details and items, what "complete" means, startkwalificatie, preview, PDF, profile;
a complete CV settles the checklist's CV item."""

import io

from sqlalchemy import select

from portal.db import db
from portal.roles import Role
from portal.searchperiod.models import Application
from portal.werkmap import cv_services
from portal.werkmap.cv_models import Cv
from tests.portal.searchperiod.test_checklist import applicant_with_period  # noqa: F401

DETAILS = {
    "full_name": "Samira El Amrani",
    "phone": "06 12345678",
    "city": "Zwolle",
    "profile_text": "Ik werk graag met mensen.",
    "driving_licences": ["B", "AM"],
}


def _cv() -> Cv:
    db.session.expire_all()
    return db.session.scalar(select(Cv))


def _build(client) -> None:
    assert client.submit("/werkmap/cv/details", DETAILS).status_code == 302
    assert (
        client.submit(
            "/werkmap/cv/experience/new",
            {
                "title": "Caissière",
                "organisation": "Albert Heijn",
                "place": "Zwolle",
                "started": "2019-03-01",
                "ended": "2023-06-30",
                "detail": "Kassa en vakken vullen.",
            },
        ).status_code
        == 302
    )
    assert (
        client.submit(
            "/werkmap/cv/education/new",
            {
                "title": "Verzorgende IG",
                "organisation": "Landstede",
                "level": "mbo3",
                "diploma": "y",
            },
        ).status_code
        == 302
    )
    assert (
        client.submit(
            "/werkmap/cv/language/new", {"title": "Nederlands", "level": "B2"}
        ).status_code
        == 302
    )


def test_missing_parts_are_named_until_complete(client, applicant_with_period):  # noqa: F811
    user = applicant_with_period()
    html = client.get("/werkmap/cv/").get_data(as_text=True)
    assert "Uw cv is nog niet compleet." in html and "werkervaring" in html
    assert client.submit("/werkmap/cv/details", DETAILS).status_code == 302
    assert cv_services.missing(_cv()) == ["experience", "education", "language"]
    html = client.get("/werkmap/cv/").get_data(as_text=True)
    assert "Het mist nog: werkervaring, opleiding, talen." in html
    _build(client)
    cv = _cv()
    assert cv_services.is_complete(cv) and cv_services.has_startkwalificatie(cv)
    assert cv.licences == ["AM", "B"]
    html = client.get("/werkmap/cv/").get_data(as_text=True)
    assert (
        "Uw cv is compleet." in html and "U heeft een diploma van havo, vwo of mbo niveau 2" in html
    )
    application = db.session.scalar(select(Application).where(Application.applicant_id == user.id))
    assert application.cv_done_at is not None
    html = client.get("/search-period/").get_data(as_text=True)
    assert "1 van de 4 klaar" in html  # the CV; UWV, applications, questionnaire still open


def test_no_experience_counts_and_bad_dates_are_refused(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/werkmap/cv/details", {**DETAILS, "no_experience": "y"})
    assert "experience" not in cv_services.missing(_cv())
    html = client.submit(
        "/werkmap/cv/experience/new",
        {"title": "Schoonmaker", "started": "2022-05-01", "ended": "2021-01-01"},
    ).get_data(as_text=True)
    assert "De einddatum is vóór de begindatum." in html and 'value="Schoonmaker"' in html
    assert _cv().items == []


def test_preview_and_pdf_look_like_a_cv(client, login_as):
    login_as(Role.APPLICANT)
    _build(client)
    html = client.get("/werkmap/cv/preview").get_data(as_text=True)
    assert "Samira El Amrani" in html and "Albert Heijn" in html and "MBO niveau 3" in html
    response = client.get("/werkmap/cv/cv.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert len(response.data) > 5000  # the font is embedded


def test_change_and_remove_items_of_someone_else_are_not_found(
    client, login_as, make_client, make_user, login
):
    login_as(Role.APPLICANT)
    _build(client)
    item = _cv().section("experience")[0]
    assert (
        client.submit(
            f"/werkmap/cv/items/{item.id}",
            {"title": "Kassamedewerker", "organisation": "Albert Heijn"},
        ).status_code
        == 302
    )
    assert _cv().section("experience")[0].title == "Kassamedewerker"
    other = make_client()
    login(make_user(Role.APPLICANT), target=other)
    assert other.get(f"/werkmap/cv/items/{item.id}").status_code == 404
    assert other.submit(f"/werkmap/cv/items/{item.id}/delete").status_code == 404
    assert client.submit(f"/werkmap/cv/items/{item.id}/delete").status_code == 302
    assert len(_cv().items) == 2


def test_uploaded_cv_counts_as_complete_and_downloads(client, login_as):
    login_as(Role.APPLICANT)
    assert (
        client.submit(
            "/werkmap/cv/upload",
            {"file": (io.BytesIO(b"%PDF-1.5 cv"), "cv.pdf")},
            content_type="multipart/form-data",
        ).status_code
        == 302
    )
    assert cv_services.is_complete(_cv())
    response = client.get("/werkmap/cv/file")
    assert response.data == b"%PDF-1.5 cv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    response.close()


def test_work_profile_and_its_limits(client, login_as):
    login_as(Role.APPLICANT)
    html = client.submit(
        "/werkmap/profile", {"jobs": "Orderpicker", "hours_per_week": "80"}
    ).get_data(as_text=True)
    assert "Vul een getal in van 1 tot en met 60." in html and "Orderpicker" in html
    assert (
        client.submit(
            "/werkmap/profile",
            {
                "jobs": "Orderpicker",
                "hours_per_week": "32",
                "region": "Zwolle",
                "available_from": "2026-12-01",
                "limits": "Niet zwaar tillen",
            },
        ).status_code
        == 302
    )
    db.session.expire_all()
    profile = db.session.scalar(select(cv_services.WorkProfile))
    assert cv_services.profile_missing(profile) == []
    assert profile.share_limits is False
    assert "Uw werkprofiel is compleet." in client.get("/werkmap/profile").get_data(as_text=True)
