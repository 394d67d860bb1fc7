"""Consultant and team lead pages of the search period in the browser, axe on each."""

from datetime import timedelta

from playwright.sync_api import expect

from portal import clock
from portal.db import utcnow
from portal.roles import Role
from tests.e2e.conftest import activate_from_mail, check, fill_date, main_menu, sign_in


def test_team_lead_consultant_and_applicant_pages(new_page, make_account, live_app):
    lead = new_page("desktop")
    sign_in(lead, make_account(Role.TEAM_LEAD, name="Tom Teamleider").email)
    check(lead)
    lead.goto("/admin/teams")
    check(lead)
    lead.get_by_label("Naam van het team").fill("Team Noord")
    lead.get_by_role("button", name="Team toevoegen").click()
    expect(lead.get_by_text("Team Noord is toegevoegd.")).to_be_visible()
    check(lead)
    lead.goto("/admin/accounts/invite")
    check(lead)
    lead.get_by_label("Volledige naam").fill("Karin Klantondersteuner")
    lead.get_by_label("E-mailadres van het werk").fill("karin@gemeente.example")
    lead.get_by_label("Klantondersteuner").check()
    lead.get_by_label("Team", exact=True).select_option(label="Team Noord")
    lead.get_by_role("button", name="Uitnodiging versturen").click()
    check(lead)

    desk = new_page("phone")
    activate_from_mail(desk, "Activeer uw account voor Werk en Inkomen", "een lange wachtzin")
    check(desk)
    desk.goto("/search-period/register")
    check(desk)
    applied = clock.today(utcnow()) - timedelta(days=25)
    desk.get_by_label("Volledige naam").fill("Anna de Vries")
    fill_date(desk, "born_on", "1975-06-01")
    desk.get_by_label("E-mailadres").fill("anna@example.nl")
    desk.get_by_label("Datum van de aanvraag").fill(applied.isoformat())
    desk.get_by_role("button", name="Aanvraag registreren").click()
    check(desk)
    main_menu(desk).get_by_role("link", name="Zoekperiodes om te beoordelen").click()
    check(desk)
    desk.get_by_role("link", name="Anna de Vries").click()
    check(desk)
    desk.get_by_role("button", name="Uitnodiging versturen").click()
    expect(desk.get_by_role("alert").first).to_contain_text("Vul de dag in.")
    check(desk)
    day = clock.today(utcnow()) + timedelta(days=5)
    desk.get_by_label("Dag", exact=True).fill(day.isoformat())
    desk.get_by_label("Tijd").fill("10:30")
    desk.get_by_label("Op kantoor").check()
    desk.get_by_label("Plaats, telefoonnummer of link voor beeldbellen").fill("Werkplein")
    desk.get_by_role("button", name="Uitnodiging versturen").click()
    expect(desk.get_by_text("De uitnodiging is verstuurd.")).to_be_visible()
    check(desk)
    for item in desk.locator("fieldset").all():
        if item.locator("input[value='yes']").count():
            item.locator("input[value='yes']").check()
    desk.get_by_label("Conclusie").fill("Alles nagekomen.")
    desk.get_by_role("button", name="Beoordeling opslaan").click()
    expect(desk.get_by_text("De beoordeling is opgeslagen.")).to_be_visible()
    check(desk)

    applicant = new_page("phone")
    activate_from_mail(
        applicant, "Uw aanvraag: zoek werk in de komende vier weken", "een lange wachtzin"
    )
    check(applicant)
    applicant.goto("/search-period/")
    expect(applicant.get_by_text("Uw gesprek met de gemeente:")).to_be_visible()
    check(applicant)
    applicant.get_by_role("link", name="Werk of een opleiding gevonden?").click()
    check(applicant)
    applicant.get_by_label("Ik heb werk gevonden").check()
    applicant.get_by_role("button", name="Mijn zoekperiode stoppen").click()
    expect(applicant.get_by_text("Uw zoekperiode is gestopt. Bedankt")).to_be_visible()
    check(applicant)

    lead.goto("/consult/outflow")
    expect(lead.get_by_role("cell", name="100%")).to_be_visible()
    check(lead)
