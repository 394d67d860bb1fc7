"""Signing out in Chromium: Clear-Site-Data makes the browser forget the session, and the home
page still says, in the user's language, that they are signed out."""

import base64
import json
import zlib

from playwright.sync_api import expect

from portal.roles import Role
from tests.e2e.conftest import check, choose_language, main_menu, sign_in


def _session(page) -> dict:
    """The Flask session cookie's content (signed, not encrypted)."""
    for cookie in page.context.cookies():
        if cookie["name"] == "session":
            payload = cookie["value"].lstrip(".").split(".")[0]
            raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
            return json.loads(zlib.decompress(raw) if cookie["value"].startswith(".") else raw)
    return {}


def test_signing_out_forgets_the_session_and_says_so(new_page, make_account):
    user = make_account(Role.APPLICANT, name="Samira El Amrani")
    page = new_page("phone")
    sign_in(page, user.email)
    check(page)
    choose_language(page, "English")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Samira")
    check(page)
    assert "_user_id" in _session(page)
    main_menu(page, "Main menu").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    check(page)
    assert "_user_id" not in _session(page)
    page.goto("/applicant")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    check(page)
