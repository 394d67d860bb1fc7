"""A real browser logs in at the test OpenID provider (runs in the browser test pass)."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.servers.oidc import ACR, start_oidc_provider
from tests.servers.test_oidc import (authorization_url, callback_params, pkce_pair,
                                     token_request, verified_claims)

pytestmark = pytest.mark.e2e


class _Callback(BaseHTTPRequestHandler):
    def do_GET(self):  # stands in for the portal's callback page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!DOCTYPE html><title>Portaal</title>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """A provider whose client comes back to a real page on 127.0.0.1, as the portal will."""
    portal = ThreadingHTTPServer(("127.0.0.1", 0), _Callback)
    thread = threading.Thread(target=portal.serve_forever, daemon=True)
    thread.start()
    callback = f"http://127.0.0.1:{portal.server_port}/oidc/callback"
    try:
        with start_oidc_provider(tmp_path_factory.mktemp("oidc-browser"),
                                 redirect_uris=[callback]) as op:
            yield op
    finally:
        portal.shutdown()
        thread.join()
        portal.server_close()


@pytest.fixture
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(10000)
            yield page
        finally:
            browser.close()


def test_chromium_logs_in_with_the_form_and_comes_back_with_a_code(provider, page):
    verifier, challenge = pkce_pair()
    page.goto(authorization_url(provider, challenge))
    assert "/interaction/" in page.url
    page.get_by_label("Testaccount").select_option("citizen-2")
    page.get_by_label("Betrouwbaarheidsniveau").select_option(label="substantieel")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{provider.redirect_uris[0]}?**")

    status, tokens = token_request(provider, callback_params(provider, page.url)["code"],
                                   verifier)
    assert status == 200, tokens
    claims = verified_claims(provider, tokens["id_token"])
    assert (claims["bsn"], claims["acr"]) == ("999990019", ACR["substantieel"])


def test_chromium_can_go_straight_to_the_login_url(provider, page):
    page.goto(authorization_url(provider, pkce_pair()[1]))
    page.goto(provider.login_url(page.url, "citizen-1"))
    assert page.url.startswith(f"{provider.redirect_uris[0]}?code=")
