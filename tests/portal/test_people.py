"""Email addresses are normalised once, stored that way and compared normalised to normalised."""

from sqlalchemy import select

from portal.auth import services as accounts
from portal.auth import throttle_services as throttle
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.people import normalise_email
from portal.roles import Role
from portal.stip import services as stip


def test_normalise_email():
    assert normalise_email("  Fatma.Yilmaz@Example.NL ") == "fatma.yilmaz@example.nl"
    assert throttle.account_key(" A@B.nl") == throttle.account_key("a@b.NL ")


def test_an_address_typed_differently_finds_the_stored_one(app, make_user):
    person = make_user(Role.APPLICANT, email="fatma@example.nl")
    assert accounts.find_by_email(" Fatma@Example.NL").id == person.id
    volunteer = make_user(Role.STIP)
    with app.test_request_context(), unit_of_work():
        stip.mail_code(volunteer, "  Fatma@Example.NL ", utcnow())
    assert db.session.scalar(select(OutboxMessage.recipient)) == "fatma@example.nl"
