"""A bewindvoerder with two clients switches between them on a phone (375 px): the checklist and
the letters of each, the name of the person always on screen; axe on every page."""

from datetime import date

from playwright.sync_api import expect

from portal.db import db, unit_of_work, utcnow
from portal.mandates import Mandate
from portal.roles import Role
from tests.e2e.conftest import applies, check, sign_in


def _client(live_app, make_account, email: str, name: str):
    person = make_account(Role.APPLICANT, email=email, name=name)
    applies(live_app, person, date(1968, 4, 2))
    return person


def test_a_bewindvoerder_switches_between_two_clients_on_a_phone(new_page, make_account, live_app):
    first = _client(live_app, make_account, "piet@example.nl", "Piet Jansen")
    second = _client(live_app, make_account, "olga@example.nl", "Olga de Vries")
    bewind = make_account(Role.REPRESENTATIVE, email="bram@example.nl", name="Bram Bewind")
    with live_app.app_context(), unit_of_work():
        for n, person in enumerate((first, second)):
            db.session.add(
                Mandate(
                    person_id=person.id,
                    representative_id=bewind.id,
                    kind="bewind",
                    reference=f"C/16/2026-{n}",
                    active_from=utcnow(),
                )
            )

    page = new_page("phone")
    sign_in(page, bewind.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie ik handel")
    check(page)
    for person, other in ((first, second), (second, first)):
        page.get_by_role("button", name=f"Handel voor {person.name}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"U handelt voor {person.name}")
        banner = page.get_by_role("region", name="U handelt voor iemand")
        expect(banner).to_contain_text(person.name)
        check(page)
        expect(page.get_by_role("link", name="Berichten met de e-coach")).to_have_count(0)
        page.get_by_role("link", name="De eerste vier weken: de lijst").click()
        expect(banner).to_contain_text(person.name)
        expect(page.get_by_text(other.name)).to_have_count(0)
        check(page)
        page.go_back()
        page.get_by_role("link", name="Brieven en e-mails").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Brieven en e-mails")
        expect(page.get_by_text(person.name).first).to_be_visible()
        check(page)
        banner.get_by_role("link", name="Kies iemand anders").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie ik handel")
        check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
