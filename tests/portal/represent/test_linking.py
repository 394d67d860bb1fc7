"""A representative is linked by the person's one-time code or by a consultant registering a
court decision with its document; a representative of one person gets 404 on another."""

import io
import re
from datetime import date, timedelta

from sqlalchemy import select

from portal.audit import AuditEvent
from portal.clock import today
from portal.db import db, utcnow
from portal.files import StoredFile
from portal.mail import OutboxMessage
from portal.mandates import Mandate
from portal.people import User
from portal.roles import Role
from portal.searchperiod.models import Application
from tests.portal.represent.conftest import choose, mandate

CODE = re.compile(r'<p class="portal-code" dir="ltr">([A-Z0-9-]+)</p>')
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_person_authorises_someone_with_a_one_time_code(
    client, make_client, login, person, representative
):
    login(person)
    page = client.submit(
        "/my-representatives/",
        {"name": representative.name, "email": representative.email, "months": "3"},
    )
    assert page.status_code == 200
    code = CODE.search(page.get_data(as_text=True)).group(1)
    pending = db.session.scalar(select(Mandate))
    assert (pending.kind, pending.active_from) == ("machtiging", None)
    assert "Wacht tot de code is gebruikt." in client.get("/my-representatives/").get_data(
        as_text=True
    )

    helper = make_client()
    login(representative, target=helper)
    assert helper.get("/search-period/").status_code == 403  # nobody chosen yet
    wrong = helper.submit("/represent/", {"code": "AAAA-BBBB"})
    assert wrong.status_code == 400 and "Deze code klopt niet" in wrong.get_data(as_text=True)
    used = helper.submit("/represent/", {"code": code.lower()})
    assert used.headers["Location"] == "/represent/person"
    assert "U handelt voor Piet Cliënt" in helper.get("/represent/person").get_data(as_text=True)
    assert helper.get("/search-period/").status_code == 200
    assert helper.submit("/represent/", {"code": code}).status_code == 400  # used once
    db.session.expire_all()
    assert db.session.get(Mandate, pending.id).active_from is not None


def test_a_code_is_only_for_the_account_the_person_named(
    client, make_client, login, person, representative, make_user
):
    login(person)
    page = client.submit(
        "/my-representatives/",
        {"name": "Bea", "email": representative.email, "months": "12"},
    ).get_data(as_text=True)
    code = CODE.search(page).group(1)
    stranger = make_client()
    login(make_user(Role.REPRESENTATIVE), target=stranger)
    assert stranger.submit("/represent/", {"code": code}).status_code == 400


def test_authorising_a_new_address_makes_a_representative_account_with_activation(
    client, login, person
):
    login(person)
    client.submit(
        "/my-representatives/", {"name": "Karin Zus", "email": "zus@example.nl", "months": "3"}
    )
    made = db.session.scalar(select(User).where(User.email == "zus@example.nl"))
    assert made.role is Role.REPRESENTATIVE and not made.is_activated
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == made.email))
    staff_address = client.submit(
        "/my-representatives/",
        {"name": "X", "email": person.email, "months": "3"},
    )
    assert staff_address.status_code == 400
    assert "kan niet gebruikt worden" in staff_address.get_data(as_text=True)


def test_a_consultant_registers_a_court_decision_with_its_document(
    client, make_client, login, make_user, person, representative
):
    consultant = make_user(Role.CONSULTANT)
    login(consultant)
    base = f"/people/{person.id}/representatives/"
    application = db.session.scalar(select(Application).filter_by(applicant_id=person.id))
    consult = client.get(f"/consult/{application.id}").get_data(as_text=True)
    assert f'href="{base}"' in consult  # the consultant's page of the person links to it
    form = {
        "kind": "bewind",
        "name": representative.name,
        "email": representative.email,
        "reference": "C/16/123456 / BW RK 26-1",
        "decided_on": "2026-01-15",
        "ends_on": "",
    }
    missing = client.submit(base, form, content_type="multipart/form-data")
    assert missing.status_code == 400 and "Kies een bestand." in missing.get_data(as_text=True)
    assert db.session.scalar(select(Mandate)) is None
    done = client.submit(
        base,
        {**form, "file": (io.BytesIO(PDF), "beschikking.pdf")},
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    made = db.session.scalar(select(Mandate))
    assert (made.kind, made.reference, made.decided_on) == (
        "bewind",
        "C/16/123456 / BW RK 26-1",
        date(2026, 1, 15),
    )
    assert db.session.get(StoredFile, made.document_file_id).content_type == "application/pdf"
    page = client.get(base).get_data(as_text=True)
    assert "Bea Bewind" in page and "Bewindvoerder (geld)" in page
    document = client.get(f"{base}{made.id}/document")
    document.close()
    assert document.status_code == 200
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "representation.court"))
    helper = make_client()
    login(representative, target=helper)
    listing = helper.get("/represent/").get_data(as_text=True)
    assert "Piet Cliënt" in listing
    choose(helper, made.id)
    assert helper.get("/search-period/").status_code == 200


def test_a_court_decision_outside_the_consultants_scope_is_not_found(
    client, make_client, login, make_user, person
):
    login(make_user(Role.ECOACH))
    assert client.get(f"/people/{person.id}/representatives/").status_code == 403
    desk = make_client()
    login(make_user(Role.CONSULTANT), target=desk)
    staff = make_user(Role.CONSULTANT)
    assert desk.get(f"/people/{staff.id}/representatives/").status_code == 404
    assert desk.get(f"/people/{person.id}/representatives/999999/document").status_code == 404


def test_a_representative_of_one_person_gets_404_on_another(
    client, login, person, other_person, representative, make_user
):
    mine = mandate(person, representative)
    someone_else = make_user(Role.REPRESENTATIVE)
    theirs = mandate(other_person, someone_else)
    login(representative)
    assert client.submit(f"/represent/{theirs}/choose").status_code == 404
    assert client.submit("/represent/999999/choose").status_code == 404
    choose(client, mine)
    assert "Olga Anders" not in client.get("/search-period/").get_data(as_text=True)
    assert client.get("/messages/999999/attachment").status_code == 403  # not for bewind
    ended_yesterday = mandate(other_person, representative, ends_on=today(utcnow()) - timedelta(2))
    assert client.submit(f"/represent/{ended_yesterday}/choose").status_code == 404
