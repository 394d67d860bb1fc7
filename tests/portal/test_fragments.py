"""The layout's header and footer are rendered once and kept (portal.fragments): a kept part
must show exactly what rendering it anew would show, for every user, page and language, and
what differs per request (CSRF token, the address to come back to, the user's name) must be
filled in and escaped."""

import re

from markupsafe import Markup

from portal import fragments, policy
from portal.db import db, unit_of_work, utcnow
from portal.look import NAME
from portal.messages.models import Message
from portal.roles import Role

TOKEN = re.compile(r'name="csrf_token" value="[^"]+"')


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "\x00" not in html  # no slot left unfilled
    return TOKEN.sub('name="csrf_token" value="…"', html)


def _kept(app):
    return app.extensions.get("portal_fragments", {})


def test_a_kept_header_and_footer_show_what_a_fresh_rendering_shows(
    app, client, login_as, login, make_user
):
    user = login_as(Role.APPLICANT, name="Anna de Vries")
    kept = _kept(client.application)
    kept.clear()
    first = _page(client, "/info")
    assert len(kept) == 2  # the header and the footer
    again = _page(client, "/info")
    assert again == first and len(kept) == 2
    kept.clear()
    assert _page(client, "/info") == first
    # Another page: its own header (the menu marks where you are), the same footer.
    _page(client, "/my-data/")
    assert len(kept) == 3
    # Another person with the same role: the same kept parts, their own name.
    other = make_user(Role.APPLICANT, name="Bram Bakker")
    assert client.submit("/logout").status_code == 302
    login(other, target=client)
    count = len(kept)  # with the signed-out pages'
    page = _page(client, "/info")
    assert len(kept) == count
    assert "Bram Bakker" in page and "Anna de Vries" not in page
    assert page.replace("Bram Bakker", "Anna de Vries") == first
    assert user.id != other.id


def test_the_csrf_token_and_the_address_to_come_back_to_are_this_requests(app, client, login_as):
    login_as(Role.APPLICANT)
    html = client.get('/info?x="><b>').get_data(as_text=True)
    token = client.csrf_token()
    assert html.count(f'name="csrf_token" value="{token}"') >= 2  # language menu, sign out
    assert html.count('name="next" value="/info?x=&#34;&gt;&lt;b&gt;"') == 2  # language, session
    html = client.get("/info/finding-work").get_data(as_text=True)
    assert 'name="next" value="/info/finding-work"' in html


def test_a_name_is_escaped_where_the_footer_shows_it(app, client, login_as):
    login_as(Role.APPLICANT, name="<script>alert(1)</script>")
    client.get("/info")
    html = client.get("/info").get_data(as_text=True)  # from the kept footer
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_new_town_name_a_new_message_and_another_language_show_at_once(
    app, client, login_as, make_user
):
    person = login_as(Role.APPLICANT)
    coach = make_user(Role.ECOACH)
    before = _page(client, "/info")
    with unit_of_work():
        policy.change(None, NAME, "Gemeente Proefdorp", utcnow())
    assert "Gemeente Proefdorp" in _page(client, "/info")
    assert "portal-badge" not in before
    with unit_of_work():
        db.session.add(
            Message(
                person_id=person.id,
                author_id=coach.id,
                from_person=False,
                body="Hallo",
                at=utcnow(),
            )
        )
    assert "1 ongelezen" in _page(client, "/info")
    assert client.submit("/language", {"locale": "en", "next": "/info"}).status_code == 302
    english = _page(client, "/info")
    assert "1 unread" in english and 'lang="en"' in english


def test_the_kept_parts_are_bounded(app, monkeypatch):
    monkeypatch.setattr(fragments, "LIMIT", 3)
    with app.test_request_context("/"):
        for n in range(7):
            html = fragments.fragment(
                "part", n, caller=lambda: Markup("<p>%s</p>") % fragments.slot("who"), who="<i>"
            )
            assert html == "<p>&lt;i&gt;</p>"
        assert len(app.extensions["portal_fragments"]) <= 3
