"""Werkmap in the browser: proof on a phone, the CV and its PDF, take it along to a fresh
account, and the e-coach's read-only view with the norm. axe on every page."""

from pathlib import Path

from playwright.sync_api import expect

from portal.caseload import services as caseload
from portal.db import unit_of_work, utcnow
from portal.roles import Role
from tests.e2e.conftest import check, main_menu, sign_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _to_log(page) -> None:
    check(page)
    main_menu(page).get_by_role("link", name="Mijn logboek werk zoeken").click()
    check(page)


def _add_with_proof(page, organisation: str) -> None:
    page.get_by_role("link", name="Toevoegen aan mijn logboek").click()
    check(page)
    page.get_by_label("Bedrijf of organisatie").fill(organisation)
    page.get_by_label("Baan", exact=True).fill("Magazijnmedewerker")
    page.get_by_label("Bewijs (mag u weglaten)").set_input_files(
        {"name": "brief.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen: het staat in uw logboek.")).to_be_visible()
    check(page)


def _build_cv(page) -> None:
    page.get_by_role("link", name="Mijn cv en werkprofiel").click()
    expect(page.get_by_text("Uw cv is nog niet compleet.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Uw gegevens en de tekst over uzelf wijzigen").click()
    check(page)
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("Over mij").fill("Ik ben precies en werk graag in een team.")
    page.get_by_label("B", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het mist nog: werkervaring, opleiding, talen.")).to_be_visible()
    check(page)
    for section, fields in (
        ("experience", {"Baan": "Orderpicker", "Werkgever": "Bol"}),
        ("education", {"Opleiding": "Logistiek", "School": "Deltion"}),
        ("language", {"Taal": "Nederlands"}),
    ):
        page.locator(f"main a[href$='/cv/{section}/new']").click()
        check(page)
        for label, value in fields.items():
            page.get_by_role("textbox", name=label, exact=True).fill(value)
        if section == "education":
            page.get_by_label("Niveau").select_option(label="MBO niveau 2")
            page.get_by_label("Ik heb het diploma").check()
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Bewaard: het staat in uw cv.")).to_be_visible()
        check(page)
    expect(page.get_by_text("Uw cv is compleet.")).to_be_visible()
    page.get_by_role("link", name="Mijn cv bekijken").click()
    expect(page.get_by_role("article")).to_contain_text("Orderpicker")
    check(page)


def test_proof_and_cv_on_a_phone(new_page, make_account, tmp_path):
    user = make_account(Role.APPLICANT, name="Samira El Amrani")
    page = new_page("phone")
    sign_in(page, user.email)
    _to_log(page)
    _add_with_proof(page, "Bol")
    expect(page.get_by_text("met bewijs")).to_be_visible()
    page.get_by_role("link", name="Bekijken of wijzigen").first.click()
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="brief.png").click()
    assert Path(download.value.path()).read_bytes() == PNG
    page.get_by_role("link", name="Terug naar mijn logboek").click()
    check(page)
    _build_cv(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn cv downloaden (pdf)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    page.get_by_role("link", name="Terug naar mijn cv").click()
    check(page)
    page.get_by_role("link", name="Uw werkprofiel invullen of wijzigen").click()
    check(page)
    page.get_by_label("Welk werk zoekt u?").fill("Orderpicker")
    page.get_by_label("Hoeveel uur per week kunt u werken?").fill("80")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een getal in van 1 tot en met 60.")
    expect(page.get_by_label("Welk werk zoekt u?")).to_have_value("Orderpicker")
    check(page)
    page.get_by_label("Hoeveel uur per week kunt u werken?").fill("32")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bewaard: uw werkprofiel.")).to_be_visible()
    check(page)


def test_take_the_werkmap_to_a_fresh_account(new_page, make_account, tmp_path):
    old = make_account(Role.APPLICANT, email="oud@example.nl", name="Samira El Amrani")
    new = make_account(Role.APPLICANT, email="nieuw@example.nl", name="Samira El Amrani")
    page = new_page("phone")
    sign_in(page, old.email)
    _to_log(page)
    _add_with_proof(page, "Bol")
    page.get_by_role("link", name="Overzicht van een periode, om te printen of als pdf").click()
    expect(page.get_by_text("1 sollicitatie, 1 activiteit in totaal")).to_be_visible()
    check(page)
    _to_log(page)
    _build_cv(page)
    _to_log(page)
    page.get_by_role("link", name="Neem uw werkmap mee").click()
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn werkmap downloaden (JSON)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    fresh = new_page("phone")
    sign_in(fresh, new.email)
    _to_log(fresh)
    expect(fresh.get_by_text("Uw logboek is nog leeg.")).to_be_visible()
    fresh.get_by_role("link", name="Neem uw werkmap mee").click()
    check(fresh)
    fresh.get_by_label("Uw werkmap-bestand (.json)").set_input_files(str(saved))
    fresh.get_by_role("button", name="Zet het in mijn account").click()
    expect(fresh.get_by_text("Klaar: 1 regel uit uw logboek staat nu hier")).to_be_visible()
    expect(fresh.get_by_text("brief.png")).to_be_visible()
    check(fresh)
    _to_log(fresh)
    expect(fresh.get_by_role("heading", name="Bol: Magazijnmedewerker")).to_be_visible()
    fresh.get_by_role("link", name="Mijn cv en werkprofiel").click()
    expect(fresh.get_by_text("Uw cv is compleet.")).to_be_visible()
    check(fresh)


def test_coach_reads_the_werkmap_and_sets_the_norm(new_page, make_account, live_app):
    person = make_account(Role.APPLICANT, email="persoon@example.nl", name="Samira El Amrani")
    coach = make_account(Role.ECOACH, email="coach@example.nl", name="Eva Coach")
    with live_app.app_context(), unit_of_work():
        caseload.assign(person.id, coach.id, None, utcnow())
    page = new_page("phone")
    sign_in(page, person.email)
    _to_log(page)
    _add_with_proof(page, "Bol")

    staff = new_page()
    sign_in(staff, coach.email)
    check(staff)
    staff.get_by_role("link", name="Mijn mensen").first.click()
    check(staff)
    staff.get_by_label("Tonen").select_option(label="Iedereen")
    staff.get_by_role("button", name="Tonen").click()
    check(staff)
    staff.get_by_role("link", name="Samira El Amrani").click()
    check(staff)
    staff.get_by_role("link", name="Logboek en norm").click()
    expect(staff.get_by_role("heading", name="Logboek van Samira El Amrani")).to_be_visible()
    check(staff)
    staff.get_by_label("Sollicitaties per week voor deze persoon").fill("3")
    staff.get_by_role("button", name="De norm bewaren").click()
    expect(staff.get_by_text("Wij vragen 3 sollicitaties per week.")).to_be_visible()
    check(staff)
    with staff.expect_download() as download:
        staff.get_by_role("link", name="Het bewijs downloaden").click()
    assert Path(download.value.path()).read_bytes() == PNG
    staff.get_by_role("link", name="Cv en werkprofiel").click()
    expect(staff.get_by_text("Nog geen cv.")).to_be_visible()
    check(staff)
