"""Bad input never gives a 500: the sweep of bench/attacks/bad_input.py through the test client.

Every role signs in to the demo world, crawls the pages it can reach and posts NUL bytes,
control characters, 10^30, -1, years 9999 and 0001, 100 kB strings and invalid UTF-8 into
every field of every form it finds, and bad query strings to every page. The PostgreSQL run
repeats it (the suite runs every test that uses `app` there too).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, update
from werkzeug.routing import RequestRedirect
from werkzeug.routing.exceptions import NoMatch

import questionnaires
from bench.attacks.bad_input import DEMO_LOGINS, DEMO_PASSWORD, START_PAGES, sweep
from portal import acting, clock, mandates, texts
from portal.acting import AssistedSession, Location
from portal.auth import mfa_services as mfa
from portal.auth import services as auth
from portal.auth import token_services as tokens
from portal.catalogue import services as catalogue
from portal.catalogue.models import Service
from portal.coaching import standin_services as standins
from portal.db import db, unit_of_work, utcnow
from portal.demo import seed_demo
from portal.intake import services as intake
from portal.labour import invite_services as labour_invites
from portal.labour import services as labour
from portal.mail import OutboxMessage, text_to_send
from portal.meetings import services as meetings
from portal.meetings.models import Meeting
from portal.people import User
from portal.plan import agreement_services as agreement
from portal.plan import services as plan_services
from portal.privacy import services as privacy
from portal.represent import services as representation
from portal.roles import Role
from portal.searchperiod import apply_services
from portal.searchperiod import services as periods
from portal.searchperiod.models import Application
from portal.texts import TextOverride
from portal.werkmap.cv_models import Cv, CvItem
from portal.werkmap.models import LogEntry
from tests.conftest import enrol_second_factor, pass_second_factor
from tests.portal.test_authz_matrix import MATRIX

# POST endpoints the crawl cannot reach with the test world, and why that is safe to leave.
NOT_REACHED = {
    "werkmap_portable.import_": "offered only while the Werkmap is empty; its one field is a file",
    "plan.add_goal_from_occupation": (
        "the button on the scan's result page (another feature); tests/portal/plan posts bad "
        "occupations to it"
    ),
    # Signing in: the sweep's clients are signed in (with the second factor) before they crawl.
    "auth_mfa.setup": "only for staff without a second factor, before anything else",
    "auth_mfa.verify": "only between the password and the second factor",
    "auth_oidc.link": "only after a DigiD sign-in the broker answered (tests/portal/auth)",
    "auth_session.resume": "only after a time-out kept a form (tests/portal/auth)",
    "auth_session.discard": "only after a time-out kept a form (tests/portal/auth)",
    # WebAuthn: JSON posts from static/js/passkeys.js, not forms (tests/e2e/test_passkeys.py).
    "auth_passkey.add_options": "JSON from the passkey script",
    "auth_passkey.add": "JSON from the passkey script",
    "auth_passkey.use_options": "JSON from the passkey script",
    "auth_passkey.use": "JSON from the passkey script",
}
QUESTIONNAIRE = questionnaires.load("entreevragenlijst", 1)
# Roles of the sweep: the demo account that signs in, and start pages besides START_PAGES.
SWEEP_ROLES = {
    "team_lead": ("team_lead", []),
    "functional_admin": ("functional_admin", []),
    "consultant": ("consultant", ["/consult/?days=60"]),
    "ecoach": ("ecoach", ["/coach/?show=all", "/coach/message"]),
    "stip": ("stip", ["/help-point/consent"]),  # a session waiting for consent
    "stip_assisting": ("stip", ["/help-point/session", *START_PAGES["applicant"]]),
    "applicant": (
        "applicant",
        [
            *(f"/questions/entreevragenlijst/page/{step.id}" for step in QUESTIONNAIRE.steps),
            "/questions/entreevragenlijst/review",
            "/search-period/school",
            "/scan/",
            "/scan/competences",
            "/scan/step/wishes",
            "/scan/step/experience",
            "/scan/invite",
            "/scan/result",
        ],
    ),
    # The demo bewindvoerder, acting for a person as their mentor (world["representing"]):
    # the questionnaire's result with the objection form, and messages.
    "representative": (
        "representative",
        ["/questions/", "/questions/entreevragenlijst/result", "/messages/"],
    ),
    "anonymous": (None, []),
}


class SweepClient:
    """The sweep's client protocol over Flask's test client; an exception counts as a 500."""

    def __init__(self, client):
        self.client = client
        self.errors: list[str] = []

    def get(self, path: str) -> tuple[int, str, str]:
        try:
            response = self.client.get(path)
        except Exception as exc:  # TESTING propagates what would be a 500
            self.errors.append(f"GET {path[:120]!r}: {type(exc).__name__}: {str(exc)[:200]}")
            return 500, "", ""
        response.close()
        kind = response.content_type or ""
        text = response.get_data(as_text=True) if kind.startswith("text/html") else ""
        return response.status_code, kind, text

    def post(self, path: str, body: bytes) -> int:
        try:
            response = self.client.post(
                path, data=body, content_type="application/x-www-form-urlencoded"
            )
        except Exception as exc:  # TESTING propagates what would be a 500
            self.errors.append(f"POST {path}: {type(exc).__name__}: {str(exc)[:200]}")
            return 500
        response.close()
        return response.status_code


def _account(role: str) -> User:
    return db.session.execute(select(User).filter_by(email=DEMO_LOGINS[role])).scalar_one()


@pytest.fixture
def demo_world(app) -> dict:
    """The demo data (an account per role, a team, a caseload, applications, a meeting, a help
    point, a catalogue) and what the forms need besides: a questionnaire in progress, a log
    entry, a CV item, an invitation and an assisted session for the demo applicant (made
    younger than 27 for the school item), a referral for the coach's person, an invited and a
    deactivated staff account, activation and reset links, a stand-in waiting for the team
    lead, a self-registration waiting for its confirmation and a correction request waiting
    for an answer; a code the demo applicant made for the demo bewindvoerder (waiting to be
    used), and that bewindvoerder as the mentor of a person whose advice waits for a decision
    (the objection form)."""
    now = utcnow()
    with unit_of_work():
        seed_demo()
        applicant, volunteer = _account("applicant"), _account("stip")
        intake.start(applicant, "entreevragenlijst", "drie_lijnen", now)
        db.session.add(
            LogEntry(
                owner_id=applicant.id,
                day=date(2026, 11, 2),
                kind="application",
                organisation="Jumbo",
            )
        )
        cv = Cv(owner_id=applicant.id, full_name=applicant.name)
        cv.items.append(CvItem(section="skill", title="Heftruck"))
        db.session.add(cv)
        db.session.execute(
            update(Application)
            .where(Application.applicant_id == applicant.id)
            .values(under_27=True)
        )
        meetings.invite(db.session.scalars(select(Meeting)).first(), [applicant.id], now)
        # A request to correct data, for the team lead to answer.
        privacy.request_correction(applicant, "Mijn adres", "Laan 1", now)
        location = db.session.scalars(select(Location)).one()
        sessions = {}
        for consented in (False, True):
            sessions[consented] = AssistedSession(
                person_id=applicant.id,
                volunteer_id=volunteer.id,
                location_id=location.id,
                started_at=now,
                consented_at=now if consented else None,
                expires_at=now + timedelta(hours=2) if consented else None,
            )
            db.session.add(sessions[consented])
        coached = db.session.execute(
            select(User).filter_by(email="ahmad.haidari@demo.example")
        ).scalar_one()
        service = db.session.scalars(select(Service)).first()
        catalogue.refer(coached.id, service.id, _account("ecoach"), date(2026, 11, 2), now)
        _plans(applicant, coached, service, now)
        invited = auth.create_account("Nog Niet Actief", "invited@example.nl", Role.ECOACH)
        gone = auth.create_account("Weg Gegaan", "gone@example.nl", Role.CONSULTANT)
        gone.active = False
        links = [
            "/activate?token=" + tokens.issue(invited, tokens.ACTIVATE, 3600, now),
            "/reset-password?token="
            + tokens.issue(_account("consultant"), tokens.RESET, 3600, now),
        ]
        # An application waiting for the owner of the address to confirm it.
        apply_services.submit(
            periods.Registration(
                name="Nog Te Bevestigen",
                born_on=date(1990, 3, 15),
                applied_on=clock.today(now),
                email="bevestig@example.nl",
            ),
            "198.51.100.7",
            now,
            "nl",
        )
        db.session.flush()
        mail = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        links.append(re.search(r"http://portal\.test(/apply/confirm\S+)", text_to_send(mail))[1])
        # A coach's request to stand in for a colleague, waiting for the team lead.
        colleague = User(
            role=Role.ECOACH, email="collega@example.nl", name="Cor Collega", activated_at=now
        )
        db.session.add(colleague)
        db.session.flush()
        coach = _account("ecoach")
        standins.request(
            coach,
            colleague.id,
            clock.today(now),
            clock.today(now) + timedelta(days=7),
            "Vakantie",
            clock.today(now),
            now,
        )
        db.session.flush()
        representative = _account("representative")
        representation.invite(applicant, representative.name, representative.email, 12, now)
        waiting = db.session.execute(
            select(User).filter_by(email="jan.jansen@demo.example")
        ).scalar_one()
        mentor = mandates.Mandate(
            person_id=waiting.id,
            representative_id=representative.id,
            kind=mandates.Kind.MENTOR.value,
            reference="C/16/20260099 ME",
            decided_on=clock.today(now),
            active_from=now,
        )
        db.session.add(mentor)
        db.session.flush()
        # The labour-market value scan, with a link for a rater (one to withdraw, one to use).
        scan = labour.start(applicant, applicant.id, now)
        labour.save_answers(applicant, scan, {"sectors": ["care"]}, now)  # vacancies match
        for rater in ("Piet", "Mevrouw De Vries"):
            _invitation, token = labour_invites.invite(applicant, scan, "coach", rater, now, 14)
        links.append(f"/rate/?token={token}")
    enrol_second_factor(coach)  # the team lead can reset it
    beheer = _beheer_world(now, coach)
    return {
        "functional_admin": beheer,
        "sessions": {k: v.id for k, v in sessions.items()},
        "representing": mentor.id,
        "anonymous": links,
        "team_lead": [
            f"/admin/accounts/{invited.id}",
            f"/admin/accounts/{gone.id}",
            f"/admin/accounts/{coach.id}",
            "/stand-ins/",
            "/labour-market/",
            "/labour-market/import",
            "/labour-market/competences/new",
            "/labour-market/candidates",
        ],
        "consultant": [f"/people/{applicant.id}/representatives/", "/labour-market/candidates"],
    }


def _plans(applicant: User, coached: User, service: Service, now) -> None:
    """The demo applicant's plan waits for their confirmation and for an answer to a
    proposal; the coach's person has a plan not agreed yet (the coach's forms)."""
    coach = _account("ecoach")
    for person in (applicant, coached):
        goal = plan_services.add_goal(person, person.id, "Werk in de zorg", None, now)
        plan_services.add_action(
            person, goal, plan_services.ActionData("Bellen", None, "", service.id), now
        )
    agreement.propose(coach, applicant.id, "add_goal", now, title="Taalcursus")
    agreement.mark_agreed(coach, plan_services.plan_of(applicant.id), 2, now)


def _beheer_world(now, coach: User) -> list[str]:
    """The functional administrator's pages with every form: a changed text (its reset), an
    applicant waiting for activation by mail, one by letter, a closed one and a double."""
    with unit_of_work():
        waiting = auth.create_account("Wacht Op Mail", "wacht@example.nl", Role.APPLICANT)
        closed = auth.create_account("Dicht Account", "dicht@example.nl", Role.APPLICANT)
        closed.active = False
        double = auth.create_account("Samira El Amrani", "samira2@example.nl", Role.APPLICANT)
        text = "Dear %(name)s,"
        db.session.add(
            TextOverride(locale="nl", key=texts.key_of(text), msgid=text, text="Hoi %(name)s,")
        )
        letter = periods.register(
            periods.Registration(
                name="Zonder Mail", born_on=date(1980, 5, 1), applied_on=clock.today(now)
            ),
            "consultant",
            _account("consultant"),
            now,
            "nl",
        )
    person = _account("applicant")
    return [
        "/beheer/texts/",
        "/beheer/texts/mail-reset/2?language=nl",
        "/beheer/questionnaires/entreevragenlijst/new",
        "/beheer/questionnaires/entreevragenlijst/1",
        f"/beheer/people/staff/{coach.id}",
        f"/beheer/people/applicants/{waiting.id}",
        f"/beheer/people/applicants/{closed.id}",
        f"/beheer/people/applicants/{letter.application.applicant_id}",
        f"/beheer/people/applicants/{person.id}/merge?other={double.id}",
    ]


def _signed_in(make_client, role: str, world: dict) -> tuple[SweepClient, list[str]]:
    """A client for the sweep role, signed in, with its start pages."""
    login, extra = SWEEP_ROLES[role]
    client = make_client()
    if login is not None:
        user = db.session.scalar(select(User).where(User.email == DEMO_LOGINS[login]))
        if mfa.needed(user) and not mfa.enrolled(user):
            enrol_second_factor(user)  # staff: an authenticator app, as if set up
        response = client.submit("/login", {"email": DEMO_LOGINS[login], "password": DEMO_PASSWORD})
        assert response.status_code == 302
        if urlsplit(response.headers["Location"]).path == "/second-factor":
            response = pass_second_factor(client, user, response.headers["Location"])
            assert response.status_code == 302
    if role.startswith("stip"):
        with client.session_transaction() as session:
            session[acting.KEY] = world["sessions"][role == "stip_assisting"]
    if role == "representative":
        with client.session_transaction() as session:
            session[acting.REPRESENTING] = world["representing"]
    return SweepClient(client), [*START_PAGES[login or "anonymous"], *extra, *world.get(role, [])]


@pytest.mark.parametrize("role", list(SWEEP_ROLES))
def test_no_bad_input_gives_a_500(role, demo_world, make_client):
    client, start = _signed_in(make_client, role, demo_world)
    result = sweep(client, start)
    assert result.requests > 100
    assert client.errors == [], "\n".join(client.errors[:40])
    assert result.failures == [], "\n".join(result.failures[:40])


def _endpoint(app, action: str, method: str = "POST") -> str | None:
    adapter = app.url_map.bind("portal.test")
    try:
        endpoint, _args = adapter.match(action.split("?")[0], method=method)
    except (NoMatch, RequestRedirect):
        return None
    return endpoint


def test_the_sweep_reaches_every_form_endpoint(app, demo_world, make_client):
    """Every endpoint that takes a POST is found in a form by some role's crawl."""
    posting = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())}
    assert posting <= set(MATRIX)
    found = set()
    for role in SWEEP_ROLES:
        client, start = _signed_in(make_client, role, demo_world)
        result = sweep(client, start, attack=False)
        found |= {_endpoint(app, action) for action in result.actions}
    missing = posting - found - set(NOT_REACHED)
    assert missing == set(), f"no form posts to {sorted(missing)}: add a start page or world"
