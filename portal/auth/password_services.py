"""Password hashing with argon2id (argon2-cffi) and the password rules."""

from __future__ import annotations

import contextlib
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from zxcvbn import zxcvbn

from portal.people import User

MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_SCORE = 3  # zxcvbn: 0 too guessable … 4 very unguessable
CHECKED_LENGTH = 64  # zxcvbn's time grows with length; a longer password is long enough
# Dutch words that zxcvbn's English lists do not know, and words of this portal.
DUTCH_WORDS = (
    *[
        "welkom",
        "wachtwoord",
        "geheim",
        "hallo",
        "liefde",
        "schat",
        "schatje",
        "lente",
        "zomer",
        "herfst",
        "winter",
    ],
    *[
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
    ],
    *["december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    *[
        "nederland",
        "holland",
        "amsterdam",
        "rotterdam",
        "utrecht",
        "denhaag",
        "eindhoven",
        "groningen",
    ],
    *[
        "ajax",
        "feyenoord",
        "psv",
        "oranje",
        "voetbal",
        "fiets",
        "hond",
        "kat",
        "poes",
        "konijn",
        "vakantie",
    ],
    *[
        "gemeente",
        "werk",
        "inkomen",
        "bijstand",
        "uwv",
        "digid",
        "portaal",
        "aanvraag",
        "sollicitatie",
    ],
    *["wachtwoord1", "welkom01", "geheim123", "qwerty", "azerty"],
)


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the account exists (a dummy hash is checked then)."""
    hasher = _hasher()
    if password_hash is None:
        with contextlib.suppress(VerificationError):
            hasher.verify(_dummy_hash(), password)
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


def _dummy_hash() -> str:
    cache = current_app.extensions.setdefault("dummy_password_hash", {})
    if "hash" not in cache:
        cache["hash"] = _hasher().hash("not-a-real-password")
    return cache["hash"]


def guessable(password: str, user: User) -> bool:
    """zxcvbn's score below 3 with Dutch words, the person's name and email as context."""
    names = [part for part in _plain(user.name or "").split() if len(part) > 1]
    own = [*names, "".join(names), "".join(reversed(names))]
    if user.email:
        local, _, domain = _plain(user.email).partition("@")
        pieces = local.replace("_", ".").replace("-", ".").split(".")
        own += [local, "".join(pieces), *pieces, *domain.split(".")]
    if _mostly(password, own):
        return True
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=[*DUTCH_WORDS, *own])
    return int(result["score"]) < MIN_SCORE


def _mostly(password: str, own: list[str]) -> bool:
    """The name or email with digits and signs around it (Yilmaz-Fatma-1): fewer than four
    letters are left when the person's own words are taken out."""
    plain = rest = _plain(password)
    for word in sorted({w for w in own if len(w) >= 3}, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest != plain and sum(ch.isalpha() for ch in rest) < 4


def _plain(text: str) -> str:
    """Lower case without accents (Yılmaz → yilmaz), as people type names in passwords."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("ı", "i"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))
