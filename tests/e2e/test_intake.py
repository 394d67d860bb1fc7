"""The Entreevragenlijst in the browser: fill in on a phone, stop, resume, submit, decide."""

from playwright.sync_api import Page, expect

import questionnaires
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import unit_of_work, utcnow
from portal.intake import services
from portal.roles import Role
from questionnaires import engine
from tests.e2e.conftest import VIEWPORTS, check, choose_language, main_menu, sign_in
from tests.questionnaires.test_golden import CANNOT_WORK, NEWCOMER, SELF_STARTER

ENTREE = questionnaires.load(*MAIN_QUESTIONNAIRE)


def answer_page(page: Page, answers: dict) -> str:
    """Fill in the page the browser is on from `answers`, then press the button."""
    step_id = page.url.split("/page/")[1].split("?")[0]
    for question in engine.step_questions(ENTREE, ENTREE.step(step_id), answers):
        value = answers.get(question.id)
        if value is None:
            continue
        if question.type in ("single", "yes_no", "scale"):
            page.locator(f"input[name='{question.id}'][value='{value}']").check()
        elif question.type == "multiple":
            for item in value:
                page.locator(f"input[name='{question.id}'][value='{item}']").check()
        else:
            page.locator(f"#{question.id}").fill(str(value))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    return step_id


def test_applicant_fills_in_on_a_phone_stops_and_resumes(new_page, make_account):
    user = make_account(Role.APPLICANT, name="Samira El Amrani")
    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    main_menu(page).get_by_role("link", name="Vragen over u en werk").click()
    check(page)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Pagina 1 van 11")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Opslaan en verder").click()  # nothing chosen
    expect(page.get_by_role("alert")).to_contain_text("Kies een antwoord.")
    check(page)
    for _ in range(3):
        answer_page(page, SELF_STARTER)
        check(page)
    expect(page.get_by_text("Pagina 4 van 11")).to_be_visible()
    page.context.close()  # the phone battery dies

    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    page.goto("/questions/")
    check(page)
    page.get_by_role("button", name="Ga verder waar u was gebleven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen om u heen")
    check(page)
    while "/page/" in page.url:
        answer_page(page, SELF_STARTER)
        check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    page.get_by_role("link", name="Wijzig uw antwoord op: Hoe goed leest u Nederlands?").click()
    check(page)
    page.locator("input[name='dutch_reading'][value='reasonably']").check()
    page.get_by_role("button", name="Opslaan en naar het overzicht").click()
    expect(page.get_by_text("Redelijk").first).to_be_visible()
    check(page)
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ons advies")
    expect(page.get_by_text("U zoekt zelf werk, met hulp van een e-coach")).to_be_visible()
    expect(page.get_by_text("U zoekt elke week werk.")).to_be_visible()
    expect(page.get_by_text("Trede 6 van 6 op de participatieladder.")).to_be_visible()
    expect(page.get_by_role("img", name="Uw cijfers voor positieve gezondheid")).to_be_visible()
    check(page)


def test_questionnaire_in_english_with_the_health_details_page(new_page, make_account):
    user = make_account(Role.APPLICANT)
    page = new_page("desktop")
    page.goto("/login")
    check(page)
    choose_language(page, "English")
    check(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    check(page)
    page.goto("/questions/")
    check(page)
    page.get_by_role("button", name="Start").click()
    check(page)
    headings = []
    while "/page/" in page.url:
        headings.append(page.get_by_role("heading", level=1).inner_text())
        answer_page(page, CANNOT_WORK)
        check(page)
    assert "Your health problems" in headings and len(headings) == 10
    page.get_by_role("button", name="Send my answers").click()
    expect(
        page.get_by_text("Maatschappelijke participatie: taking part in society first")
    ).to_be_visible()
    check(page)


def _submitted(live_app, make_account, name, email, answers):
    applicant = make_account(Role.APPLICANT, name=name, email=email)
    with live_app.app_context(), unit_of_work():
        response = services.start(applicant, "entreevragenlijst", "drie_lijnen", utcnow())
        response.answers = dict(answers)
        services.submit(response, utcnow())
    return response


def test_consultant_confirms_one_advice_and_overrides_another(new_page, make_account, live_app):
    _submitted(live_app, make_account, "Anna Eerst", "anna@example.nl", SELF_STARTER)
    _submitted(live_app, make_account, "Bert Later", "bert@example.nl", NEWCOMER)
    consultant = make_account(Role.CONSULTANT, name="Karin Klantondersteuner")
    page = new_page("phone")
    sign_in(page, consultant.email)
    check(page)
    main_menu(page).get_by_role("link", name="Advies om te bevestigen").click()
    expect(page.get_by_text("2 adviezen wachten op een besluit")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Anna Eerst").click()
    expect(page.get_by_text("Regel die gold: Regel 2 van 3:")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Besluit opslaan").click()  # the advice is preselected
    expect(page.get_by_text("Het besluit is opgeslagen")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Bert Later").click()
    check(page)
    page.get_by_label("Eerst meedoen in de samenleving, met activiteiten die bij u passen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Leg uit waarom u iets anders kiest dan het advies."
    )
    check(page)
    page.get_by_label("Reden").fill("Spreekt nog weinig Nederlands; eerst een taaltraject.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Er wacht geen advies op een besluit.")).to_be_visible()
    check(page)

    lead = new_page("desktop")
    sign_in(lead, make_account(Role.TEAM_LEAD, name="Tom Teamleider").email)
    check(lead)
    main_menu(lead).get_by_role("link", name="Hoe vaak advies wordt gewijzigd").click()
    expect(lead.get_by_role("cell", name="100%")).to_be_visible()  # support_to_work: 1 of 1
    check(lead)
    lead.set_viewport_size(VIEWPORTS["phone"])  # the wide table scrolls in a focusable region
    check(lead)
