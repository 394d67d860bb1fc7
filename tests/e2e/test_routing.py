"""The new pages in the browser, with axe on each: /algoritme (public), the applicant's result
with help on offer and the ladder step, the team lead's fairness and version pages."""

from playwright.sync_api import expect

from portal.db import unit_of_work, utcnow
from portal.intake import services
from portal.roles import Role
from tests.e2e.conftest import check, choose_language, main_menu, sign_in
from tests.questionnaires.test_golden import NEWCOMER, SELF_STARTER


def _sent(live_app, make_account, email, answers, name="Test Persoon"):
    applicant = make_account(Role.APPLICANT, email=email, name=name)
    with live_app.app_context(), unit_of_work():
        response = services.start(applicant, "entreevragenlijst", "drie_lijnen", utcnow())
        response.answers = dict(answers)
        services.submit(response, utcnow())
    return applicant


def test_the_algorithm_page_is_public_on_a_phone_and_in_english(new_page):
    page = new_page("phone")
    page.goto("/algoritme")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Entreevragenlijst")
    expect(page.get_by_role("heading", name="Wettelijke grondslag")).to_be_visible()
    check(page)
    page.get_by_text("Kunnen", exact=True).click()  # open the points of one scale
    expect(page.get_by_role("cell", name="HBO of universiteit")).to_be_visible()
    check(page)
    choose_language(page, "English")
    expect(page.get_by_role("heading", name="Legal basis")).to_be_visible()
    check(page)
    desktop = new_page("desktop")
    desktop.goto("/")
    check(desktop)
    desktop.get_by_role("link", name="Hoe het portaal adviseert over hulp (algoritme)").click()
    expect(desktop.get_by_role("heading", name="Menselijke controle")).to_be_visible()
    check(desktop)


def test_the_applicant_reads_help_on_offer_and_the_ladder_on_a_phone(
    new_page, make_account, live_app
):
    applicant = _sent(
        live_app,
        make_account,
        "fatma@example.nl",
        {**NEWCOMER, "debts": "yes_no_help", "hours_available": 8, "care": "yes"},
    )
    page = new_page("phone")
    sign_in(page, applicant.email)
    check(page)
    page.goto("/questions/entreevragenlijst/result")
    expect(page.get_by_role("heading", name="Hulp die u kunt krijgen")).to_be_visible()
    expect(page.get_by_text("U heeft schulden die u niet kunt betalen.")).to_be_visible()
    expect(page.get_by_text("Trede 2 van 6 op de participatieladder.")).to_be_visible()
    expect(page.get_by_text("16 tot 20 uur")).to_have_count(0)
    check(page)
    page.get_by_role("link", name="Hoe het portaal dit advies maakt").click()
    expect(page.get_by_role("heading", name="Hoe het advies wordt gemaakt")).to_be_visible()
    check(page)


def test_the_team_lead_checks_fairness_and_compares_versions(new_page, make_account, live_app):
    for n in range(10):
        _sent(live_app, make_account, f"v{n}@example.nl", {**SELF_STARTER, "gender": "woman"})
        _sent(live_app, make_account, f"m{n}@example.nl", {**NEWCOMER, "gender": "man"})
    lead = make_account(Role.TEAM_LEAD, name="Tom Teamleider")
    page = new_page("phone")
    sign_in(page, lead.email)
    check(page)
    main_menu(page).get_by_role("link", name="Is het advies eerlijk?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is het advies eerlijk?")
    expect(page.get_by_text("(groot verschil)").first).to_be_visible()
    check(page)
    desktop = new_page("desktop")
    sign_in(desktop, lead.email)
    check(desktop)
    desktop.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Versies van de vragenlijst vergelijken"
    ).click()
    check(desktop)
    desktop.get_by_label("Vergelijk met versie").select_option("1")
    desktop.get_by_role("button", name="Vergelijken").click()
    expect(desktop.get_by_text("20 mensen hebben de vragenlijst verstuurd.")).to_be_visible()
    check(desktop)
