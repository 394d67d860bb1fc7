"""A STIP volunteer in a session may fill in the scan with the person, see its result and add
a vacancy to the log; inviting raters and showing the profile to job hunters stay the
person's own decisions. Without a session, nothing."""

from sqlalchemy import select

from portal.acting import AssistedAction
from portal.db import db
from portal.labour.models import RaterInvitation, Scan, Vacancy
from portal.werkmap.models import LogEntry
from tests.portal.labour.helpers import WISHES, rate, seed_lists
from tests.portal.stip.conftest import helping, person, volunteer  # noqa: F401 -- fixtures


def test_a_volunteer_fills_in_the_scan_with_the_person(helping, person, make_client, login):  # noqa: F811
    ids = seed_lists()
    assert rate(helping, ids, {"zorgzaam": 2}).status_code == 302
    assert helping.submit("/scan/step/wishes", WISHES).status_code == 302
    assert "Helpende in de thuiszorg" in helping.get("/scan/result").get_data(as_text=True)
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.reference == "demo-001"))
    assert helping.submit(f"/scan/vacancies/{vacancy.id}/log").status_code == 302
    scan = db.session.scalar(select(Scan))
    assert scan.owner_id == person.id and scan.own_levels() == {ids["zorgzaam"]: 2}
    entry = db.session.scalar(select(LogEntry))
    assert entry.owner_id == person.id and entry.assisted_session_id is not None
    kinds = db.session.scalars(select(AssistedAction.kind).order_by(AssistedAction.id)).all()
    assert kinds == ["scan", "scan", "werkmap"]
    # The person's own decisions: not for the volunteer.
    assert helping.get("/scan/invite").status_code == 403
    assert helping.submit("/scan/visibility", {"visible": "1"}).status_code == 403
    assert db.session.scalar(select(RaterInvitation)) is None and scan.visible is False
    own = make_client()
    login(person, target=own)
    assert "Vulde uw scan in" in own.get("/my-help/").get_data(as_text=True)


def test_without_a_session_a_volunteer_sees_no_scan(client, login, volunteer):  # noqa: F811
    login(volunteer)
    for path in ("/scan/", "/scan/competences", "/scan/result", "/scan/step/wishes"):
        assert client.get(path).status_code == 403
