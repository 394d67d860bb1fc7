"""A STIP session in the browser: the team lead links the volunteer to a location, the person
makes a code, the volunteer starts, the person consents, they fill in part of the questionnaire
(not the private questions about health) and a log entry; the person sees both marked, stops the
session, the volunteer is refused."""

from datetime import date

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import applies, check, fill_date, main_menu, sign_in
from tests.e2e.test_intake import answer_page
from tests.questionnaires.test_golden import SELF_STARTER


def test_assisted_session_from_code_to_revocation(new_page, make_account, live_app):
    person = make_account(Role.APPLICANT, email="fatma@example.nl", name="Fatma Yılmaz")
    volunteer = make_account(Role.STIP, email="stefan@example.nl", name="Stefan Vrijwilliger")
    lead = make_account(Role.TEAM_LEAD, email="lead@example.nl", name="Tom Teamleider")
    applies(live_app, person, date(1985, 3, 9))

    admin = new_page()
    sign_in(admin, lead.email)
    check(admin)
    main_menu(admin).get_by_role("link", name="STIP-locaties").click()
    check(admin)
    admin.get_by_label("Naam").fill("De Wijkpost")
    admin.get_by_label("Adres").fill("Dorpsstraat 1")
    admin.get_by_role("button", name="De locatie toevoegen").click()
    check(admin)
    admin.get_by_role("link", name="De Wijkpost").click()
    check(admin)
    admin.get_by_label("Vrijwilliger").select_option(label="Stefan Vrijwilliger")
    admin.get_by_role("button", name="Aan deze locatie toevoegen").click()
    expect(admin.get_by_text("Bewaard: Stefan Vrijwilliger helpt op deze locatie.")).to_be_visible()
    check(admin)

    own = new_page("phone")
    sign_in(own, person.email)
    check(own)
    main_menu(own).get_by_role("link", name="Hulp van een STIP").click()
    check(own)
    own.get_by_role("button", name="Een code voor de vrijwilliger maken").click()
    code = own.locator(".portal-code").inner_text()
    check(own)

    stip = new_page()
    sign_in(stip, volunteer.email)
    check(stip)
    main_menu(stip).get_by_role("link", name="Iemand helpen").click()
    check(stip)
    fill_date(stip, "born_on", "1985-03-09")
    stip.get_by_label("De code van de persoon").fill(code)
    stip.get_by_role("button", name="Beginnen met helpen").click()
    expect(stip.get_by_role("heading", name="Wilt u hulp van Stefan?")).to_be_visible()
    check(stip)
    stip.get_by_role("button", name="Ja, ik ga akkoord").click()
    expect(stip.get_by_role("heading", name="Fatma helpen")).to_be_visible()
    check(stip)

    stip.get_by_role("link", name="Vul de vragen over u en werk in").click()
    check(stip)
    stip.get_by_role("button", name="Start").click()
    check(stip)
    assert answer_page(stip, SELF_STARTER) == "work"
    expect(stip.get_by_text("Pagina 2 van 11")).to_be_visible()
    check(stip)
    stip.goto("/questions/entreevragenlijst/page/health")
    expect(stip.get_by_text("Als vrijwilliger ziet u ze niet")).to_be_visible()
    expect(stip.get_by_role("radio")).to_have_count(0)
    check(stip)
    stip.get_by_role("link", name="Wat u kunt doen, of stoppen").click()
    check(stip)
    stip.get_by_role("link", name="Iets in het logboek zetten").click()
    check(stip)
    stip.get_by_label("Bedrijf of organisatie").fill("Albert Heijn")
    stip.get_by_label("Baan", exact=True).fill("Vakkenvuller")
    stip.get_by_role("button", name="Opslaan").click()
    expect(stip.get_by_text("Met hulp van STIP De Wijkpost.")).to_be_visible()
    check(stip)

    main_menu(own).get_by_role("link", name="Mijn logboek werk zoeken").click()
    expect(own.get_by_role("heading", name="Albert Heijn: Vakkenvuller")).to_be_visible()
    expect(own.get_by_text("Met hulp van STIP De Wijkpost.")).to_be_visible()
    check(own)
    main_menu(own).get_by_role("link", name="Vragen over u en werk").click()
    expect(own.get_by_text("Met hulp van STIP De Wijkpost.")).to_be_visible()
    check(own)
    main_menu(own).get_by_role("link", name="Hulp van een STIP").click()
    expect(own.get_by_text("Iets in uw logboek gezet")).to_be_visible()
    check(own)
    own.get_by_role("button", name="Deze hulp nu stoppen").click()
    expect(own.get_by_text("De hulp is gestopt.")).to_be_visible()
    check(own)

    response = stip.goto("/werkmap/new")
    assert response.status == 403
    check(stip)
