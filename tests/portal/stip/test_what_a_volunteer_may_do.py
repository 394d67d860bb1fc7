"""What a STIP volunteer may do for the person in a session, and everything they may not:
each refusal is a 403 or 404 with nothing of the person's in the page."""

import io

import pytest
from sqlalchemy import select

from portal.acting import AssistedAction
from portal.audit import AuditEvent
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.roles import Role
from portal.werkmap.cv_models import Cv, CvItem
from portal.werkmap.models import LogEntry
from tests.portal.werkmap.test_log import ENTRY


def _kinds() -> list[str]:
    return db.session.scalars(select(AssistedAction.kind).order_by(AssistedAction.id)).all()


def test_may_fill_in_questionnaire_checklist_log_and_cv(helping, person, make_client, login):
    assert helping.submit("/questions/entreevragenlijst/start").status_code == 302
    assert (
        helping.submit(
            "/questions/entreevragenlijst/page/work",
            {"work_last": "within_year", "work_years": "over_five", "education": "mbo2_havo_vwo"},
        ).status_code
        == 302
    )
    assert (
        helping.submit(
            "/search-period/uwv", {"registered_on": utcnow().date().isoformat()}
        ).status_code
        == 302
    )
    assert (
        helping.submit("/werkmap/new", {**ENTRY, "organisation": "Albert Heijn"}).status_code == 302
    )
    assert (
        helping.submit(
            "/werkmap/cv/details", {"full_name": "Fatma Yılmaz", "phone": "0612345678"}
        ).status_code
        == 302
    )
    assert helping.submit("/werkmap/cv/skill/new", {"title": "Kassa"}).status_code == 302
    html = helping.get("/my-help/print").get_data(as_text=True)
    assert "Wat Fatma nog moet doen" in html and "Maak een cv" in html
    assert _kinds() == ["questionnaire", "checklist", "werkmap", "cv", "cv", "print"]
    entry = db.session.scalar(select(LogEntry))
    assert entry.owner_id == person.id and entry.assisted_session_id is not None

    own = make_client()
    login(person, target=own)
    assert "Met hulp van STIP De Wijkpost." in own.get("/werkmap/").get_data(as_text=True)
    assert "Met hulp van STIP De Wijkpost." in own.get("/questions/").get_data(as_text=True)
    assert "Met hulp van STIP De Wijkpost." in own.get("/werkmap/cv/").get_data(as_text=True)
    html = own.get("/my-help/").get_data(as_text=True)
    for text in (
        "Vragen over u en werk beantwoord",
        "Iets in uw logboek gezet",
        "Uw cv of werkprofiel gewijzigd",
        "Geprint wat u nog moet doen",
    ):
        assert text in html


def test_printed_steps_are_in_the_persons_language(helping, person):
    with unit_of_work():
        db.session.merge(person).locale = "en"
    html = helping.get("/my-help/print").get_data(as_text=True)
    assert "What Fatma still has to do" in html and "Make a CV" in html


@pytest.fixture
def persons_things(person, make_response):
    """A submitted-page questionnaire with sensitive answers, a log entry with proof, a CV."""
    response = make_response(person, submit=False)
    with unit_of_work():
        entry = LogEntry(
            owner_id=person.id,
            day=utcnow().date(),
            kind="application",
            organisation="Geheim Bedrijf BV",
        )
        db.session.add(entry)
        cv = Cv(owner_id=person.id, full_name="Fatma Yılmaz", uploaded_file_id=None)
        cv.items.append(CvItem(section="skill", title="Heftruck"))
        db.session.add(cv)
    return {"response": response, "entry": entry.id, "item": cv.items[0].id}


NOT_ALLOWED = [
    ("GET", "/questions/entreevragenlijst/result"),  # the advice, scores and reasons
    ("GET", "/advice/"),
    ("GET", "/consult/"),
    ("GET", "/werkmap/{entry}"),  # change or remove entries
    ("POST", "/werkmap/{entry}/delete"),
    ("GET", "/werkmap/{entry}/proof"),  # download files
    ("GET", "/werkmap/export.csv"),  # exports
    ("GET", "/werkmap/period"),
    ("GET", "/werkmap/period.pdf"),
    ("GET", "/werkmap/weeks"),
    ("GET", "/werkmap/take-along/"),
    ("GET", "/werkmap/take-along/werkmap.json"),
    ("POST", "/werkmap/take-along/import"),
    ("GET", "/werkmap/cv/cv.pdf"),
    ("GET", "/werkmap/cv/file"),
    ("GET", "/search-period/end"),  # stop the application
    ("GET", "/my-help/"),  # the person's own help page
    ("GET", "/people/{person}/werkmap/"),  # staff pages of the person
    ("GET", "/coach/"),
    ("GET", "/messages/"),  # messages with the e-coach
    ("GET", "/coach/people/{person}"),  # staff notes are in the file
    ("GET", "/coach/people/{person}/messages"),
    ("GET", "/my-coach/"),
]


@pytest.mark.parametrize(("method", "path"), NOT_ALLOWED)
def test_may_not(method, path, helping, person, persons_things):
    url = path.format(person=person.id, **persons_things)
    response = helping.get(url) if method == "GET" else helping.submit(url)
    assert response.status_code in (403, 404), url
    html = response.get_data(as_text=True)
    assert "Geheim Bedrijf" not in html and "Heftruck" not in html


def test_saved_sensitive_answers_are_never_shown(helping, person, persons_things):
    html = helping.get("/questions/entreevragenlijst/page/health").get_data(as_text=True)
    assert "Als vrijwilliger ziet u ze niet en kunt u ze niet wijzigen." in html
    assert " checked" not in html
    html = helping.get("/questions/entreevragenlijst/page/situation").get_data(as_text=True)
    assert 'value="no" checked' not in html  # debts: sensitive, saved as "no"
    html = helping.get("/questions/entreevragenlijst/review").get_data(as_text=True)
    assert html.count("Bewaard. Niet zichtbaar voor de vrijwilliger.") == 4
    # Sending is allowed, but the advice is not shown to the volunteer.
    response = helping.submit("/questions/entreevragenlijst/submit")
    assert response.headers["Location"] == "/questions/"
    html = helping.get("/questions/").get_data(as_text=True)
    assert "Bekijk het advies" not in html
    db.session.expire_all()
    assert intake.latest(person, "entreevragenlijst").status == "submitted"


def test_only_the_person_in_the_session(helping, make_user, persons_things):
    other = make_user(Role.APPLICANT)
    with unit_of_work():
        cv = Cv(owner_id=other.id, full_name="Ander Persoon")
        cv.items.append(CvItem(section="skill", title="Lassen"))
        db.session.add(cv)
    assert helping.get(f"/werkmap/cv/items/{cv.items[0].id}").status_code == 404
    assert helping.get(f"/werkmap/cv/items/{persons_things['item']}").status_code == 200


def test_without_a_session_nothing_of_an_applicant(client, login, volunteer, person):
    login(volunteer)
    for url in (
        "/questions/",
        "/search-period/",
        "/werkmap/",
        "/werkmap/new",
        "/werkmap/cv/",
        "/my-help/print",
    ):
        assert client.get(url).status_code == 403, url
    html = client.submit(
        "/werkmap/new",
        {**ENTRY, "file": (io.BytesIO(b"%PDF-1.4"), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert html.status_code == 403


def test_every_look_by_the_volunteer_is_audited(helping, person, volunteer):
    for url in ("/werkmap/", "/werkmap/cv/", "/search-period/"):
        assert helping.get(url).status_code == 200
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.actor_id == volunteer.id, AuditEvent.action.like("stip.read.%")
        )
    ).all()
    assert sorted(e.action for e in events) == [
        "stip.read.checklist",
        "stip.read.cv",
        "stip.read.werkmap_log",
    ]
    assert {e.subject_id for e in events} == {person.id}
