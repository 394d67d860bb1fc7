"""The screens Look and Settings in a browser, on a phone (375 px) and a desktop, with axe on
every page: a colour below 4.5:1 refused, a preview (with and without JavaScript), the saved
colours on the next page, a logo, a refused and a saved setting with its history; and the
invitation letter for someone without an email address."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal import clock, policy
from portal.db import unit_of_work, utcnow
from portal.roles import Role
from portal.searchperiod import services as periods
from tests.e2e.conftest import check, main_menu, sign_in
from tests.portal.beheer.test_look_and_settings import png

BAR = ".portal-look-sample__bar"
HEADER = ".portal-header"


def _background(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_look_and_settings_screens(new_page, make_account, live_app, viewport, tmp_path):
    admin = make_account(Role.FUNCTIONAL_ADMIN, email="bea@example.nl", name="Bea Beheerder")
    page = new_page(viewport)
    sign_in(page, admin.email)
    check(page)

    # Look: a colour with too little contrast is refused next to its field.
    main_menu(page).get_by_role("link", name="Uiterlijk en instellingen").click()
    check(page)
    page.get_by_label("Telefoonnummer").fill("14 0123")
    page.get_by_label("Hoofdkleur", exact=True).fill("#9fc5e8")
    page.get_by_role("button", name="Het uiterlijk bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("moeilijk te lezen")
    expect(page.locator("#theme_primary-error")).to_be_visible()
    expect(page.get_by_label("Telefoonnummer")).to_have_value("14 0123")
    check(page)
    # The live preview follows the typing; the preview button shows it on the server.
    page.get_by_label("Hoofdkleur", exact=True).fill("#440000")
    expect(page.locator(BAR)).to_have_css("background-color", "rgb(68, 0, 0)")
    page.get_by_label("Hoofdkleur", exact=True).fill("#004400")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.get_by_role("heading", name="Voorbeeld: nog niet bewaard")).to_be_visible()
    assert _background(page, BAR) == "rgb(0, 68, 0)"
    assert _background(page, HEADER) != "rgb(0, 68, 0)"  # not saved yet
    check(page)
    page.get_by_role("button", name="Het uiterlijk bewaren").click()
    expect(page.get_by_text("Het uiterlijk is bewaard.")).to_be_visible()
    assert _background(page, HEADER) == "rgb(0, 68, 0)"
    expect(page.locator("main table")).to_contain_text("14 0123")
    check(page)
    # A logo: an SVG is refused, a PNG is used.
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    page.get_by_label("Logo (PNG of JPEG)").set_input_files(str(svg))
    page.get_by_role("button", name="Dit logo gebruiken").click()
    expect(page.locator("#file-error")).to_contain_text("SVG")
    check(page)
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(64, 64))
    page.get_by_label("Logo (PNG of JPEG)").set_input_files(str(logo))
    page.get_by_role("button", name="Dit logo gebruiken").click()
    expect(page.get_by_text("Het nieuwe logo wordt vanaf nu gebruikt.")).to_be_visible()
    assert "/logo/" in (page.locator(".portal-brand img").get_attribute("src") or "")
    check(page)

    # Settings: a bad value is refused at its field; a good one is saved and in the history.
    page.get_by_role("link", name="Instellingen: normen", exact=False).click()
    check(page)
    page.get_by_label("Sollicitaties in de vier weken").fill("veel")
    page.get_by_role("button", name="De instellingen bewaren").click()
    expect(page.locator("#application_norm-error")).to_contain_text("heel getal")
    check(page)
    page.get_by_label("Sollicitaties in de vier weken").fill("5")
    page.get_by_role("button", name="De instellingen bewaren").click()
    expect(page.get_by_text("De instellingen zijn bewaard.")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Bea Beheerder")
    check(page)
    with live_app.app_context():
        assert policy.number("PORTAL_APPLICATION_NORM") == 5


def test_the_preview_works_without_javascript(new_page, make_account):
    admin = make_account(Role.FUNCTIONAL_ADMIN, email="bea@example.nl", name="Bea Beheerder")
    page = new_page("phone", javascript=False)
    sign_in(page, admin.email)
    check(page)
    page.goto("/beheer/look/")
    check(page)
    page.get_by_label("Hoofdkleur", exact=True).fill("#004400")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.get_by_role("heading", name="Voorbeeld: nog niet bewaard")).to_be_visible()
    assert _background(page, BAR) == "rgb(0, 68, 0)"
    check(page)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_invitation_letter_for_someone_without_email(new_page, make_account, live_app, viewport):
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin")
    with live_app.app_context(), unit_of_work():
        policy.change(None, "PORTAL_MUNICIPALITY_PHONE", "14 0123", utcnow())
        application = periods.register(
            periods.Registration(
                name="Bram Zonder Mail",
                born_on=clock.today(utcnow()).replace(year=1980),
                applied_on=clock.today(utcnow()) - timedelta(days=27),
            ),
            "self",
            None,
            utcnow(),
            "nl",
        ).application
        application_id = application.id
    page = new_page(viewport)
    sign_in(page, consultant.email)
    check(page)
    page.goto(f"/consult/{application_id}")
    check(page)
    day = clock.today(utcnow()) + timedelta(days=5)
    page.get_by_label("Dag", exact=True).fill(day.isoformat())
    page.get_by_label("Tijd").fill("10:30")
    page.get_by_label("Op kantoor").check()
    page.get_by_label("Plaats, telefoonnummer of link voor beeldbellen").fill("Werkplein")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("er is niets verstuurd")).to_be_visible()
    letter = page.get_by_role("article", name="De brief")
    expect(letter).to_contain_text("Beste Bram")
    expect(letter).to_contain_text("14 0123")
    check(page)
    page.get_by_role("link", name="Terug naar de aanvraag van Bram Zonder Mail").click()
    check(page)
    page.get_by_role("link", name="De brief printen").click()
    expect(page.get_by_role("article", name="De brief")).to_contain_text("Werkplein")
    check(page)
