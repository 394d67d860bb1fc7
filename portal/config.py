"""Configuration: safe development defaults, overridden by environment variables.

Every setting can be set as an environment variable with the same name; the ones that
deployments always set are named as the issue asks (DATABASE_URL, SECRET_KEY, SMTP_*,
PORTAL_BASE_URL); the rest carry the PORTAL_ prefix.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import questionnaires
from portal import scan
from portal.theme import check_theme

MAIN_QUESTIONNAIRE = ("entreevragenlijst", 2)  # the active version; older ones stay loadable

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE = PROJECT_ROOT / "instance"
# Published in this repository's history as the old development default: refused everywhere.
DEFAULT_SECRET_KEY = "development-only-secret-key-change-me"  # noqa: S105 -- refused, never used

DEFAULTS: dict[str, object] = {
    "PORTAL_ENV": "development",  # development | production
    # Required in production; in development, unset, a random key kept in instance/secret_key.
    "SECRET_KEY": "",
    # Earlier keys, separated by spaces, still accepted for sessions and unsent mail after a
    # rotation (remove them after PASSWORD_RESET_TTL_SECONDS and a day of sessions).
    "SECRET_KEY_FALLBACKS": "",
    "DATABASE_URL": f"sqlite:///{PROJECT_ROOT / 'instance' / 'portal.db'}",
    "PORTAL_BASE_URL": "http://127.0.0.1:5000",
    "PORTAL_MUNICIPALITY_NAME": "Gemeente Voorbeeld",
    "PORTAL_NAME": "Werk en Inkomen",
    # The address and phone number in letters and on the next-steps sheet (a functional
    # administrator can change them, and the name, on the screen Look).
    "PORTAL_MUNICIPALITY_ADDRESS": "",
    "PORTAL_MUNICIPALITY_PHONE": "",
    # Theme: colours must reach 4.5:1 contrast with white text (checked at start-up).
    "PORTAL_THEME_PRIMARY": "#1a4f7a",
    "PORTAL_THEME_PRIMARY_DARK": "#0f3350",
    "PORTAL_THEME_ACCENT_BG": "#e8f0f7",
    "PORTAL_LOGO": "img/logo.svg",  # a path under static/
    "PORTAL_DEMO": False,
    "MAIL_BACKEND": "dev",  # dev: kept in the outbox for the development mailbox; smtp: sent
    "MAIL_FROM": "Werk en Inkomen <noreply@gemeente.example>",
    "SMTP_HOST": "localhost",
    "SMTP_PORT": 25,
    "SMTP_USERNAME": "",
    "SMTP_PASSWORD": "",
    "SMTP_STARTTLS": False,
    "SMTP_TIMEOUT": 10,
    "MAIL_RETRY_BASE_SECONDS": 30,
    "MAIL_RETRY_MAX_SECONDS": 3600,
    # Sent mail (names, addresses, what happened) is deleted after this many days.
    "PORTAL_MAIL_KEEP_DAYS": 30,
    # Login throttling: after this many failures within the window the key waits.
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": 5,
    "LOGIN_MAX_FAILURES_PER_IP": 20,
    "LOGIN_FAILURE_WINDOW_SECONDS": 900,
    "LOGIN_LOCKOUT_SECONDS": 900,
    "PASSWORD_RESET_TTL_SECONDS": 3600,
    "ACTIVATION_TTL_SECONDS": 7 * 24 * 3600,
    # The link `portal create-admin` prints and mails: shorter, it also sits in a terminal.
    "ADMIN_LINK_TTL_SECONDS": 24 * 3600,
    "PASSWORD_RESET_MAX_PER_HOUR": 3,
    # Applying yourself: the mailed confirmation link works this long; confirmation mails per
    # address and applications per client (IP address) per hour, counted in the database.
    "PORTAL_APPLY_CONFIRM_TTL_SECONDS": 24 * 3600,
    "PORTAL_APPLY_MAX_PER_ADDRESS": 3,
    "PORTAL_APPLY_MAX_PER_CLIENT": 20,
    # STIP help codes by mail, per hour: per volunteer, and per address (silently).
    "PORTAL_HELP_CODE_MAILS_PER_VOLUNTEER": 20,
    "PORTAL_HELP_CODE_MAILS_PER_ADDRESS": 3,
    # argon2id cost; tests lower it, production keeps the library's defaults.
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_COST": 65536,
    "ARGON2_PARALLELISM": 4,
    "PAGE_SIZE": 25,
    # Proxies in front of the app whose X-Forwarded-For/-Proto headers are trusted (0: none).
    # Behind one TLS proxy set 1, or every visitor shares the proxy's IP for login throttling.
    "PORTAL_TRUSTED_PROXIES": 0,
    "PORTAL_UPLOAD_DIR": str(PROJECT_ROOT / "instance" / "uploads"),  # outside static/
    # Fingerprinted and compressed static files, written at start-up (portal.assets).
    "PORTAL_STATIC_BUILD_DIR": str(PROJECT_ROOT / "instance" / "static"),
    # Where uploaded files are kept: local (PORTAL_UPLOAD_DIR, one app server) or s3 (an
    # S3-compatible object store that every app server reaches; portal.storage).
    "PORTAL_STORAGE": "local",
    "PORTAL_S3_BUCKET": "",
    "PORTAL_S3_PREFIX": "uploads/",
    "PORTAL_S3_ENDPOINT_URL": "",  # empty: AWS itself; else e.g. https://s3.example.nl
    "PORTAL_S3_REGION": "",
    "PORTAL_S3_ACCESS_KEY_ID": "",  # empty: boto3's own chain (AWS_* variables, a role)
    "PORTAL_S3_SECRET_ACCESS_KEY": "",
    "PORTAL_S3_ADDRESSING_STYLE": "auto",  # path for most S3-compatible stores on premises
    "PORTAL_MAX_FILE_MB": 10,
    "PORTAL_QUOTA_MB": 100,
    # Virus scanning by clamd (portal/scan.py): a unix socket, or a host and port; required in
    # production unless PORTAL_CLAMD=off says to run without a scanner.
    "PORTAL_CLAMD": "",
    "PORTAL_CLAMD_SOCKET": "",
    "PORTAL_CLAMD_HOST": "",
    "PORTAL_CLAMD_PORT": 3310,
    "PORTAL_CLAMD_TIMEOUT": 20,
    # Job applications expected in the search period (the municipality's norm).
    "PORTAL_APPLICATION_NORM": 4,
    # Job applications expected per week after the search period (the Werkmap overview).
    "PORTAL_WEEKLY_NORM": 2,
    "PORTAL_SCAN_INVITE_DAYS": 14,
    "PORTAL_SCAN_RATE_LIMIT": 30,
    # Reminder mails about open checklist items: on these days of the period, and this many
    # days before its end.
    "PORTAL_REMINDER_DAYS": "7,14,21",
    "PORTAL_REMINDER_DAYS_BEFORE_END": 2,
    # The municipality's routing scheme for the Entreevragenlijst: drie_lijnen | clientprofielen
    "PORTAL_ROUTING_SCHEME": "drie_lijnen",
    # The figures: the share of Zelfdoeners (profile 1) that should leave within four months.
    "PORTAL_FIGURES_OUTFLOW_NORM": 70,
    # Sessions (kept in the database): idle time-out, absolute lifetimes, the warning before.
    "PORTAL_SESSION_IDLE_MINUTES": 15,
    "PORTAL_SESSION_MAX_HOURS": 12,
    "PORTAL_SESSION_MAX_HOURS_STAFF": 10,
    "PORTAL_SESSION_WARNING_SECONDS": 120,
    # Keys (base64 of 32 random bytes) for the BSN's keyed hash and for encrypting the BSN and
    # second-factor secrets. Development derives them from SECRET_KEY; production needs them.
    "PORTAL_HASH_KEY": "",
    "PORTAL_ENCRYPTION_KEY": "",
    # The key (base64 of 32 random bytes) that seals health, addiction and debt answers and
    # uploaded files at rest (portal.sealing), and earlier keys still read during a rotation
    # (separated by spaces). Development derives the key from SECRET_KEY; production needs it.
    "PORTAL_DATA_KEY": "",
    "PORTAL_DATA_KEYS_RETIRED": "",
    # How citizens sign in: digid | password | both. DigiD needs the broker below.
    "PORTAL_CITIZEN_LOGIN": "both",
    "PORTAL_DIGID_ISSUER": "",
    "PORTAL_DIGID_CLIENT_ID": "",
    "PORTAL_DIGID_CLIENT_SECRET": "",
    "PORTAL_DIGID_SCOPE": "openid bsn",
    "PORTAL_DIGID_BSN_CLAIM": "bsn",
    "PORTAL_DIGID_MIN_LEVEL": "midden",  # basis | midden | substantieel | hoog
    # A higher level for the download of the whole Werkmap (empty: no more than to sign in).
    "PORTAL_DIGID_LEVEL_TAKE_ALONG": "",
    # Optional: staff sign in at the municipality's own OpenID provider (Entra ID, Keycloak).
    "PORTAL_STAFF_OIDC_ISSUER": "",
    "PORTAL_STAFF_OIDC_CLIENT_ID": "",
    "PORTAL_STAFF_OIDC_CLIENT_SECRET": "",
    "PORTAL_STAFF_OIDC_SCOPE": "openid email profile",
    "PORTAL_STAFF_OIDC_EMAIL_CLAIM": "email",
    # Set only when that provider itself always asks for a second factor (conditional access).
    "PORTAL_STAFF_OIDC_TRUST_MFA": False,
    "PORTAL_OIDC_LEEWAY_SECONDS": 60,
    "PORTAL_OIDC_TIMEOUT_SECONDS": 10,
    # Fairness monitoring: groups smaller than this are not shown (also in the public override
    # figures per advice); a rate below this ratio of the others' rate is marked.
    "PORTAL_FAIRNESS_MIN_GROUP": 10,
    "PORTAL_FAIRNESS_RATIO": 0.8,
    # Operations (README, "Operations"). /metrics answers only with this bearer token (empty:
    # there is no /metrics); at least 32 characters.
    "PORTAL_METRICS_TOKEN": "",
    # /healthz says "degraded" when the oldest unsent mail waits longer than this, or a
    # scheduled job (run-scheduled, retention run) has not finished for this many hours.
    "PORTAL_HEALTH_OUTBOX_MINUTES": 30,
    "PORTAL_HEALTH_JOB_HOURS": 25,
    # json: every line of the portal's logs is one JSON object (requests, security events,
    # errors); text: Flask's plain lines (development).
    "PORTAL_LOG_FORMAT": "json",
    # The accessibility statement (/toegankelijkheid): where to report a barrier.
    "PORTAL_ACCESSIBILITY_CONTACT": "toegankelijkheid@gemeente.example",
}

CITIZEN_LOGIN_MODES = ("digid", "password", "both")
LEVELS = ("basis", "midden", "substantieel", "hoog")  # DigiD's, low to high (portal.authz)

_BOOL = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
    "": False,
}


def _coerce(default: object, raw: str) -> object:
    if isinstance(default, bool):
        try:
            return _BOOL[raw.strip().lower()]
        except KeyError as exc:
            raise ValueError(f"not a yes/no value: {raw!r}") from exc
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def load_config(overrides: dict | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """Defaults, then the environment, then explicit overrides (tests)."""
    environ = os.environ if environ is None else environ
    config: dict[str, object] = {}
    for key, default in DEFAULTS.items():
        config[key] = _coerce(default, environ[key]) if key in environ else default
    config.update(overrides or {})
    if not config["SECRET_KEY"] and config["PORTAL_ENV"] == "development":
        config["SECRET_KEY"] = development_secret(INSTANCE)
    if isinstance(config["SECRET_KEY_FALLBACKS"], str):
        config["SECRET_KEY_FALLBACKS"] = config["SECRET_KEY_FALLBACKS"].replace(",", " ").split()
    config["SQLALCHEMY_URL"] = config["DATABASE_URL"]
    config["BABEL_DEFAULT_LOCALE"] = "nl"
    config["BABEL_DEFAULT_TIMEZONE"] = "Europe/Amsterdam"
    config["BABEL_TRANSLATION_DIRECTORIES"] = str(PROJECT_ROOT / "translations")
    production = config["PORTAL_ENV"] == "production"
    if production:  # __Host-: only over HTTPS, for this host and every path, no Domain
        config.setdefault("SESSION_COOKIE_NAME", "__Host-session")
        config.setdefault("SESSION_COOKIE_PATH", "/")
    config.setdefault("SESSION_COOKIE_SECURE", production)
    config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # bound to the session, not the clock
    # A request may carry the largest file plus the rest of the form.
    max_file_mb = int(str(config["PORTAL_MAX_FILE_MB"]))  # an int from the environment or code
    config.setdefault("MAX_CONTENT_LENGTH", (max_file_mb + 2) * 1024 * 1024)
    return config


def digid_enabled(config: Mapping) -> bool:
    return config["PORTAL_CITIZEN_LOGIN"] != "password" and bool(config["PORTAL_DIGID_ISSUER"])


def check_production_identity(config: dict) -> None:
    """Production needs its own keys, and a broker when citizens sign in with DigiD."""
    if config["PORTAL_CITIZEN_LOGIN"] != "password" and not config["PORTAL_DIGID_ISSUER"]:
        raise RuntimeError(
            "PORTAL_CITIZEN_LOGIN asks for DigiD: set PORTAL_DIGID_ISSUER, "
            "PORTAL_DIGID_CLIENT_ID and PORTAL_DIGID_CLIENT_SECRET (or set it to 'password')."
        )
    for key in ("PORTAL_HASH_KEY", "PORTAL_ENCRYPTION_KEY", "PORTAL_DATA_KEY"):
        if len(_key_bytes(str(config[key]))) != 32:
            raise RuntimeError(
                f"Set {key} to 32 random bytes in base64 before running in production: "
                "python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'"
            )


def _key_bytes(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return b""


def _check_storage(config: dict) -> None:
    if config["PORTAL_STORAGE"] not in ("local", "s3"):
        raise RuntimeError("PORTAL_STORAGE must be 'local' or 's3'.")
    if config["PORTAL_STORAGE"] == "s3" and not config["PORTAL_S3_BUCKET"]:
        raise RuntimeError("PORTAL_STORAGE=s3 needs PORTAL_S3_BUCKET.")
    if config["PORTAL_S3_ADDRESSING_STYLE"] not in ("auto", "path", "virtual"):
        raise RuntimeError("PORTAL_S3_ADDRESSING_STYLE must be 'auto', 'path' or 'virtual'.")


def _check_operations(config: dict) -> None:
    token = str(config["PORTAL_METRICS_TOKEN"])
    if token and len(token) < 32:
        raise RuntimeError("PORTAL_METRICS_TOKEN must be 32 characters or more (or empty).")
    if config["PORTAL_LOG_FORMAT"] not in ("json", "text"):
        raise RuntimeError("PORTAL_LOG_FORMAT must be 'json' or 'text'.")


def development_secret(folder: Path) -> str:
    """This installation's own random key for development (never a published one): made once,
    readable only by its owner."""
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        draft = folder / f".secret_key.{os.getpid()}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
        try:  # whole or not at all; the first process to make it wins
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def check_config(config: dict) -> None:
    """Refuse settings that are unsafe or unreadable; called by create_app."""
    if config["PORTAL_ENV"] not in ("development", "production"):
        raise RuntimeError("PORTAL_ENV must be 'development' or 'production'.")
    if config["SECRET_KEY"] == DEFAULT_SECRET_KEY:
        raise RuntimeError("This SECRET_KEY is published: choose your own random value.")
    if config["PORTAL_ENV"] == "production":
        if len(str(config["SECRET_KEY"])) < 32:
            raise RuntimeError(
                "Set SECRET_KEY to a random value of 32 characters or more "
                "before running in production."
            )
        if config["PORTAL_DEMO"]:
            raise RuntimeError("Demo mode cannot be used in production.")
        if config["MAIL_BACKEND"] != "smtp":
            raise RuntimeError("Production sends mail by SMTP: set MAIL_BACKEND=smtp.")
        if config.get("SESSION_COOKIE_DOMAIN") or not config["SESSION_COOKIE_SECURE"]:
            raise RuntimeError("The session cookie is __Host-: Secure and without a Domain.")
        check_production_identity(config)
    if int(config["PORTAL_MAIL_KEEP_DAYS"]) < 1:
        raise RuntimeError("PORTAL_MAIL_KEEP_DAYS must be 1 or more.")
    if config["PORTAL_CITIZEN_LOGIN"] not in CITIZEN_LOGIN_MODES:
        raise RuntimeError("PORTAL_CITIZEN_LOGIN must be 'digid', 'password' or 'both'.")
    for key in ("PORTAL_DIGID_MIN_LEVEL", "PORTAL_DIGID_LEVEL_TAKE_ALONG"):
        if config[key] and config[key] not in LEVELS:
            raise RuntimeError(f"{key} must be one of {', '.join(LEVELS)}.")
    if config["PORTAL_DIGID_LEVEL_TAKE_ALONG"] and not digid_enabled(config):
        raise RuntimeError("PORTAL_DIGID_LEVEL_TAKE_ALONG needs DigiD (PORTAL_DIGID_ISSUER).")
    if config["MAIL_BACKEND"] not in ("dev", "smtp"):
        raise RuntimeError("MAIL_BACKEND must be 'dev' or 'smtp'.")
    scan.check_settings(config)
    check_theme(config)
    if not 0 <= int(config["PORTAL_FIGURES_OUTFLOW_NORM"]) <= 100:
        raise RuntimeError("PORTAL_FIGURES_OUTFLOW_NORM is a percentage from 0 to 100.")
    _check_storage(config)
    if not 0 < float(config["PORTAL_FAIRNESS_RATIO"]) <= 1:
        raise RuntimeError("PORTAL_FAIRNESS_RATIO must be more than 0 and at most 1.")
    _check_operations(config)
    if int(config["PORTAL_FAIRNESS_MIN_GROUP"]) < 1:
        raise RuntimeError("PORTAL_FAIRNESS_MIN_GROUP must be 1 or more.")
    schemes = questionnaires.load(*MAIN_QUESTIONNAIRE).schemes
    if config["PORTAL_ROUTING_SCHEME"] not in schemes:
        raise RuntimeError(f"PORTAL_ROUTING_SCHEME must be one of {', '.join(sorted(schemes))}.")
