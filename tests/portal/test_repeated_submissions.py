"""The same form sent twice (a double click, a reload of the POST, parallel copies) makes one
thing: every form that creates something carries a one-time key. And two tabs saving different
questionnaire pages at the same moment keep both pages."""

import contextlib
import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.caseload import services as caseload
from portal.catalogue.models import Referral, Service
from portal.coaching.models import Review, StaffNote
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.meetings.models import Meeting
from portal.messages.models import Message
from portal.roles import Role
from portal.searchperiod import services as periods
from portal.searchperiod.models import Application, Assessment, ConversationInvite
from portal.werkmap import services as werkmap
from portal.werkmap.cv_models import CvItem
from portal.werkmap.models import LogEntry
from tests.portal.werkmap.test_log import ENTRY

TODAY = utcnow().date()


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def form_key(html: str, action: str | None = None) -> str:
    """The one-time key of the form posting to `action`, or the first one in the page."""
    marker = f'action="{action}"'
    start = html.index(marker) if action and marker in html else 0
    return re.search(r'name="form_key" (?:type="hidden" )?value="([^"]+)"', html[start:]).group(1)


@pytest.fixture
def world(make_user, make_response):
    """An applicant with an open application who is a Zelfdoener of a coach; a workshop."""
    coach = make_user(Role.ECOACH)
    consultant = make_user(Role.CONSULTANT)
    person = make_user(Role.APPLICANT, name="Olga Dubbel")
    response = make_response(person)
    with unit_of_work():
        intake.decide(consultant, db.session.merge(response), "zelfdoeners", "", utcnow())
        caseload.assign(person.id, coach.id, None, utcnow())
        application = periods.register(
            periods.Registration(
                name=person.name,
                born_on=TODAY.replace(year=1980),
                email=person.email,
                applied_on=TODAY - timedelta(days=30),
            ),
            "self",
            None,
            utcnow(),
            "nl",
        ).application
        workshop = Service(name="Workshop cv", kind="workshop", provider="Werkplein")
        db.session.add(workshop)
    return {
        "applicant": person,
        "ecoach": coach,
        "consultant": consultant,
        "team_lead": make_user(Role.TEAM_LEAD),
        "person": person.id,
        "application": application.id,
        "workshop": workshop.id,
    }


DAY = (TODAY + timedelta(days=9)).isoformat()
# who, page with the form, where it posts (None: the page itself), data, what it makes
FORMS = {
    "log entry": ("applicant", "/werkmap/new", None, ENTRY, LogEntry),
    "message from the person": ("applicant", "/messages/", None, {"body": "Hallo"}, Message),
    "CV item": ("applicant", "/werkmap/cv/skill/new", None, {"title": "Heftruck"}, CvItem),
    "message from the coach": (
        "ecoach",
        "/coach/people/{person}/messages",
        None,
        {"body": "Hoi"},
        Message,
    ),
    "message to many": (
        "ecoach",
        "/coach/message?person={person}",
        "/coach/message",
        {"body": "Hoi {{first_name}}", "person": "{person}"},
        Message,
    ),
    "staff note": (
        "ecoach",
        "/coach/people/{person}",
        "/coach/people/{person}/notes",
        {"text": "Belt liever niet."},
        StaffNote,
    ),
    "referral": (
        "ecoach",
        "/coach/people/{person}",
        "/coach/people/{person}/referrals",
        {"service": "{workshop}", "referred_on": TODAY.isoformat()},
        Referral,
    ),
    "review": (
        "ecoach",
        "/coach/people/{person}",
        "/coach/people/{person}/review",
        {"outcome": "continue"},
        Review,
    ),
    "meeting": (
        "team_lead",
        "/meetings/",
        None,
        {"day": DAY, "starts": "10:00", "place": "Werkplein", "capacity": "20"},
        Meeting,
    ),
    "registration by a consultant": (
        "consultant",
        "/search-period/register",
        None,
        {"name": "Nieuw Mens", "born_on": "1970-01-01", "email": "n@example.nl", "applied_on": DAY},
        Application,
    ),
    "invitation to the conversation": (
        "consultant",
        "/consult/{application}",
        "/consult/{application}/invite",
        {"day": DAY, "time": "10:00", "mode": "phone", "place": "0612345678"},
        ConversationInvite,
    ),
    "assessment": (
        "consultant",
        "/consult/{application}",
        "/consult/{application}/assess",
        {
            "conclusion": "Alles gedaan.",
            "uwv_met": "yes",
            "cv_met": "no",
            "applications_met": "no",
            "questionnaire_met": "yes",
        },
        Assessment,
    ),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_the_same_form_sent_twice_makes_one(name, client, login, world):
    who, page, elsewhere, data, model = FORMS[name]
    page, action = page.format(**world), (elsewhere or page.split("?")[0]).format(**world)
    data = {key: value.format(**world) for key, value in data.items()}
    if name == "registration by a consultant":
        data["applied_on"] = TODAY.isoformat()
    login(world[who])
    before = _count(model)
    data["form_key"] = form_key(client.get(page).get_data(as_text=True), elsewhere and action)
    first = client.submit(action, data)
    second = client.submit(action, data)
    assert first.status_code in (200, 302), first.get_data(as_text=True)[:300]
    assert second.status_code in (200, 302)
    assert _count(model) == before + 1
    if first.status_code == 302:
        assert second.headers["Location"] == first.headers["Location"]
        page = client.get(second.headers["Location"]).get_data(as_text=True)
        assert "U heeft dit formulier twee keer verstuurd. Het is één keer bewaard." in page


def test_a_repeated_registration_without_email_gives_a_letter_again(client, login_as):
    login_as(Role.STIP)
    html = client.get("/search-period/register").get_data(as_text=True)
    data = {
        "name": "Ahmad Haidari",
        "born_on": "1980-02-03",
        "applied_on": TODAY.isoformat(),
        "form_key": form_key(html),
    }
    first = client.submit("/search-period/register", data).get_data(as_text=True)
    second = client.submit("/search-period/register", data).get_data(as_text=True)
    codes = [
        re.search(r'class="portal-code"[^>]*>([A-Z0-9-]+)<', h).group(1) for h in (first, second)
    ]
    assert codes[0] != codes[1] and _count(Application) == 1
    assert "Beste Ahmad Haidari," in second


def test_parallel_copies_of_a_log_entry_make_one(client, login, world, monkeypatch, make_client):
    """Twelve identical posts at the same moment, each past the duplicate check together (a
    barrier holds them there, as a busy server does by chance): one entry."""
    login(world["applicant"])
    data = {**ENTRY, "form_key": form_key(client.get("/werkmap/new").get_data(as_text=True))}
    clients = []
    for _ in range(12):
        tab = make_client()
        login(world["applicant"], target=tab)
        clients.append((tab, tab.csrf_token()))
    barrier = threading.Barrier(12)
    original = werkmap._duplicate

    def together(*args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        return original(*args, **kwargs)

    monkeypatch.setattr(werkmap, "_duplicate", together)
    statuses = []

    def post(tab, token):
        statuses.append(tab.post("/werkmap/new", data={**data, "csrf_token": token}).status_code)

    threads = [threading.Thread(target=post, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _count(LogEntry) == 1
    assert statuses == [302] * 12


def test_two_tabs_saving_different_pages_keep_both(make_client, login, make_user, monkeypatch):
    """Both tabs loaded the draft before either saved (a barrier holds them): both pages stay."""
    person = make_user(Role.APPLICANT)
    tabs = []
    for _ in range(2):
        tab = make_client()
        login(person, target=tab)
        tabs.append((tab, tab.csrf_token()))
    tabs[0][0].submit("/questions/entreevragenlijst/start")
    barrier = threading.Barrier(2)
    original = intake.save_step

    def together(*args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)
        return original(*args, **kwargs)

    monkeypatch.setattr(intake, "save_step", together)
    pages = [
        ("work", {"work_last": "within_year", "work_years": "over_five", "education": "hbo_wo"}),
        (
            "skills",
            {
                "dutch_speaking": "well",
                "dutch_reading": "well",
                "digital": "alone",
                "driving_licence": "no",
            },
        ),
    ]
    statuses = []

    def save(tab, token, step, answers):
        url = f"/questions/entreevragenlijst/page/{step}"
        statuses.append(tab.post(url, data={**answers, "csrf_token": token}).status_code)

    threads = [
        threading.Thread(target=save, args=(*tab, step, answers))
        for tab, (step, answers) in zip(tabs, pages, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    db.session.expire_all()
    saved = intake.latest(person, "entreevragenlijst").answers
    for _step, answers in pages:
        for question, value in answers.items():
            assert saved.get(question) == value, question
