"""A date of birth as day, month and year boxes: the example under the field, in every
language, typed as shown, gives the intended date; mistakes are named at the field."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.catalogues import APPLICANT_LOCALES
from portal.db import db
from portal.searchperiod.models import PendingRegistration

PERSON = {"name": "Samira Haddad", "email": "samira@example.nl", "phone": "0612345678"}
EXAMPLE = re.compile(r'<span class="portal-date__example">([^<]*)</span>')


def _born(day, month, year, name="born_on"):
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def _applications():
    """What /apply kept, waiting for the owner of the address to confirm it."""
    db.session.expire_all()
    return db.session.scalars(select(PendingRegistration)).all()


@pytest.mark.parametrize("locale", [*APPLICANT_LOCALES, "en"])
def test_typing_the_example_of_each_language_gives_that_date(client, locale):
    client.submit("/language", {"locale": locale})
    html = client.get("/apply").text
    assert f'<html lang="{locale}"' in html
    example = EXAMPLE.search(html).group(1)
    day, month, year = re.findall(r"\d+", example)  # in reading order, as the boxes are
    assert [day, month, year] == ["15", "3", "1990"]
    assert client.submit("/apply", {**PERSON, **_born(day, month, year)}).status_code == 200
    [application] = _applications()
    assert application.born_on == date(1990, 3, 15)


def test_the_boxes_are_labelled_day_month_year_in_the_page_language(client):
    client.submit("/language", {"locale": "ar"})
    html = client.get("/apply").text
    for part, label in [("day", "اليوم"), ("month", "الشهر"), ("year", "السنة")]:
        assert f'<label class="utrecht-form-label" for="born_on-{part}">{label}</label>' in html
        assert f'name="born_on-{part}" type="text" inputmode="numeric"' in html
    assert 'autocomplete="bday-day"' in html


def test_arabic_indic_digits_are_understood(client):
    client.submit("/apply", {**PERSON, **_born("١٥", "٣", "١٩٩٠")})
    assert _applications()[0].born_on == date(1990, 3, 15)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("15", "", "1990"), "Vul de dag, de maand en het jaar in."),
        (("31", "2", "1990"), "Vul een echte datum in, bijvoorbeeld 15 3 1990."),
        (("15", "3", "90"), "Gebruik alleen cijfers, en vier cijfers voor het jaar."),
        (("15", "maart", "1990"), "Gebruik alleen cijfers, en vier cijfers voor het jaar."),
        (("", "", ""), "Vul de geboortedatum in."),
    ],
)
def test_a_wrong_date_is_named_at_the_field_and_what_was_typed_stays(client, parts, message):
    html = client.submit("/apply", {**PERSON, **_born(*parts)}).text
    error = html.split('id="born_on-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert 'href="#born_on-day"' in html  # the error summary links to the first box
    assert 'value="Samira Haddad"' in html
    for part, value in zip(("day", "month", "year"), parts, strict=True):
        assert f'name="born_on-{part}" type="text" inputmode="numeric" maxlength' in html
        assert f'id="born_on-{part}"' in html and f'value="{value}"' in html
    assert _applications() == []


def test_a_single_iso_value_is_accepted_for_clients_without_boxes(client):
    client.submit("/apply", {**PERSON, "born_on": "1990-03-15"})
    assert _applications()[0].born_on == date(1990, 3, 15)
    assert "born_on-error" in client.submit("/apply", {**PERSON, "born_on": "15-03"}).text
