"""Browser tests: a live server on a temp-file SQLite database, Debian's Chromium, axe-core.

Every page a test navigates to must be checked with `check(page)`: axe-core (WCAG 2.1 A and
AA), reflow at 320 px (no horizontal scrolling), and the Nu Html Checker (the HTML as the
portal sent it; checked in one go at the end of the test). A test that visits a page without
checking it fails at teardown.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import re
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response, sync_playwright
from sqlalchemy import select
from werkzeug.serving import make_server

from portal import create_app
from portal.auth.mfa_models import TotpFactor
from portal.auth.password_services import hash_password
from portal.db import db, unit_of_work, utcnow
from portal.migrate import upgrade
from portal.people import User
from portal.roles import Role
from portal.searchperiod import services as periods
from tests.conftest import PASSWORD, TEST_CONFIG, clean_database, enrol_second_factor
from tests.e2e.tally import KEYBOARD, TALLY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 375, "height": 740},
    "narrow": {"width": 320, "height": 640},
}
REFLOW_WIDTH = 320  # WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels
_axe = Axe()


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            if ".keyboard." in inspect.getsource(item.function):
                KEYBOARD.add(item.nodeid)


LIVE: dict = {}  # the live app, for sign_in's second factor


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    upgrade(url)
    # Demo mode: the tests follow links in mails through the development mailbox.
    LIVE["app"] = create_app({**TEST_CONFIG, "DATABASE_URL": url, "PORTAL_DEMO": True})
    return LIVE["app"]


@pytest.fixture(scope="session")
def base_url(live_app) -> str:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    live_app.config["PORTAL_BASE_URL"] = url  # links in mails point at the live server
    yield url
    server.shutdown()
    thread.join()
    live_app.extensions["db_engine"].dispose()


@pytest.fixture(autouse=True)
def _clean_database(live_app):
    yield
    clean_database(live_app.extensions["db_engine"])


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Checked:
    """Which URLs each page visited, which of them were checked, and the HTML the portal sent
    for each checked page (for the Nu Html Checker)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.documents: dict[str, str] = {}  # URL → the HTML as sent (the last one checked)
        self.responses: dict[Page, Response] = {}

    def watch(self, page: Page) -> None:
        page.on(
            "framenavigated",
            lambda frame: frame == page.main_frame and self.visited.append(frame.url),
        )
        page.on("response", lambda response: self._keep(page, response))

    def _keep(self, page: Page, response: Response) -> None:
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            self.responses[page] = response

    def keep_document(self, page: Page) -> None:
        """The portal's own pages only: a third party's (the test OpenID provider) are theirs."""
        if not page.url.startswith(self.base_url + "/"):
            return
        response = self.responses.get(page)
        html = None
        if response is not None and response.url == page.url:
            with contextlib.suppress(PlaywrightError):  # the body may be gone; use the DOM
                html = response.text()
        self.documents[page.url] = html if html is not None else page.content()


@pytest.fixture
def new_page(browser, base_url, html_checker) -> Callable[..., Page]:
    """A page in a fresh browser context (own cookies); viewport 'desktop' or 'phone';
    `javascript=False` for the page as it works without scripts."""
    contexts, log = [], Checked(base_url)

    def factory(viewport: str = "desktop", locale: str = "nl-NL", javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=base_url,
            viewport=VIEWPORTS[viewport],
            locale=locale,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10000)
        contexts.append(context)
        page = context.new_page()
        page.checked_log = log
        page.javascript = javascript
        log.watch(page)
        return page

    yield factory
    for context in contexts:
        context.close()
    unchecked = [url for url in log.visited if url not in log.checked]
    assert unchecked == [], f"pages visited without an axe check: {unchecked}"
    invalid = {url: html_checker.errors(html) for url, html in log.documents.items()}
    report = "\n".join(
        f"{url}\n" + "\n".join(f"  {problem}" for problem in problems)
        for url, problems in invalid.items()
        if problems
    )
    assert not report, f"the Nu Html Checker found errors:\n{report}"
    TALLY["html_documents"] += len(invalid)


BUILD = json.loads((ROOT / "static" / "vendor" / "utrecht" / "build.json").read_text())
LIBRARY_CLASSES, KEPT_CLASSES = set(BUILD["library_classes"]), set(BUILD["kept"])
PAGE_CLASSES = """() => [...new Set([...document.querySelectorAll('[class*="utrecht-"]')]
    .flatMap((element) => [...element.classList]).filter((name) => name.startsWith('utrecht-')))]"""


def check(page: Page) -> None:
    """Run axe-core (WCAG 2.1 A and AA) on the page: zero violations (not on a page without
    JavaScript: axe needs timers); no horizontal scrolling at the page's width nor at 320 px;
    every class of the NL Design System library on the page in the built CSS (make css keeps
    only the classes the templates use; one the templates put together from parts needs the
    safelist in assets/build-css.mjs); and keep the HTML for the Nu Html Checker (run at the
    end of the test)."""
    page.wait_for_load_state("load")
    if page.javascript:  # axe waits on timers, which do not run with scripts off
        results = _axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        TALLY["axe_checks"] += 1
        TALLY["pages"].add(re.sub(r"/\d+", "/<id>", urlsplit(page.url).path))
        TALLY["widths"].add((page.viewport_size or {}).get("width"))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url}: {overflow} px of horizontal scrolling"
    missing = {c for c in page.evaluate(PAGE_CLASSES) if c in LIBRARY_CLASSES} - KEPT_CLASSES
    assert not missing, (
        f"{page.url}: classes not in static/vendor/utrecht/components.css: {missing}"
    )
    assert_reflows(page)
    page.checked_log.keep_document(page)
    page.checked_log.checked.add(page.url)


def assert_reflows(page: Page) -> None:
    """At 320 CSS pixels wide the page must not scroll sideways (WCAG 1.4.10)."""
    size = page.viewport_size
    assert size is not None
    if size["width"] != REFLOW_WIDTH:
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    try:
        wide = page.evaluate(
            """() => [document.documentElement.scrollWidth,
                [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                  .slice(0, 5).map(e => e.outerHTML.slice(0, 120))]"""
        )
    finally:
        if size["width"] != REFLOW_WIDTH:
            page.set_viewport_size(size)
    assert wide[0] <= REFLOW_WIDTH, (
        f"{page.url}: {wide[0]} px wide at {REFLOW_WIDTH} px; sticking out: {wide[1]}"
    )


@pytest.fixture
def make_account(live_app) -> Callable[..., User]:
    def factory(
        role: Role,
        email: str | None = None,
        name: str = "Test Persoon",
        password: str | None = PASSWORD,
    ) -> User:
        with live_app.app_context(), unit_of_work():
            user = User(
                role=role,
                email=email or f"{role.value}@example.nl",
                name=name,
                password_hash=hash_password(password) if password else None,
                activated_at=utcnow() if password else None,
            )
            db.session.add(user)
        if password and role is not Role.APPLICANT:
            with live_app.app_context():
                STAFF_SECRETS[user.email] = enrol_second_factor(user)
        return user

    return factory


STAFF_SECRETS: dict[str, str] = {}  # email → the TOTP secret of staff made by make_account


def applies(live_app, person: User, born_on: date) -> None:
    """The person's own application for social assistance, made three days ago."""
    with live_app.app_context(), unit_of_work():
        periods.register(
            periods.Registration(
                name=person.name,
                born_on=born_on,
                email=person.email,
                applied_on=utcnow().date() - timedelta(days=3),
            ),
            "self",
            None,
            utcnow(),
            "nl",
        )


def fill_date(page: Page, name: str, value: str) -> None:
    """Type an ISO date into the day, month and year boxes of the date field `name`."""
    year, month, day = value.split("-")
    for part, text in (("day", day), ("month", month), ("year", year)):
        page.locator(f"input[name='{name}-{part}']").fill(text)


def choose_language(page: Page, name: str) -> None:
    """Open the language menu (globe button) and choose a language by its own name."""
    page.locator(".portal-langswitch > summary").click()
    page.locator(".portal-langswitch__menu").get_by_role("button", name=name).click()
    page.wait_for_load_state("load")


def main_menu(page: Page, name: str = "Hoofdmenu"):
    """The main menu, opened first where it is folded into its Menu button (below 48rem)."""
    compact = page.locator(".portal-nav__compact")
    if compact.is_visible() and compact.get_attribute("open") is None:
        compact.locator("summary").click()
    return page.get_by_role("navigation", name=name)


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """The login form; staff then type the code of their authenticator app."""
    page.goto("/login")
    check(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")
    if "/second-factor" in page.url and email in STAFF_SECRETS:
        enter_second_factor(page, email)


def enter_second_factor(page: Page, email: str) -> None:
    """The code from the staff member's authenticator app (any language)."""
    check(page)
    with LIVE["app"].app_context(), unit_of_work():  # a code works once; tests sign in often
        db.session.scalar(
            select(TotpFactor).join(User, User.id == TotpFactor.user_id).where(User.email == email)
        ).last_step = None
    page.locator("#code").fill(pyotp.TOTP(STAFF_SECRETS[email]).now())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")


def set_up_second_factor(page: Page) -> None:
    """On the set-up page after a staff member's first sign-in: as the app would, read the
    key, type the code, keep the recovery codes."""
    check(page)
    secret = page.locator(".portal-secret").inner_text().replace(" ", "")
    page.get_by_label("De code van 6 cijfers uit de app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state("load")
    check(page)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.wait_for_load_state("load")


def mail_link(page: Page, subject: str, href_contains: str) -> str:
    """Open the newest mail with this subject in the development mailbox; return a link."""
    page.goto("/dev/mailbox/")
    check(page)
    page.get_by_role("link", name=subject).first.click()
    check(page)
    return page.locator(f"main a[href*='{href_contains}']").first.get_attribute("href")


def activate_from_mail(page: Page, subject: str, password: str) -> None:
    """Follow the activation link in the newest mail with this subject and choose a password."""
    page.goto(mail_link(page, subject, "/activate?token="))
    check(page)
    page.get_by_label("Nieuw wachtwoord").fill(password)
    page.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(password)
    page.get_by_role("button", name="Mijn account activeren").click()
    page.wait_for_load_state("load")
    if "/second-factor/setup" in page.url:
        set_up_second_factor(page)
