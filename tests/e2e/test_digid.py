"""A citizen signs in with DigiD at the test broker in Chromium, fills in a page, is signed out
after the (shortened) idle time-out, signs in again and finds what they typed kept. The time-out
warning and "stay signed in". axe on every page, at phone width."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

import questionnaires
from portal import create_app
from portal.auth.password_services import hash_password
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role
from questionnaires import engine
from tests.conftest import PASSWORD, TEST_CONFIG, clean_database
from tests.e2e.conftest import check
from tests.questionnaires.test_golden import SELF_STARTER
from tests.servers.oidc import start_oidc_provider

ENTREE = questionnaires.load(*MAIN_QUESTIONNAIRE)  # the version a new start gets
IDLE_SECONDS = 15
WARNING_SECONDS = 10


@pytest.fixture(scope="module")
def digid_site(tmp_path_factory):
    """A portal of its own (short idle time-out) with a DigiD broker that sends back to it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('digid') / 'digid.db'}"
    upgrade(url)
    app = create_app(
        {
            **TEST_CONFIG,
            "DATABASE_URL": url,
            "PORTAL_SESSION_IDLE_MINUTES": IDLE_SECONDS / 60,
            "PORTAL_SESSION_WARNING_SECONDS": WARNING_SECONDS,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    root = f"http://127.0.0.1:{server.server_port}"
    app.config["PORTAL_BASE_URL"] = root
    try:
        with start_oidc_provider(
            tmp_path_factory.mktemp("digid-op"),
            redirect_uris=[f"{root}/oidc/callback"],
            post_logout_redirect_uris=[f"{root}/"],
        ) as broker:
            app.config.update(
                PORTAL_DIGID_ISSUER=broker.issuer,
                PORTAL_DIGID_CLIENT_ID=broker.client_id,
                PORTAL_DIGID_CLIENT_SECRET=broker.client_secret,
            )
            yield app, root
    finally:
        server.shutdown()
        thread.join()
        app.extensions["db_engine"].dispose()


@pytest.fixture
def base_url(digid_site) -> str:  # new_page opens this portal
    return digid_site[1]


@pytest.fixture
def citizen(digid_site):
    app = digid_site[0]
    with app.app_context(), unit_of_work():
        user = User(
            role=Role.APPLICANT,
            email="suzanne@example.nl",
            name="Suzanne Moulin",
            password_hash=hash_password(PASSWORD),
            activated_at=utcnow(),
        )
        db.session.add(user)
    yield user
    clean_database(app.extensions["db_engine"])


def digid(page: Page, first_time: bool = True) -> None:
    """From the portal's login page through the broker's login form (if it asks)."""
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.wait_for_load_state("load")
    if "/interaction/" in page.url:
        check(page)
        page.get_by_label("Testaccount").select_option("citizen-1")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("load")
    if first_time:
        expect(page.get_by_role("heading", level=1)).to_have_text("DigiD koppelen aan uw account")
        check(page)
        page.get_by_label("E-mailadres").fill("suzanne@example.nl")
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Mijn account koppelen").click()
        page.wait_for_load_state("load")


def fill_without_saving(page: Page, answers: dict) -> dict:
    step_id = page.url.split("/page/")[1].split("?")[0]
    chosen = {}
    for question in engine.step_questions(ENTREE, ENTREE.step(step_id), answers):
        value = answers.get(question.id)
        if question.type in ("single", "yes_no", "scale") and value is not None:
            page.locator(f"input[name='{question.id}'][value='{value}']").check()
            chosen[question.id] = str(value)
    return chosen


def test_digid_then_a_time_out_keeps_what_was_typed(new_page, citizen):
    page = new_page("phone")
    page.goto("/login")
    check(page)
    digid(page)
    expect(page.get_by_text("Uw DigiD is gekoppeld aan uw account.")).to_be_visible()
    check(page)
    page.goto("/questions/")
    check(page)
    page.get_by_role("button", name="Start").click()
    page.wait_for_load_state("load")
    check(page)
    first_page = page.url
    chosen = fill_without_saving(page, SELF_STARTER)
    assert chosen

    warning = page.locator("#session-warning")
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 5) * 1000)
    expect(warning).to_contain_text("Ingelogd blijven")
    check(page)
    expect(page.locator("#session-warning-text")).to_contain_text(
        "U bent uitgelogd", timeout=(WARNING_SECONDS + 20) * 1000
    )
    check(page)

    page.locator("main form button[type=submit]").last.click()  # "Opslaan en verder"
    page.wait_for_load_state("load")
    expect(page.get_by_text("Wat u typte is bewaard.")).to_be_visible()
    check(page)
    digid(page, first_time=False)  # the broker still knows the person: straight back
    expect(page.get_by_role("heading", level=1)).to_have_text("Wij hebben bewaard wat u typte")
    check(page)
    page.get_by_role("button", name="Verder met wat ik typte").click()
    page.wait_for_load_state("load")
    assert "/page/" in page.url and page.url != first_page  # saved, on to the next page
    check(page)
    page.goto(first_page)
    for question_id, value in chosen.items():
        expect(page.locator(f"input[name='{question_id}'][value='{value}']")).to_be_checked()
    check(page)


def test_stay_signed_in(new_page, citizen):
    page = new_page("desktop")
    page.goto("/login")
    check(page)
    digid(page)
    check(page)
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()  # until shortly before the time-out
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS - WARNING_SECONDS + 5) * 1000)
    expect(page.get_by_role("button", name="Ingelogd blijven")).to_be_focused()
    check(page)
    page.get_by_role("button", name="Ingelogd blijven").click()
    expect(warning).to_be_hidden()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suzanne")
    check(page)
