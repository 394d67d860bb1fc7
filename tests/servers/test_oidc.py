"""The test OpenID provider works: discovery, code flow with PKCE, the login form, logout."""

from __future__ import annotations

import base64
import hashlib
import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.servers.oidc import ACCOUNTS, ACR, OidcProvider, start_oidc_provider


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser for a login: a cookie jar, redirects followed by hand."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, url: str, form: dict | None = None, headers: dict | None = None):
        data = urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:  # 3xx and 4xx arrive here
            with error:
                return error.code, error.headers, error.read().decode()

    def go(self, url: str, form: dict | None = None, stop_at: str = "") -> str:
        """Request `url`, follow redirects; return the first URL starting with `stop_at`
        (not requested: it is the client's), or the URL of the page where redirects end."""
        while True:
            status, headers, body = self.request(url, form)
            form = None
            if status not in (302, 303):
                assert status == 200, f"{status} at {url}: {body[:500]}"
                self.page = body
                return url
            url = urljoin(url, headers["Location"])
            if stop_at and url.startswith(stop_at):
                return url


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def discovery(provider: OidcProvider) -> dict:
    with urllib.request.urlopen(provider.discovery_url, timeout=5) as response:
        return json.load(response)


def authorization_url(provider: OidcProvider, challenge: str, **extra) -> str:
    query = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": provider.redirect_uris[0],
        "scope": "openid bsn",
        "state": "state-123",
        "nonce": "nonce-456",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }
    return f"{discovery(provider)['authorization_endpoint']}?{urlencode(query)}"


def authorize(provider: OidcProvider, browser: Browser, challenge: str, **extra) -> str:
    """Start a login as the portal would; return the URL the browser ends up on."""
    return browser.go(
        authorization_url(provider, challenge, **extra), stop_at=provider.redirect_uris[0]
    )


def callback_params(provider: OidcProvider, url: str) -> dict:
    assert url.startswith(provider.redirect_uris[0]), url
    params = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert params["state"] == "state-123"
    assert params["iss"] == provider.issuer
    return params


def token_request(provider: OidcProvider, code: str, verifier: str) -> tuple[int, dict]:
    basic = base64.b64encode(f"{provider.client_id}:{provider.client_secret}".encode()).decode()
    status, _, body = Browser().request(
        discovery(provider)["token_endpoint"],
        {
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": provider.redirect_uris[0],
        },
        {"Authorization": f"Basic {basic}"},
    )
    return status, json.loads(body)


def verified_claims(provider: OidcProvider, id_token: str) -> dict:
    with urllib.request.urlopen(discovery(provider)["jwks_uri"], timeout=5) as response:
        keys = KeySet.import_key_set(json.load(response))
    token = jwt.decode(id_token, keys, algorithms=["RS256"])  # checks the signature
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": provider.client_id},
        nonce={"essential": True, "value": "nonce-456"},
        exp={"essential": True},
    ).validate(token.claims)
    return token.claims


def log_in(provider: OidcProvider, browser: Browser, account: str, acr: str | None = None):
    """Authorization request, programmatic login, token request: (tokens, ID token claims)."""
    verifier, challenge = pkce_pair()
    interaction = authorize(provider, browser, challenge)
    assert "/interaction/" in interaction and "Inloggen" in browser.page
    code = callback_params(
        provider,
        browser.go(
            provider.login_url(interaction, account, acr), stop_at=provider.redirect_uris[0]
        ),
    )["code"]
    status, tokens = token_request(provider, code, verifier)
    assert status == 200, tokens
    return tokens, verified_claims(provider, tokens["id_token"])


def test_discovery_document(oidc_provider):
    document = discovery(oidc_provider)
    assert document["issuer"] == oidc_provider.issuer
    assert "S256" in document["code_challenge_methods_supported"]
    assert {"bsn", "acr"} <= set(document["claims_supported"])
    assert document["end_session_endpoint"].startswith(oidc_provider.issuer)
    assert set(ACR.values()) == set(document["acr_values_supported"])


def test_code_flow_with_pkce_gives_a_signed_id_token_with_the_bsn(oidc_provider):
    tokens, claims = log_in(oidc_provider, Browser(), "citizen-1")
    assert claims["sub"] == "citizen-1"
    assert claims["bsn"] == ACCOUNTS["citizen-1"]["bsn"] == "999993653"
    assert claims["acr"] == ACR["midden"]
    request = urllib.request.Request(
        discovery(oidc_provider)["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.load(response)["bsn"] == "999993653"


def test_the_code_verifier_is_checked(oidc_provider):
    browser = Browser()
    _, challenge = pkce_pair()
    interaction = authorize(oidc_provider, browser, challenge)
    url = browser.go(
        oidc_provider.login_url(interaction, "citizen-1"), stop_at=oidc_provider.redirect_uris[0]
    )
    status, body = token_request(
        oidc_provider, callback_params(oidc_provider, url)["code"], pkce_pair()[0]
    )
    assert (status, body["error"]) == (400, "invalid_grant")


def test_the_login_form_picks_the_account_and_level(oidc_provider):
    browser = Browser()
    verifier, challenge = pkce_pair()
    interaction = authorize(oidc_provider, browser, challenge)
    assert '<label for="account">Testaccount</label>' in browser.page
    action = re.search(r'<form method="post" action="([^"]+)"', browser.page).group(1)
    url = browser.go(
        urljoin(interaction, action),
        form={"account": "citizen-2", "acr": ACR["substantieel"]},
        stop_at=oidc_provider.redirect_uris[0],
    )
    _status, tokens = token_request(
        oidc_provider, callback_params(oidc_provider, url)["code"], verifier
    )
    claims = verified_claims(oidc_provider, tokens["id_token"])
    assert (claims["sub"], claims["bsn"], claims["acr"]) == (
        "citizen-2",
        "999990019",
        ACR["substantieel"],
    )


def test_cancelling_the_login_returns_access_denied(oidc_provider):
    browser = Browser()
    interaction = authorize(oidc_provider, browser, pkce_pair()[1])
    url = browser.go(oidc_provider.cancel_url(interaction), stop_at=oidc_provider.redirect_uris[0])
    assert callback_params(oidc_provider, url)["error"] == "access_denied"


def test_rp_initiated_logout_ends_the_session(oidc_provider):
    browser = Browser()
    tokens, _ = log_in(oidc_provider, browser, "citizen-1")
    # Still logged in at the provider: a new authorization request returns a code at once.
    assert "code=" in authorize(oidc_provider, browser, pkce_pair()[1])

    query = urlencode(
        {
            "id_token_hint": tokens["id_token"],
            "state": "bye",
            "post_logout_redirect_uri": oidc_provider.post_logout_redirect_uris[0],
        }
    )
    page = browser.go(f"{discovery(oidc_provider)['end_session_endpoint']}?{query}")
    assert "Ja, uitloggen" in browser.page
    action = re.search(r'<form[^>]*action="([^"]+)"', browser.page).group(1)
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', browser.page))
    done = browser.go(
        urljoin(page, action),
        form={**fields, "logout": "yes"},
        stop_at=oidc_provider.post_logout_redirect_uris[0],
    )
    assert parse_qs(urlsplit(done).query)["state"] == ["bye"]
    # Logged out: the next authorization request asks for a login again.
    assert "/interaction/" in authorize(oidc_provider, browser, pkce_pair()[1])


@pytest.mark.parametrize("lifetime", [7])
def test_token_lifetimes_are_configurable(tmp_path, lifetime):
    with start_oidc_provider(tmp_path, ttl={"IdToken": lifetime, "AccessToken": lifetime}) as op:
        tokens, claims = log_in(op, Browser(), "citizen-2")
    assert claims["exp"] - claims["iat"] == lifetime
    assert tokens["expires_in"] == lifetime
