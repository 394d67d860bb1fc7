"""OpenID Connect as the client (Authlib): citizens through the municipality's DigiD broker,
and optionally staff through the municipality's own provider (Entra ID, Keycloak).

Authorization code flow with PKCE (S256), `state` and `nonce` kept by the caller for the
browser's session, the ID token's signature checked against the provider's published keys
(JWKS) and its claims checked: issuer, audience, expiry, nonce, at_hash. Logout ends the
provider's session too (RP-initiated logout with client_id).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from flask import current_app
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

METADATA_TTL = 3600
PREFIX = {"digid": "PORTAL_DIGID_", "staff": "PORTAL_STAFF_OIDC_"}
ALGORITHMS = ["RS256", "PS256", "ES256", "RS384", "RS512", "ES384"]  # never none or HS*


class OidcError(Exception):
    """The login did not complete; `reason` is a code for the security log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Provider:
    name: str  # digid | staff
    issuer: str
    client_id: str
    client_secret: str
    scope: str


def provider(name: str) -> Provider | None:
    """The configured provider of that name, or None when it is not set up."""
    cfg = current_app.config
    prefix = PREFIX.get(name)
    if prefix is None or not cfg[f"{prefix}ISSUER"]:
        return None
    if name == "digid" and cfg["PORTAL_CITIZEN_LOGIN"] == "password":
        return None
    return Provider(
        name=name,
        issuer=str(cfg[f"{prefix}ISSUER"]).rstrip("/"),
        client_id=str(cfg[f"{prefix}CLIENT_ID"]),
        client_secret=str(cfg[f"{prefix}CLIENT_SECRET"]),
        scope=str(cfg[f"{prefix}SCOPE"]),
    )


def _get_json(url: str) -> dict:
    try:
        response = requests.get(url, timeout=current_app.config["PORTAL_OIDC_TIMEOUT_SECONDS"])
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as error:
        raise OidcError("unreachable") from error
    if not isinstance(data, dict):
        raise OidcError("unreachable")
    return data


def metadata(prov: Provider, force: bool = False) -> dict:
    """The provider's discovery document and keys, cached for an hour per app."""
    cache = current_app.extensions.setdefault("oidc_metadata", {})
    found = cache.get(prov.issuer)
    if found and not force and found["at"] > time.monotonic() - METADATA_TTL:
        return found["data"]
    data = _get_json(f"{prov.issuer}/.well-known/openid-configuration")
    if data.get("issuer") != prov.issuer:
        raise OidcError("issuer_mismatch")
    data = {**data, "jwks": _get_json(str(data["jwks_uri"]))}
    cache[prov.issuer] = {"at": time.monotonic(), "data": data}
    return data


def _session(prov: Provider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        prov.client_id,
        prov.client_secret,
        scope=prov.scope,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106 -- a method name
    )


def begin(prov: Provider, redirect_uri: str, acr: str | None = None) -> tuple[str, dict]:
    """The provider's authorization URL, and what the browser's session must keep until the
    callback (state, nonce, PKCE verifier)."""
    meta = metadata(prov)
    pending = {
        "provider": prov.name,
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": secrets.token_urlsafe(48),
    }
    extra: dict[str, str] = {"nonce": pending["nonce"]}
    if acr:
        extra["acr_values"] = acr
    with _session(prov, redirect_uri) as client:
        url, _state = client.create_authorization_url(
            meta["authorization_endpoint"],
            state=pending["state"],
            code_verifier=pending["verifier"],
            **extra,
        )
    return url, pending


def finish(
    prov: Provider, pending: dict, args: dict[str, str], redirect_uri: str, now: datetime
) -> dict:
    """Check the callback, exchange the code, check the ID token: its claims."""
    if "error" in args:
        raise OidcError("cancelled" if args["error"] == "access_denied" else "provider_error")
    if not pending or pending.get("provider") != prov.name:
        raise OidcError("no_login_started")
    if not secrets.compare_digest(str(args.get("state", "")), str(pending["state"])):
        raise OidcError("state")
    meta = metadata(prov)
    if "iss" in args and args["iss"] != prov.issuer:  # RFC 9207
        raise OidcError("issuer_mismatch")
    code = args.get("code", "")
    if not code or len(code) > 2000:
        raise OidcError("no_code")
    try:
        with _session(prov, redirect_uri) as client:
            token = client.fetch_token(
                meta["token_endpoint"],
                grant_type="authorization_code",
                code=code,
                code_verifier=pending["verifier"],
                timeout=current_app.config["PORTAL_OIDC_TIMEOUT_SECONDS"],
            )
    except (AuthlibBaseError, requests.RequestException, ValueError) as error:
        raise OidcError("token_request") from error
    if "id_token" not in token:
        raise OidcError("no_id_token")
    return validate_id_token(
        prov, token["id_token"], pending["nonce"], now, access_token=token.get("access_token")
    )


def _decode(prov: Provider, id_token: str):
    meta = metadata(prov)
    algorithms = [
        a for a in meta.get("id_token_signing_alg_values_supported", []) if a in ALGORITHMS
    ]
    registry = JWSRegistry(algorithms=algorithms or ["RS256"])
    try:
        return jwt.decode(id_token, KeySet.import_key_set(meta["jwks"]), registry=registry)
    except InvalidKeyIdError:  # the provider rolled its keys: fetch them once more
        meta = metadata(prov, force=True)
        return jwt.decode(id_token, KeySet.import_key_set(meta["jwks"]), registry=registry)


def validate_id_token(
    prov: Provider, id_token: str, nonce: str, now: datetime, access_token: str | None = None
) -> dict[str, Any]:
    """The ID token's claims if it is signed by the provider, for this client, not expired,
    and carries our nonce; OidcError otherwise."""
    try:
        decoded = _decode(prov, id_token)
        params = {"nonce": nonce, "client_id": prov.client_id}
        if access_token:
            params["access_token"] = access_token
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {
                "iss": {"essential": True, "value": prov.issuer},
                "aud": {"essential": True, "value": prov.client_id},
                "nonce": {"essential": True},
            },
            params,
        )
        claims.validate(
            now=int(now.timestamp()), leeway=current_app.config["PORTAL_OIDC_LEEWAY_SECONDS"]
        )
    except JoseError as error:
        raise OidcError(f"id_token:{type(error).__name__}") from error
    except (ValueError, KeyError, TypeError) as error:
        raise OidcError("id_token:unreadable") from error
    audience = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if prov.client_id not in audience:
        raise OidcError("id_token:InvalidClaimError")
    return dict(claims)


def logout_url(prov: Provider, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser to end the provider's session too (None: no such endpoint)."""
    try:
        endpoint = metadata(prov).get("end_session_endpoint")
    except OidcError:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "client_id": prov.client_id,
            "post_logout_redirect_uri": post_logout_redirect_uri,
            "state": secrets.token_urlsafe(16),
        }
    )
    return f"{endpoint}?{query}"
