"""The 360° part: a one-time link, without an account, that opens the ratings form only; it
works once, expires, can be withdrawn, is stored hashed, and is counted per client address.
The rater sees the competence list and the person's first name; their ratings are shown
beside the person's own, never merged."""

import re
from datetime import timedelta

from sqlalchemy import select, update

from portal.db import db, unit_of_work, utcnow
from portal.labour import invite_services
from portal.labour.models import CompetenceRating, RaterInvitation, Scan
from portal.roles import Role
from tests.portal.labour.helpers import rate, seed_lists

LINK = re.compile(r'value="https?://[^/"]+(/rate/[^"]+)"')


def _invite(client, relation="coach", name="Piet"):
    html = client.submit(
        "/scan/invite", {"relation": relation, "name": name, "form_key": _key(client)}
    ).get_data(as_text=True)
    return LINK.search(html).group(1)


def _key(client):
    page = client.get("/scan/invite").get_data(as_text=True)
    return re.search(r'name="form_key" type="hidden" value="([^"]+)"', page).group(1)


def test_a_rater_fills_in_once_and_the_answers_stand_beside_the_own(client, login_as, make_client):
    login_as(Role.APPLICANT, name="Samira El Amrani")
    ids = seed_lists()
    rate(client, ids, {"zorgzaam": 1, "op_tijd": 3})
    path = _invite(client)
    assert path.startswith("/rate/?token=")  # in the query string: not in the access log
    token = path.split("=", 1)[1]
    stored = db.session.scalar(select(RaterInvitation))
    assert stored.token_hash == invite_services.digest(token) and token not in stored.token_hash
    assert stored.expires_at - stored.created_at == timedelta(days=14)
    rater = make_client()  # no account, not signed in
    form = rater.get(path).get_data(as_text=True)
    assert "Wat kan Samira?" in form and "El Amrani" not in form
    assert "Zorgen voor anderen" in form
    answers = {f"c{ids['zorgzaam']}": "3", f"c{ids['op_tijd']}": "2"}
    done = rater.post(path, data={**answers, "csrf_token": _csrf(form)})
    assert done.status_code == 200 and "Dank u wel" in done.get_data(as_text=True)
    again = rater.get(path)
    assert again.status_code == 404 and "Deze link werkt niet" in again.get_data(as_text=True)
    assert rater.post(path, data={**answers, "csrf_token": _csrf(form)}).status_code == 404
    html = client.get("/scan/result").get_data(as_text=True)
    table = html[html.index("Uw eigen antwoord en daarnaast") :]
    row = table[table.index("Zorgen voor anderen") :]
    # Own "I am learning this", Piet "very well": side by side, nothing averaged.
    assert row.index("Dit ben ik aan het leren") < row.index("Dit kan ik heel goed")
    assert "Piet (Mijn coach)" in table
    scan = db.session.scalar(select(Scan))
    assert scan.own_levels() == {ids["zorgzaam"]: 1, ids["op_tijd"]: 3}  # own ratings untouched
    assert len(db.session.scalars(select(CompetenceRating)).all()) == 4


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_the_link_expires_can_be_withdrawn_and_opens_nothing_else(client, login_as, make_client):
    login_as(Role.APPLICANT)
    seed_lists()
    path = _invite(client)
    with unit_of_work():
        db.session.execute(
            update(RaterInvitation).values(expires_at=utcnow() - timedelta(seconds=1))
        )
    rater = make_client()
    assert rater.get(path).status_code == 404
    second = _invite(client, "employer", "Mevrouw De Vries")
    assert rater.get(second).status_code == 200
    invitation = db.session.scalar(
        select(RaterInvitation).where(RaterInvitation.relation == "employer")
    )
    assert client.submit(f"/scan/invitations/{invitation.id}/withdraw").status_code == 302
    assert rater.get(second).status_code == 404
    # The token is no key to anything else: not the scan, the result or the log.
    for page in ("/scan/", "/scan/result", "/werkmap/"):
        assert rater.get(page).status_code == 302  # to the login page
    assert rater.get("/rate/?token=" + "x" * 200).status_code == 404
    assert rater.get("/rate/").status_code == 404


def test_bad_input_on_the_ratings_form_keeps_the_link_working(client, login_as, make_client):
    login_as(Role.APPLICANT)
    ids = seed_lists()
    path = _invite(client)
    rater = make_client()
    form = rater.get(path).get_data(as_text=True)
    nothing = rater.post(path, data={"csrf_token": _csrf(form)})
    assert nothing.status_code == 200 and "Vul ten minste één ding in." in nothing.get_data(
        as_text=True
    )
    wrong = rater.post(path, data={f"c{ids['vca']}": "9", "csrf_token": _csrf(form)})
    assert wrong.status_code == 200 and "Er is een probleem" in wrong.get_data(as_text=True)
    assert rater.post(path, data={f"c{ids['vca']}": "2"}).status_code == 400  # no CSRF token
    assert db.session.scalar(select(RaterInvitation)).submitted_at is None
    assert (
        rater.post(path, data={f"c{ids['vca']}": "2", "csrf_token": _csrf(form)}).status_code == 200
    )


def test_inviting_needs_a_relation_and_a_name_and_is_the_persons_own(client, login_as):
    login_as(Role.APPLICANT)
    seed_lists()
    key = _key(client)
    html = client.submit(
        "/scan/invite", {"relation": "boss", "name": "", "form_key": key}
    ).get_data(as_text=True)
    assert "Vul een naam in, zodat u weet wie u hebt gevraagd." in html
    html = client.submit(
        "/scan/invite", {"relation": "boss", "name": "Piet", "form_key": key}
    ).get_data(as_text=True)
    assert "Kies wie u wilt vragen." in html
    assert db.session.scalar(select(RaterInvitation)) is None


def test_the_ratings_link_is_rate_limited_per_client(make_app, make_client):
    app = make_app(PORTAL_SCAN_RATE_LIMIT=3)
    visitor = app.test_client()
    statuses = [visitor.get("/rate/?token=not-a-token").status_code for _ in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
