"""Citizens sign in with DigiD through the broker: the test OpenID provider (tests/servers/oidc.py)
plays the broker, the portal is the client with Authlib. Login, linking, wrong state, a replayed
code, a token for another client, an expired token, logout at the broker, the level."""

import logging
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from sqlalchemy import select

from portal.auth import digid_services as digid
from portal.auth import oidc_services as oidc
from portal.auth.digid_models import CitizenIdentity
from portal.auth.session_models import LoginSession
from portal.db import db, utcnow
from portal.roles import Role
from tests.conftest import PASSWORD, pass_second_factor
from tests.servers.oidc import ACR
from tests.servers.test_oidc import Browser, log_in

BSN = "999993653"
BASE = "http://portal.test"


@pytest.fixture
def settings(oidc_provider) -> dict:
    return {
        "PORTAL_DIGID_ISSUER": oidc_provider.issuer,
        "PORTAL_DIGID_CLIENT_ID": oidc_provider.client_id,
        "PORTAL_DIGID_CLIENT_SECRET": oidc_provider.client_secret,
        "PORTAL_CITIZEN_LOGIN": "both",
    }


@pytest.fixture
def portal(make_app, settings, app):
    return make_app(**settings)


def digid_login(client, provider, account="citizen-1", acr=None, browser=None, path="/login/digid"):
    """Start at the portal, log in at the broker, come back: (callback response, browser, URL)."""
    start = client.get(path)
    assert start.status_code == 302, start.get_data(as_text=True)[:300]
    browser = browser or Browser()
    url = browser.go(start.headers["Location"], stop_at=provider.redirect_uris[0])
    if "/interaction/" in url:
        url = browser.go(provider.login_url(url, account, acr), stop_at=provider.redirect_uris[0])
    return client.get(url.removeprefix(BASE)), browser, url


def _link(client, user, password=PASSWORD):
    page = client.get("/login/digid/link").get_data(as_text=True)
    assert "DigiD koppelen aan uw account" in page
    return client.submit("/login/digid/link", {"email": user.email, "password": password})


def test_first_login_links_after_the_password_then_digid_is_enough(
    portal, oidc_provider, make_user, caplog
):
    user = make_user(Role.APPLICANT, name="Suzanne Moulin")
    client = portal.test_client()
    with caplog.at_level(logging.INFO):
        response, _browser, _url = digid_login(client, oidc_provider)
        assert response.headers["Location"] == "/login/digid/link"
        assert client.get("/account/").status_code == 302  # not signed in yet
        wrong = _link(client, user, "not the password")
        assert "klopt niet" in wrong.get_data(as_text=True)
        assert _link(client, user).headers["Location"] == "/start"
    identity = db.session.scalar(select(CitizenIdentity))
    assert identity.user_id == user.id and identity.last_acr == ACR["midden"]
    assert BSN not in identity.bsn_hash and BSN not in identity.bsn_encrypted
    account = client.get("/account/").get_data(as_text=True)
    assert "••••••653" in account and BSN not in account
    assert BSN not in caplog.text
    row = db.session.scalar(select(LoginSession).where(LoginSession.ended_at.is_(None)))
    assert (row.method, row.acr) == ("digid", ACR["midden"])

    again = portal.test_client()
    response, _browser, _url = digid_login(again, oidc_provider)
    assert response.headers["Location"] == "/start"
    assert again.get("/account/").status_code == 200


def test_a_linked_person_goes_straight_in_and_lands_on_next(portal, oidc_provider, make_user):
    user = make_user(Role.APPLICANT)
    with portal.app_context():
        digid.link(user, BSN, ACR["midden"], utcnow())
        db.session.commit()
    client = portal.test_client()
    response, _b, _u = digid_login(client, oidc_provider, path="/login/digid?next=/werkmap/")
    assert response.headers["Location"] == "/werkmap/"


def test_a_wrong_state_is_refused(portal, oidc_provider, make_user, caplog):
    client = portal.test_client()
    start = client.get("/login/digid")
    browser = Browser()
    url = browser.go(start.headers["Location"], stop_at=oidc_provider.redirect_uris[0])
    url = browser.go(
        oidc_provider.login_url(url, "citizen-1"), stop_at=oidc_provider.redirect_uris[0]
    )
    query = parse_qs(urlsplit(url).query)
    forged = urlencode({"code": query["code"][0], "state": "forged", "iss": query["iss"][0]})
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = client.get(f"/oidc/callback?{forged}")
    assert response.headers["Location"] == "/login"
    assert '"detail": "digid:state"' in caplog.text
    assert client.get("/login/digid/link").headers["Location"] == "/login"


def test_a_replayed_code_is_refused(portal, oidc_provider, make_user, caplog):
    user = make_user(Role.APPLICANT)
    with portal.app_context():
        digid.link(user, BSN, ACR["midden"], utcnow())
        db.session.commit()
    first = portal.test_client()
    response, _browser, url = digid_login(first, oidc_provider)
    assert response.headers["Location"] == "/start"
    # The same callback again, in the same browser: no login is under way any more.
    assert first.get(url.removeprefix(BASE)).headers["Location"] == "/login"
    # The code with a fresh state of another browser: the broker refuses the used code.
    thief = portal.test_client()
    state = parse_qs(urlsplit(thief.get("/login/digid").headers["Location"]).query)["state"][0]
    code = parse_qs(urlsplit(url).query)["code"][0]
    with caplog.at_level(logging.INFO, logger="portal.security"):
        stolen = thief.get(f"/oidc/callback?{urlencode({'code': code, 'state': state})}")
    assert stolen.headers["Location"] == "/login"
    assert '"detail": "digid:token_request"' in caplog.text
    assert thief.get("/account/").status_code == 302


def _provider(oidc_provider, client_id=None) -> oidc.Provider:
    return oidc.Provider(
        name="digid",
        issuer=oidc_provider.issuer,
        client_id=client_id or oidc_provider.client_id,
        client_secret=oidc_provider.client_secret,
        scope="openid bsn",
    )


def test_a_token_for_another_client_or_nonce_is_refused(portal, oidc_provider):
    tokens, _claims = log_in(oidc_provider, Browser(), "citizen-1")  # a real, signed token
    with portal.app_context():
        ok = oidc.validate_id_token(
            _provider(oidc_provider), tokens["id_token"], "nonce-456", utcnow()
        )
        assert ok["bsn"] == BSN
        with pytest.raises(oidc.OidcError, match="id_token"):
            oidc.validate_id_token(
                _provider(oidc_provider, "another-portal"),
                tokens["id_token"],
                "nonce-456",
                utcnow(),
            )
        with pytest.raises(oidc.OidcError, match="id_token"):
            oidc.validate_id_token(_provider(oidc_provider), tokens["id_token"], "other", utcnow())
        tampered = tokens["id_token"][:-4] + (
            "AAAA" if not tokens["id_token"].endswith("AAAA") else "BBBB"
        )
        with pytest.raises(oidc.OidcError, match="id_token"):
            oidc.validate_id_token(_provider(oidc_provider), tampered, "nonce-456", utcnow())


def test_an_expired_token_is_refused(portal, oidc_provider):
    tokens, claims = log_in(oidc_provider, Browser(), "citizen-1")
    leeway = portal.config["PORTAL_OIDC_LEEWAY_SECONDS"]
    expired = datetime.fromtimestamp(claims["exp"], UTC) + timedelta(seconds=leeway + 1)
    with portal.app_context(), pytest.raises(oidc.OidcError, match="id_token"):
        oidc.validate_id_token(_provider(oidc_provider), tokens["id_token"], "nonce-456", expired)


def test_logout_ends_the_session_here_and_at_the_broker(portal, oidc_provider, make_user):
    user = make_user(Role.APPLICANT)
    with portal.app_context():
        digid.link(user, BSN, ACR["midden"], utcnow())
        db.session.commit()
    client = portal.test_client()
    _response, browser, _url = digid_login(client, oidc_provider)
    saved = client.get_cookie("session").value
    bye = client.submit("/logout")
    location = bye.headers["Location"]
    assert location.startswith(f"{oidc_provider.issuer}/session/end")
    query = parse_qs(urlsplit(location).query)
    assert query["client_id"] == [oidc_provider.client_id]
    assert query["post_logout_redirect_uri"] == [f"{BASE}/"]  # as registered at the broker
    client.set_cookie("session", saved)
    assert client.get("/account/").status_code == 302  # ended here
    page = browser.go(location)
    assert "Ja, uitloggen" in browser.page
    done = browser.go(
        _confirm_url(page, browser.page),
        form={**_fields(browser.page), "logout": "yes"},
        stop_at=f"{BASE}/",
    )
    assert done.startswith(f"{BASE}/?state=")
    # Ended at the broker too: the next DigiD login asks for the account again.
    start = portal.test_client().get("/login/digid").headers["Location"]
    assert "/interaction/" in browser.go(start, stop_at=oidc_provider.redirect_uris[0])


def _confirm_url(page_url: str, html: str) -> str:
    return urljoin(page_url, re.search(r'<form[^>]*action="([^"]+)"', html).group(1))


def _fields(html: str) -> dict:
    return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))


def test_a_level_below_the_minimum_is_refused(portal, oidc_provider, make_user):
    user = make_user(Role.APPLICANT)
    with portal.app_context():
        digid.link(user, BSN, ACR["midden"], utcnow())
        db.session.commit()
    client = portal.test_client()
    response, _b, _u = digid_login(client, oidc_provider, acr="basis")
    assert response.headers["Location"] == "/login"
    assert client.get("/account/").status_code == 302


def test_digid_only_refuses_applicant_passwords_not_staff(make_app, settings, make_user, login):
    portal = make_app(**{**settings, "PORTAL_CITIZEN_LOGIN": "digid"})
    client = portal.test_client()
    applicant = make_user(Role.APPLICANT)
    html = client.submit("/login", {"email": applicant.email, "password": PASSWORD})
    assert "Log in met DigiD." in html.get_data(as_text=True)
    assert client.get("/account/").status_code == 302
    staff = make_user(Role.CONSULTANT)
    assert login(staff, target=client).headers["Location"] == "/start"
    page = portal.test_client().get("/login").get_data(as_text=True)
    assert "Inloggen met DigiD" in page


def test_only_an_applicant_account_can_be_linked(portal, oidc_provider, make_user):
    staff = make_user(Role.ECOACH)
    client = portal.test_client()
    digid_login(client, oidc_provider, account="citizen-2")
    html = _link(client, staff).get_data(as_text=True)
    assert "Alleen het account van een aanvrager" in html
    assert db.session.scalar(select(CitizenIdentity)) is None


def test_the_bsn_must_pass_the_eleven_test(portal):
    with portal.app_context():
        assert digid.bsn_from({"bsn": "999993653"}) == "999993653"
        assert digid.bsn_from({"bsn": "999993654"}) is None
        assert digid.bsn_from({"bsn": "12345678x"}) is None
        assert digid.bsn_from({}) is None


def test_staff_can_sign_in_at_their_own_provider(make_app, oidc_provider, make_user):
    """Staff OIDC with the same client code; the test provider has no email claim, so the
    account is found by `sub` here (PORTAL_STAFF_OIDC_EMAIL_CLAIM)."""
    staff = make_user(Role.CONSULTANT, email="citizen-2")
    portal = make_app(
        PORTAL_STAFF_OIDC_ISSUER=oidc_provider.issuer,
        PORTAL_STAFF_OIDC_CLIENT_ID=oidc_provider.client_id,
        PORTAL_STAFF_OIDC_CLIENT_SECRET=oidc_provider.client_secret,
        PORTAL_STAFF_OIDC_SCOPE="openid",
        PORTAL_STAFF_OIDC_EMAIL_CLAIM="sub",
    )
    client = portal.test_client()
    assert "Medewerkers: inloggen met uw werkaccount" in client.get("/login").get_data(as_text=True)
    response, _b, _u = digid_login(client, oidc_provider, account="citizen-2", path="/login/staff")
    assert response.headers["Location"] == "/second-factor"  # the provider's MFA not trusted
    assert pass_second_factor(client, staff, "/second-factor").headers["Location"] == "/start"
    stranger = portal.test_client()
    refused, _b, _u = digid_login(stranger, oidc_provider, account="citizen-1", path="/login/staff")
    assert refused.headers["Location"] == "/login"


def test_a_page_can_require_a_higher_level(make_app, settings, oidc_provider, make_user, login):
    portal = make_app(**settings, PORTAL_DIGID_LEVEL_TAKE_ALONG="substantieel")
    user = make_user(Role.APPLICANT)
    with portal.app_context():
        digid.link(user, BSN, ACR["midden"], utcnow())
        db.session.commit()
    client = portal.test_client()
    browser = Browser()
    digid_login(client, oidc_provider, browser=browser)
    asked = client.get("/werkmap/take-along/werkmap.json")
    assert asked.headers["Location"].startswith("/login/digid?level=substantieel")
    assert "next=/werkmap/take-along/werkmap.json" in asked.headers["Location"]
    response, _b, _u = digid_login(
        client, oidc_provider, acr="substantieel", browser=Browser(), path=asked.headers["Location"]
    )
    assert response.headers["Location"] == "/werkmap/take-along/werkmap.json"
    assert client.get("/werkmap/take-along/werkmap.json").status_code == 200
    ended = db.session.scalars(select(LoginSession.end_reason).order_by(LoginSession.id)).all()
    assert ended == ["replaced", None]  # the lower session ended when the higher began
    by_password = portal.test_client()
    login(user, target=by_password)
    assert by_password.get("/werkmap/take-along/werkmap.json").status_code == 302


def test_a_level_requirement_needs_digid(make_app):
    with pytest.raises(RuntimeError, match="needs DigiD"):
        make_app(PORTAL_DIGID_LEVEL_TAKE_ALONG="hoog")
    with pytest.raises(RuntimeError, match="PORTAL_DIGID_MIN_LEVEL"):
        make_app(PORTAL_DIGID_MIN_LEVEL="high")
