"""The personal plan in the browser: the applicant builds it on a phone (375 px), the e-coach
comments and proposes a step, the applicant accepts it; the coach marks the plan agreed and
the applicant confirms. axe on every page."""

import re

from playwright.sync_api import expect

from portal.caseload import services as caseload
from portal.catalogue.models import Service
from portal.db import db, unit_of_work, utcnow
from portal.intake import services as intake
from portal.people import User
from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in
from tests.questionnaires.test_golden import SELF_STARTER


def _zelfdoener(live_app, person, coach, consultant):
    with live_app.app_context(), unit_of_work():
        db.session.add(Service(name="Workshop solliciteren", kind="workshop"))
        applicant = db.session.get(User, person.id)
        response = intake.start(applicant, "entreevragenlijst", "drie_lijnen", utcnow())
        response.answers = dict(SELF_STARTER)
        intake.submit(response, utcnow())
        intake.decide(db.session.merge(consultant), response, "zelfdoeners", "", utcnow())
        caseload.assign(person.id, coach.id, None, utcnow())


def test_the_applicant_builds_a_plan_and_agrees_it_with_the_coach(
    new_page, make_account, live_app, base_url
):
    coach = make_account(Role.ECOACH, email="eva@example.nl", name="Eva Coach")
    consultant = make_account(Role.CONSULTANT, email="karin@example.nl", name="Karin")
    person = make_account(Role.APPLICANT, email="cem@example.nl", name="Cem Celik")
    _zelfdoener(live_app, person, coach, consultant)

    phone = new_page("phone")
    sign_in(phone, person.email)
    check(phone)
    main_menu(phone).get_by_role("link", name="Mijn plan").click()
    expect(phone.get_by_role("heading", name="Mijn plan")).to_be_visible()
    check(phone)
    phone.get_by_role("link", name="Doel toevoegen").click()
    check(phone)
    phone.get_by_role("button", name="Opslaan").click()  # empty: the message at the field
    expect(phone.get_by_text("Schrijf uw doel op.").first).to_be_visible()
    check(phone)
    phone.get_by_label("Doel").fill("Werk in een magazijn")
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("Het doel staat in uw plan.").first).to_be_visible()
    check(phone)
    phone.get_by_role("link", name="Stap toevoegen").click()
    check(phone)
    phone.get_by_label("Wat gaat u doen?").fill("Heftruckcursus aanvragen")
    phone.get_by_label("Wie helpt?").fill("Mijn buurman")
    phone.get_by_label("Hulp van de gemeente").select_option(label="Workshop solliciteren")
    phone.get_by_label("Mee bezig").check()
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("De stap staat in uw plan.").first).to_be_visible()
    check(phone)

    staff = new_page()
    sign_in(staff, coach.email)
    check(staff)
    staff.goto(f"{base_url}/coach/people/{person.id}")
    check(staff)
    staff.get_by_role("link", name="Plan openen").click()
    expect(staff.get_by_text("Heftruckcursus aanvragen").first).to_be_visible()
    check(staff)
    staff.get_by_label("Uw opmerking").fill("Goed plan, Cem!")
    staff.get_by_role("button", name="Opmerking versturen").click()
    expect(staff.get_by_text("De opmerking is opgeslagen.").first).to_be_visible()
    check(staff)
    staff.get_by_role("link", name="Stap voorstellen").click()
    check(staff)
    staff.get_by_label("Wat gaat u doen?").fill("Open dag bij DHL bezoeken")
    staff.get_by_label("Waarom u dit voorstelt").fill("Daar zoeken ze mensen.")
    staff.get_by_role("button", name="Voorstel versturen").click()
    expect(staff.get_by_text("Het voorstel is verstuurd.", exact=False).first).to_be_visible()
    check(staff)

    phone.reload()
    expect(phone.get_by_text("Goed plan, Cem!").first).to_be_visible()
    expect(phone.get_by_text("Open dag bij DHL bezoeken").first).to_be_visible()
    check(phone)
    phone.get_by_role("button", name=re.compile("^Accepteren")).click()
    expect(phone.get_by_text("Het voorstel staat nu in uw plan.").first).to_be_visible()
    check(phone)

    staff.reload()
    expect(staff.get_by_text("Open dag bij DHL bezoeken").first).to_be_visible()
    check(staff)
    staff.get_by_role("button", name="Deze versie als afgesproken markeren").click()
    expect(
        staff.get_by_text("U hebt het plan als afgesproken gemarkeerd.", exact=False)
    ).to_be_visible()
    check(staff)

    phone.reload()
    check(phone)
    phone.get_by_role("button", name="Ik ben het eens met dit plan").click()
    expect(phone.locator("#plan-state")).to_have_text("Afgesproken")
    check(phone)
    phone.get_by_role("link", name="Alle wijzigingen bekijken").click()
    expect(phone.get_by_text("Afspraak bevestigd").first).to_be_visible()
    check(phone)
    phone.go_back()
    phone.get_by_role("link", name="Mijn plan printen").click()
    expect(phone.get_by_role("heading", name="Plan van Cem Celik")).to_be_visible()
    check(phone)
