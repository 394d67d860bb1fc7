"""Chromium logs in at the test OpenID provider (tests/servers/oidc.py), as the portal's DigiD
login tests will: the provider's pages pass axe too, so those tests can check every page."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import check
from tests.servers.oidc import ACR, start_oidc_provider
from tests.servers.test_oidc import (
    authorization_url,
    callback_params,
    discovery,
    pkce_pair,
    token_request,
    verified_claims,
)


class _Callback(BaseHTTPRequestHandler):
    def do_GET(self):  # stands in for the portal's callback page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(
            b'<!DOCTYPE html><html lang="nl"><title>Portaal</title>'
            b"<main><h1>Portaal</h1></main></html>"
        )

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """A provider whose client comes back to a real page on 127.0.0.1, as the portal will."""
    portal = ThreadingHTTPServer(("127.0.0.1", 0), _Callback)
    thread = threading.Thread(target=portal.serve_forever, daemon=True)
    thread.start()
    root = f"http://127.0.0.1:{portal.server_port}"
    try:
        with start_oidc_provider(
            tmp_path_factory.mktemp("oidc-browser"),
            redirect_uris=[f"{root}/oidc/callback"],
            post_logout_redirect_uris=[f"{root}/"],
        ) as op:
            yield op
    finally:
        portal.shutdown()
        thread.join()
        portal.server_close()


def test_the_login_form_picks_account_and_level_and_returns_a_code(provider, new_page):
    page = new_page()
    verifier, challenge = pkce_pair()
    page.goto(authorization_url(provider, challenge))
    assert "/interaction/" in page.url
    check(page)
    page.get_by_label("Testaccount").select_option("citizen-2")
    page.get_by_label("Betrouwbaarheidsniveau").select_option(label="substantieel")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{provider.redirect_uris[0]}?**")
    check(page)

    status, tokens = token_request(provider, callback_params(provider, page.url)["code"], verifier)
    assert status == 200, tokens
    claims = verified_claims(provider, tokens["id_token"])
    assert (claims["bsn"], claims["acr"]) == ("999990019", ACR["substantieel"])


def test_going_straight_to_the_login_url(provider, new_page):
    page = new_page("phone")
    page.goto(authorization_url(provider, pkce_pair()[1]))
    check(page)
    page.goto(provider.login_url(page.url, "citizen-1"))
    assert page.url.startswith(f"{provider.redirect_uris[0]}?code=")
    check(page)


def test_logout_at_the_provider(provider, new_page):
    page = new_page()
    verifier, challenge = pkce_pair()
    page.goto(authorization_url(provider, challenge))
    check(page)
    page.goto(provider.login_url(page.url, "citizen-1"))
    check(page)
    _, tokens = token_request(provider, callback_params(provider, page.url)["code"], verifier)

    query = urlencode(
        {
            "id_token_hint": tokens["id_token"],
            "state": "bye",
            "post_logout_redirect_uri": provider.post_logout_redirect_uris[0],
        }
    )
    page.goto(f"{discovery(provider)['end_session_endpoint']}?{query}")
    check(page)
    page.get_by_role("button", name="Ja, uitloggen").click()
    page.wait_for_url(f"{provider.post_logout_redirect_uris[0]}?state=bye")
    check(page)
