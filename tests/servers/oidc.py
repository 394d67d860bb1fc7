"""An OpenID Connect provider (npm `oidc-provider`) standing in for a DigiD broker.

`oidc_provider` (session scope) runs `tests/servers/oidc/server.mjs` with one confidential
client. To change its redirect URIs or token lifetimes for a group of tests, override
`oidc_provider_settings` in their conftest.py; for a provider of its own (e.g. with tokens
that expire in seconds) use `with start_oidc_provider(tmp_path, ttl={...}) as provider:`.

Logging in needs no password: after the client's redirect the browser is on
`<issuer>/interaction/<uid>`, a form to pick a test account (label "Testaccount", button
"Inloggen"); or go straight to `provider.login_url(current_url, "citizen-1")`.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import platform
import re
import shutil
import subprocess
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.servers.process import ServerError, ServerProcess, free_port, start_with_retries

HERE = Path(__file__).parent / "oidc"
STAMP = HERE / "node_modules" / ".installed-lock-sha256"
RUNTIME = HERE / ".runtime"  # a Node.js from the npm registry, only if the system's is too old
MIN_NODE = (20, 19)
FALLBACK_NODE = "22"

# The fixed test accounts in server.mjs (BSNs meant for testing; they pass the eleven test).
ACCOUNTS = {
    "citizen-1": {"bsn": "999993653", "name": "Suzanne Moulin"},
    "citizen-2": {"bsn": "999990019", "name": "Peter Jansen"},
}
# DigiD's assurance levels as brokers pass them on in `acr`; a login is "midden" by default.
ACR = {
    "basis": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    "midden": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "substantieel": "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    "hoog": "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}
DEFAULT_SETTINGS = {
    "client_id": "werkportaal",
    "client_secret": "werkportaal-test-secret-0123456789",
    "redirect_uris": ["http://portal.test/oidc/callback"],
    "post_logout_redirect_uris": ["http://portal.test/"],
    "ttl": {"AccessToken": 300, "IdToken": 300, "Session": 3600, "Interaction": 600, "Grant": 3600},
}
_INTERACTION = re.compile(r"/interaction/([\w-]+)")


@dataclass
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    ttl: dict[str, int]
    log: Path
    accounts: dict[str, dict] = field(default_factory=lambda: dict(ACCOUNTS))

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def _interaction(self, interaction: str) -> str:
        match = _INTERACTION.search(interaction)
        return match.group(1) if match else interaction

    def login_url(
        self, interaction: str, account: str = "citizen-1", acr: str | None = None
    ) -> str:
        """Where to go from the interaction page (its URL or uid) to be logged in as `account`
        (at DigiD level `acr`, a key of ACR or a full value); the browser then goes on to the
        client's redirect URI with a code."""
        query = {"account": account, **({"acr": ACR.get(acr, acr)} if acr else {})}
        uid = self._interaction(interaction)
        return f"{self.issuer}/interaction/{uid}/login?{urlencode(query)}"

    def cancel_url(self, interaction: str) -> str:
        """Cancel the login: the client gets error=access_denied, as after "Annuleren"."""
        return f"{self.issuer}/interaction/{self._interaction(interaction)}/abort"


def _node_version(node: str) -> tuple[int, ...]:
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    return tuple(int(part) for part in out.stdout.strip().lstrip("v").split(".")[:2])


def _run(argv: list[str], what: str, timeout: float = 300) -> None:
    try:
        done = subprocess.run(argv, cwd=HERE, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ServerError(f"{what} took longer than {timeout:.0f} s: {' '.join(argv)}") from exc
    if done.returncode:
        raise ServerError(
            f"{what} failed ({' '.join(argv)}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )


def _npm() -> str:
    npm = shutil.which("npm")
    if not npm:
        raise ServerError(
            "npm is missing: run `bash scripts/ensure-system-packages.sh` "
            "(make test does) to install Debian's nodejs and npm"
        )
    return npm


def node_command() -> str:
    """The system's `node` if it is new enough for oidc-provider 9; else (Debian 12's own
    nodejs is 18) a Node.js installed once from the npm registry into oidc/.runtime."""
    node = shutil.which("node")
    if node and _node_version(node) >= MIN_NODE:
        return node
    arch = {"x86_64": "x64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
    local = RUNTIME / "node_modules" / f"node-linux-{arch}" / "bin" / "node"
    if not local.exists():
        _run(
            [
                _npm(),
                "install",
                "--prefix",
                str(RUNTIME),
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                f"node-linux-{arch}@{FALLBACK_NODE}",
            ],
            f"installing Node.js {FALLBACK_NODE} from the npm registry",
        )
    return str(local)


def ensure_node_modules() -> None:
    """`npm ci` when node_modules is missing or older than package-lock.json (~2 s)."""
    lock = hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()
    with open(HERE / ".npm-ci.lock", "w") as guard:  # one `npm ci` at a time
        fcntl.flock(guard, fcntl.LOCK_EX)
        if STAMP.exists() and STAMP.read_text() == lock:
            return
        _run([_npm(), "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci")
        STAMP.write_text(lock)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=2) as response:
        return json.load(response)


def _start(settings: dict, log: Path) -> tuple[ServerProcess, OidcProvider]:
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    client = {
        key: settings[key]
        for key in ("client_id", "client_secret", "redirect_uris", "post_logout_redirect_uris")
    }
    env = {
        "OIDC_PORT": str(port),
        "OIDC_ISSUER": issuer,
        "OIDC_CLIENT": json.dumps(client),
        "OIDC_TTL": json.dumps(settings["ttl"]),
    }
    server = ServerProcess(
        "oidc-provider", [node_command(), "server.mjs"], log, env=env, cwd=HERE, grace=3
    )
    server.wait_until(
        lambda: _get_json(f"{issuer}/.well-known/openid-configuration")["issuer"] == issuer,
        timeout=30,
        what="discovery document",
    )
    return server, OidcProvider(issuer=issuer, log=log, ttl=settings["ttl"], **client)


@contextmanager
def start_oidc_provider(log_dir: Path | None = None, **settings) -> Iterator[OidcProvider]:
    """A provider of its own, stopped when the block ends; settings as in DEFAULT_SETTINGS
    (`ttl` is merged with the defaults)."""
    ensure_node_modules()
    ttl = {**DEFAULT_SETTINGS["ttl"], **settings.pop("ttl", {})}
    merged = {**DEFAULT_SETTINGS, **settings, "ttl": ttl}
    own_dir = None if log_dir else Path(tempfile.mkdtemp(prefix="oidc-"))
    log = (log_dir or own_dir) / "oidc-provider.log"
    try:
        server, provider = start_with_retries(lambda: _start(merged, log))
        try:
            yield provider
        finally:
            server.stop()
    finally:
        if own_dir:
            shutil.rmtree(own_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def oidc_provider_settings() -> dict:
    """Override in a conftest.py to give the session's provider other redirect URIs or TTLs."""
    return copy.deepcopy(DEFAULT_SETTINGS)


@pytest.fixture(scope="session")
def oidc_provider(oidc_provider_settings, tmp_path_factory) -> Iterator[OidcProvider]:
    with start_oidc_provider(tmp_path_factory.mktemp("oidc"), **oidc_provider_settings) as provider:
        yield provider
