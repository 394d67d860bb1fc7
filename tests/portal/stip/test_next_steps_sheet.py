"""The printed sheet of next steps (issue 21): it said "call the municipality" without a number,
a name or a date, and spoke about the person in the third person. Now it speaks to them ("u"),
with the municipality's name, address and phone number (the screen Look) and the date."""

from babel.dates import format_date

from portal import clock, policy
from portal.db import unit_of_work, utcnow


def _set(key: str, value: str) -> None:
    with unit_of_work():
        policy.change(None, key, value, utcnow())


def test_the_sheet_shows_the_municipality_phone_address_and_date_and_speaks_to_the_person(
    helping,
):
    _set("PORTAL_MUNICIPALITY_NAME", "Gemeente Testdorp")
    _set("PORTAL_MUNICIPALITY_PHONE", "14 0123")
    _set("PORTAL_MUNICIPALITY_ADDRESS", "Postbus 12\n1234 AB Testdorp")
    html = helping.get("/my-help/print").get_data(as_text=True)
    assert "14 0123" in html
    assert "Gemeente Testdorp" in html and "1234 AB Testdorp" in html
    assert format_date(clock.today(utcnow()), "long", locale="nl") in html
    assert "Wat u nog moet doen" in html
    assert "Wat Fatma nog moet doen" not in html
    assert "bel de gemeente" not in html.lower()


def test_without_a_phone_number_the_sheet_names_the_municipality(helping):
    html = helping.get("/my-help/print").get_data(as_text=True)
    sheet = html.split('<div lang="nl"', 1)[1].split("</main>", 1)[0]
    assert "Gemeente Voorbeeld" in sheet
