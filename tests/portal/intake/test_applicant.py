"""The applicant fills in the Entreevragenlijst page by page, resumes, submits, sees advice."""

import re

import pytest

import questionnaires
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.intake import services
from portal.intake.models import QuestionnaireResponse
from portal.roles import Role
from questionnaires import engine
from tests.portal.queries import statements_for
from tests.questionnaires.test_golden import CANNOT_WORK, SELF_STARTER

ENTREE = questionnaires.load(*MAIN_QUESTIONNAIRE)
BASE = "/questions/entreevragenlijst"


def _data(step_id: str, answers: dict) -> dict:
    step = ENTREE.step(step_id)
    data = {}
    for question in engine.step_questions(ENTREE, step, answers):
        value = answers.get(question.id)
        if value is not None:
            data[question.id] = value if isinstance(value, list) else str(value)
    return data


def fill(client, answers: dict, until: str | None = None) -> str:
    """Walk the pages as a browser would; stop before `until`. Returns the last location."""
    location = client.submit(f"{BASE}/start").headers["Location"]
    while "/page/" in location:
        step_id = location.rsplit("/", 1)[1].split("?")[0]
        if step_id == until:
            return location
        response = client.submit(location, _data(step_id, answers))
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
        location = response.headers["Location"]
    return location


def _response(user) -> QuestionnaireResponse:
    db.session.expire_all()
    return services.latest(user, "entreevragenlijst")


def test_start_page_and_first_page(client, login_as):
    login_as(Role.APPLICANT)
    html = client.get("/questions/").get_data(as_text=True)
    assert ("Vragen over u en werk" in html and "Starten" in html) or "Start" in html
    location = client.submit(f"{BASE}/start").headers["Location"]
    assert location == f"{BASE}/page/work"
    html = client.get(location).get_data(as_text=True)
    assert "Pagina 1 van 11" in html and "Wanneer had u voor het laatst betaald werk?" in html


def test_a_page_of_the_entreevragenlijst_does_not_ask_for_the_service_line(client, login_as):
    """The Entreevragenlijst is open to every applicant: its pages need not work out which
    supplementary questionnaire the person's line opens (failed before: the service line and
    the published versions were read on every page, 8 statements instead of 4)."""
    login_as(Role.APPLICANT)
    client.submit(f"{BASE}/start")
    statements = statements_for(client, f"{BASE}/page/work")
    assert not [s for s in statements if "FROM service_line" in s]
    assert not [s for s in statements if "FROM questionnaire_publication" in s]


@pytest.mark.parametrize("answers", [CANNOT_WORK, SELF_STARTER], ids=["health", "no_health"])
def test_the_page_count_never_grows_on_the_way(client, login_as, answers):
    """It said "Pagina 5 van 8", then "Pagina 6 van 9" once the health details page opened."""
    login_as(Role.APPLICANT)
    seen = []
    location = client.submit(f"{BASE}/start").headers["Location"]
    while "/page/" in location:
        html = client.get(location).get_data(as_text=True)
        seen.append(tuple(map(int, re.search(r"Pagina (\d+) van (\d+)", html).groups())))
        step_id = location.rsplit("/", 1)[1]
        location = client.submit(location, _data(step_id, answers)).headers["Location"]
    totals = [total for _number, total in seen]
    assert totals == sorted(totals, reverse=True), seen
    assert [number for number, _total in seen] == list(range(1, len(seen) + 1)), seen
    assert seen[-1][0] == seen[-1][1]  # the last page says so


def test_errors_are_shown_next_to_the_field_and_input_is_kept(client, login_as):
    user = login_as(Role.APPLICANT)
    client.submit(f"{BASE}/start")
    response = client.submit(f"{BASE}/page/work", {"work_last": "within_year"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kies een antwoord." in html and 'id="work_years-error"' in html
    assert re.search(r'<input checked[^>]*value="within_year"', html)
    assert _response(user).answers == {}  # nothing half-saved


def test_the_error_summary_links_to_the_first_checkbox_and_takes_focus(client, login_as):
    """A link to #health_kind went nowhere: the checkboxes are health_kind-0, -1, …"""
    login_as(Role.APPLICANT)
    location = fill(client, CANNOT_WORK, until="health_details")
    html = client.submit(location, {}).get_data(as_text=True)
    assert 'href="#health_kind-0"' in html and 'id="health_kind-0"' in html
    assert re.search(r'<div [^>]*id="error-summary"[^>]*tabindex="-1" autofocus>', html)


def test_number_out_of_range_is_refused(client, login_as):
    user = login_as(Role.APPLICANT)
    fill(client, SELF_STARTER, until="situation")
    data = {**_data("situation", SELF_STARTER), "hours_available": "45"}
    html = client.submit(f"{BASE}/page/situation", data).get_data(as_text=True)
    assert "Vul een heel getal in van 0 tot 40." in html and 'value="45"' in html
    assert "hours_available" not in _response(user).answers


def test_stop_and_resume_on_another_device(make_client, client, login_as, login):
    user = login_as(Role.APPLICANT)
    fill(client, SELF_STARTER, until="motivation")
    assert _response(user).last_step == "skills"
    other = make_client()
    login(user, target=other)
    assert other.submit(f"{BASE}/start").headers["Location"] == f"{BASE}/page/motivation"
    html = other.get(f"{BASE}/page/skills").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="alone"', html)  # earlier answers are there


def test_complete_review_submit_and_advice(client, login_as):
    user = login_as(Role.APPLICANT)
    location = fill(client, SELF_STARTER)
    assert location == f"{BASE}/review"
    html = client.get(location).get_data(as_text=True)
    assert "Controleer uw antwoorden" in html and "Minder dan 1 jaar geleden" in html
    response = client.submit(f"{BASE}/submit")
    assert response.headers["Location"] == f"{BASE}/result"
    html = client.get(f"{BASE}/result").get_data(as_text=True)
    assert "U zoekt zelf werk, met hulp van een e-coach" in html
    assert "U kunt zelf werk vinden." in html and "U zoekt elke week werk." in html
    assert "Een klantondersteuner" in html or "klantondersteuner" in html
    assert "<svg" in html and "<table" in html  # spider web and its table alternative
    stored = _response(user)
    assert (stored.questionnaire_id, stored.version, stored.status) == (
        "entreevragenlijst",
        2,
        "submitted",
    )
    assert stored.route_id == "self_starter" and services.service_line(user) is None


def test_answers_are_immutable_after_submit(client, login_as):
    user = login_as(Role.APPLICANT)
    fill(client, SELF_STARTER)
    client.submit(f"{BASE}/submit")
    response = client.submit(
        f"{BASE}/page/work", {"work_last": "never", "work_years": "none", "education": "none"}
    )
    assert response.headers["Location"] == f"{BASE}/result"
    assert _response(user).answers["work_last"] == "within_year"
    assert client.submit(f"{BASE}/submit").headers["Location"] == f"{BASE}/result"


def test_submit_with_missing_answers_is_refused(client, login_as):
    login_as(Role.APPLICANT)
    fill(client, SELF_STARTER, until="health")
    response = client.submit(f"{BASE}/submit")
    assert response.status_code == 400
    assert "Sommige vragen hebben nog geen antwoord." in response.get_data(as_text=True)


def test_hidden_answers_are_dropped_at_submit(client, login_as):
    user = login_as(Role.APPLICANT)
    fill(client, CANNOT_WORK)
    assert "health_kind" in _response(user).answers
    client.submit(f"{BASE}/page/health?from=review", _data("health", SELF_STARTER))
    client.submit(f"{BASE}/submit")
    stored = _response(user)
    assert "health_kind" not in stored.answers and stored.advised_outcome == "zelfdoeners"


def test_health_details_page_appears_only_when_needed(client, login_as):
    login_as(Role.APPLICANT)
    fill(client, SELF_STARTER)
    assert client.get(f"{BASE}/page/health_details").status_code == 404


def test_english_pages(client, login_as):
    login_as(Role.APPLICANT)
    client.submit("/language", {"locale": "en"})
    client.submit(f"{BASE}/start")
    html = client.get(f"{BASE}/page/work").get_data(as_text=True)
    assert "Page 1 of 11" in html and "When did you last have paid work?" in html


def test_client_profiles_scheme(make_app, login_as, make_user):
    app = make_app(PORTAL_ROUTING_SCHEME="clientprofielen")
    web = app.test_client()
    user = make_user(Role.APPLICANT)
    web.submit("/login", {"email": user.email, "password": "correct horse battery"})
    fill(web, SELF_STARTER)
    web.submit(f"{BASE}/submit")
    html = web.get(f"{BASE}/result").get_data(as_text=True)
    assert "Profiel 1: betaald werk binnen 4 maanden" in html
