"""The team lead's help points: a location and its volunteers, written by services with a
permission check, an audit record and a taken name at the field (also in a race)."""

import pytest
from sqlalchemy import select

from portal.acting import Location
from portal.audit import AuditEvent
from portal.db import db, unit_of_work
from portal.domain import DomainError
from portal.roles import Role
from portal.stip import admin_services
from portal.stip.models import Volunteer


def test_team_lead_adds_a_location_and_a_volunteer(client, login_as, make_user):
    volunteer = make_user(Role.STIP, name="Stefan Vrijwilliger")
    lead = login_as(Role.TEAM_LEAD)
    response = client.submit("/help-points/", {"name": " De Wijkpost ", "address": "Plein 1"})
    assert response.status_code == 302
    place = db.session.scalar(select(Location))
    assert (place.name, place.address) == ("De Wijkpost", "Plein 1")
    response = client.submit(f"/help-points/{place.id}", {"volunteer": str(volunteer.id)})
    assert response.status_code == 302
    assert db.session.get(Volunteer, volunteer.id).location_id == place.id
    assert "Stefan Vrijwilliger" in client.get(f"/help-points/{place.id}").get_data(as_text=True)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == lead.id))
    assert set(actions) == {"stip.location.add", "stip.volunteer.link"}


def test_a_taken_name_and_a_wrong_volunteer_are_errors_at_the_field(client, login_as):
    login_as(Role.TEAM_LEAD)
    client.submit("/help-points/", {"name": "De Wijkpost"})
    html = client.submit("/help-points/", {"name": "De Wijkpost"}).get_data(as_text=True)
    assert "Er is al een locatie met deze naam." in html
    place = db.session.scalar(select(Location))
    html = client.submit(f"/help-points/{place.id}", {"volunteer": "999999"}).get_data(as_text=True)
    assert "Kies een vrijwilliger." in html


def test_a_name_taken_by_a_request_at_the_same_moment_is_an_error_not_a_500(app, make_user):
    lead = make_user(Role.TEAM_LEAD)
    with app.test_request_context(), unit_of_work(), db.session.no_autoflush:
        # The other request's row is not visible to the check, only to the insert.
        db.session.add(Location(name="De Wijkpost"))
        with pytest.raises(DomainError) as refused:
            admin_services.add_location(lead, "De Wijkpost", "", "")
        db.session.rollback()
    assert refused.value.field == "name"


def test_only_a_team_lead_changes_locations(app, make_user):
    with app.test_request_context(), pytest.raises(PermissionError):
        admin_services.add_location(make_user(Role.STIP), "De Wijkpost", "", "")
