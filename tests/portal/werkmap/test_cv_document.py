"""The CV's layout is described once (cv_display.cv_document); the page and the PDF render it."""

from datetime import date
from html import escape

from sqlalchemy import select

from portal.db import db
from portal.roles import Role
from portal.werkmap.cv_display import Dated, cv_document
from portal.werkmap.cv_models import Cv, CvItem, WorkProfile
from portal.werkmap.cv_views import LABELS
from portal.werkmap.pdf_display import cv_pdf
from tests.portal.werkmap.test_cv import _build


def _full_cv() -> tuple[Cv, WorkProfile]:
    cv = Cv(
        full_name="Samira El Amrani",
        email="",
        city="Zwolle",
        phone="06 12345678",
        profile_text="Ik werk graag met mensen.",
        driving_licences="AM,B",
    )
    cv.items = [
        CvItem(
            section="experience",
            title="Caissière",
            organisation="Albert Heijn",
            place="Zwolle",
            started=date(2019, 3, 1),
            ended=date(2023, 6, 30),
            detail="",
        ),
        CvItem(
            section="education",
            title="Verzorgende IG",
            organisation="Landstede",
            level="mbo3",
            diploma=True,
            detail="",
        ),
        CvItem(section="skill", title="Kassa"),
        CvItem(section="language", title="Nederlands", level="B2"),
        CvItem(section="certificate", title="BHV", organisation="NIBHV", started=date(2022, 1, 1)),
        CvItem(
            section="reference",
            title="Anja de Vries",
            organisation="Albert Heijn",
            detail="06 87654321",
        ),
    ]
    return cv, WorkProfile(jobs="Verzorgende", hours_per_week=24, region="Zwolle")


def test_the_sections_in_order_with_their_lines(app):
    with app.test_request_context():
        document = cv_document(*_full_cv(), LABELS)
        assert document.name == "Samira El Amrani"
        assert document.contact == ("Zwolle", "06 12345678")
        assert [s.heading for s in document.sections] == [
            "Profiel",
            "Werkervaring",
            "Opleiding",
            "Vaardigheden",
            "Talen",
            "Certificaten",
            "Rijbewijzen",
            "Het werk dat ik zoek",
            "Referenties",
        ]
        experience, education = document.sections[1].dated[0], document.sections[2].dated[0]
        assert experience == Dated("mrt 2019 – jun 2023", "Caissière", ("Albert Heijn, Zwolle",))
        assert education.lines == ("Landstede", "MBO niveau 3 – diploma")
        assert document.sections[4].listed == ("Nederlands: B2",)
        assert document.sections[5].listed == ("BHV, NIBHV, 2022",)
        assert document.sections[7].text == ("Verzorgende", "24 uur per week", "Zwolle")
        assert cv_pdf(document).startswith(b"%PDF-")


def test_an_empty_cv_has_only_its_name(app):
    with app.test_request_context():
        empty = Cv(full_name="Samira", city="", phone="", email="", profile_text="")
        empty.driving_licences, empty.items = "", []
        document = cv_document(empty, None, LABELS)
    assert (document.name, document.contact, document.sections) == ("Samira", (), ())


def test_the_page_shows_every_heading_and_line_of_the_document(client, login_as, app):
    login_as(Role.APPLICANT)
    _build(client)
    html = client.get("/werkmap/cv/preview").get_data(as_text=True)
    with app.test_request_context():
        document = cv_document(db.session.scalar(select(Cv)), None, LABELS)
    shown = [html.index(escape(s.heading)) for s in document.sections]
    assert shown == sorted(shown)
    for section in document.sections:
        for line in (*section.listed, *section.text):
            assert escape(line) in html
        for entry in section.dated:
            assert all(escape(part) in html for part in (entry.when, entry.title, *entry.lines))
