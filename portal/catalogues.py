"""The translation catalogues: which messages applicants see, how complete each language is,
and the checks behind `portal translations check`.

A message belongs to the applicant domain when at least one place it is used (found by
extracting the sources with their locations) is not in STAFF_ONLY and is not marked with a
`# staff only` comment right above it (for files that hold both, like the menus). Staff pages are offered in
Dutch and English only, so a message used only there may be missing in the other catalogues
(it then falls back to English); a missing applicant message is a failure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from portal.config import PROJECT_ROOT

# The one list of sources that only staff see. Everything else counts as applicant-facing.
STAFF_ONLY = (
    "portal/admin/*",
    "portal/beheer/*",
    "portal/caseload/*",
    "portal/catalogue/*",
    "portal/coaching/views.py",
    "portal/coaching/caseload_display.py",
    "portal/coaching/timeline_services.py",
    "portal/devmail/*",
    "portal/figures/*",
    "portal/intake/consultant_views.py",
    "portal/intake/oversight_views.py",
    "portal/intake/version_services.py",
    "portal/meetings/views.py",
    "portal/privacy/staff_*",
    "portal/plan/staff_*",
    "portal/plan/figure_services.py",
    "portal/searchperiod/consult_forms.py",
    "portal/searchperiod/consult_views.py",
    "portal/stip/admin_services.py",
    "portal/stip/admin_views.py",
    "portal/stip/views.py",
    "portal/werkmap/staff_views.py",
    "portal/labour/staff_*",
    "portal/labour/import_services.py",
    "portal/texts.py",
    "portal/look.py",
    "portal/templates/searchperiod/invite_letter.html",
    "portal/templates/admin/*",
    "portal/templates/labour/staff/*",
    "portal/templates/beheer/*",
    "portal/templates/home/functional_admin.html",
    "portal/templates/caseload/*",
    "portal/templates/catalogue/*",
    "portal/templates/coaching/caseload.html",
    "portal/templates/coaching/file.html",
    "portal/templates/coaching/handovers.html",
    "portal/templates/coaching/stand_in.html",
    "portal/templates/devmail/*",
    "portal/templates/figures/*",
    "portal/templates/home/consultant.html",
    "portal/templates/home/ecoach.html",
    "portal/templates/home/management.html",
    "portal/templates/home/stip.html",
    "portal/templates/home/team_lead.html",
    "portal/templates/home/translations.html",
    "portal/templates/intake/_rate.html",
    "portal/templates/intake/decide.html",
    "portal/templates/intake/fairness.html",
    "portal/templates/intake/figures.html",
    "portal/templates/intake/queue.html",
    "portal/templates/intake/review.html",
    "portal/templates/intake/versions.html",
    "portal/templates/meetings/*",
    "portal/templates/privacy/staff_*",
    "portal/templates/plan/staff_*",
    "portal/templates/messages/compose.html",
    "portal/templates/messages/staff.html",
    "portal/templates/messages/templates.html",
    "portal/templates/searchperiod/consult_detail.html",
    "portal/templates/searchperiod/outflow.html",
    "portal/templates/searchperiod/register.html",
    "portal/templates/searchperiod/worklist.html",
    "portal/templates/stip/location.html",
    "portal/templates/stip/locations.html",
    "portal/templates/stip/session.html",
    "portal/templates/stip/start.html",
    "portal/templates/werkmap/_staff_nav.html",
    "portal/templates/werkmap/staff_cv.html",
    "portal/templates/werkmap/staff_log.html",
)
# The languages applicants can read the portal in, besides English (the msgids themselves).
APPLICANT_LOCALES = ("nl", "ar", "tr", "pl", "uk", "ti")
REVIEW_NOTE = "awaits review by a native speaker"
BUTTON_RATIO = 1.6
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
_BUTTONS = (
    re.compile(r"""submit\(\s*_\(\s*"((?:[^"\\]|\\.)+)\"""", re.S),
    re.compile(r"""<button[^>]*>\s*\{\{\s*_\(\s*"((?:[^"\\]|\\.)+)\"""", re.S),
)


@dataclass(frozen=True)
class Problem:
    locale: str
    kind: str  # missing, fuzzy, placeholders, too long
    msgid: str
    detail: str = ""

    def __str__(self) -> str:
        context, _, msgid = self.msgid.rpartition("\x04")
        extra = f" ({self.detail})" if self.detail else ""
        where = f" in context {context!r}" if context else ""
        return f"{self.locale}: {self.kind}: {msgid!r}{where}{extra}"


@dataclass
class Completion:
    locale: str
    applicant_done: int = 0
    applicant_total: int = 0
    all_done: int = 0
    all_total: int = 0
    awaits_review: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def percent(self) -> int:
        if not self.applicant_total:
            return 100
        return self.applicant_done * 100 // self.applicant_total


def key(message, context: str | None = None) -> str:
    """A message's key: its msgid, with its context in front as gettext does (ctx\x04id)."""
    msgid = message[0] if isinstance(message, tuple | list) else message
    return f"{context}\x04{msgid}" if context and msgid else msgid


def is_staff_only(path: str) -> bool:
    return path == STAFF_TAG or any(fnmatch(path, pattern) for pattern in STAFF_ONLY)


STAFF_TAG = "staff only"


def extract(root: Path = PROJECT_ROOT) -> dict[str, set[str]]:
    """Every msgid in the sources (babel.cfg) with the files it is used in; a use marked
    `# staff only` counts as a use in a staff-only place."""
    with open(root / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, str(root / "babel.cfg"))
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found: dict[str, set[str]] = defaultdict(set)
    for filename, _line, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords, comment_tags=(STAFF_TAG,)
    ):
        msgid = key(message, context)
        if msgid:
            staff = any(c.lower().startswith(STAFF_TAG) for c in comments)
            found[msgid].add(STAFF_TAG if staff else filename)
    return dict(found)


def applicant_sources(found: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same messages with only their applicant-facing places (for readability)."""
    return {m: {f for f in files if not is_staff_only(f)} for m, files in found.items()}


def applicant_only(found: dict[str, set[str]]) -> frozenset[str]:
    return frozenset(m for m, files in found.items() if not all(map(is_staff_only, files)))


@cache
def applicant_messages(root: Path = PROJECT_ROOT) -> frozenset[str]:
    return applicant_only(extract(root))


def button_labels(root: Path = PROJECT_ROOT) -> set[str]:
    """Msgids used as the label of a button in a template."""
    labels: set[str] = set()
    for template in (root / "portal" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in _BUTTONS:
            labels.update(m.replace('\\"', '"') for m in pattern.findall(text))
    return labels


def load(locale: str, root: Path = PROJECT_ROOT) -> Catalog:
    with open(root / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=locale)


def awaits_review(catalogue: Catalog) -> bool:
    header = f"{catalogue.header_comment}\n{catalogue.language_team or ''}"
    return REVIEW_NOTE in header


def _forms(message: Message) -> tuple[str, ...]:
    value = message.string
    return tuple(value) if isinstance(value, tuple | list) else (value or "",)


def _names(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def placeholder_problem(message: Message) -> str:
    """'' when every form uses the msgid's placeholders (a plural form may leave the count
    out, as Arabic does for one or two); else what is wrong."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    wanted = set().union(*(_names(i) for i in ids))
    for form in _forms(message):
        used = _names(form)
        if used - wanted:
            return "unknown " + ", ".join(sorted(used - wanted))
        if len(ids) == 1 and wanted - used:
            return "leaves out " + ", ".join(sorted(wanted - used))
    return ""


def check_locale(
    locale: str,
    applicant: frozenset[str],
    buttons: set[str],
    dutch: Catalog,
    root: Path = PROJECT_ROOT,
) -> Completion:
    catalogue = load(locale, root)
    result = Completion(locale, awaits_review=awaits_review(catalogue))
    seen: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        msgid = key(message.id, message.context)
        seen.add(msgid)
        done = all(_forms(message)) and not message.fuzzy
        result.all_total += 1
        result.all_done += done
        if msgid in applicant:
            result.applicant_total += 1
            result.applicant_done += done
            if message.fuzzy:
                result.problems.append(Problem(locale, "fuzzy", msgid))
            elif not done:
                result.problems.append(Problem(locale, "missing", msgid))
        if done and (detail := placeholder_problem(message)):
            result.problems.append(Problem(locale, "placeholders", msgid, detail))
        reference = dutch.get(message.id, message.context)
        if done and locale != "nl" and msgid in buttons and reference and reference.string:
            longest = max(len(form) for form in _forms(message))
            limit = len(_forms(reference)[0]) * BUTTON_RATIO
            if longest > limit:
                detail = f"button: {longest} characters, Dutch {len(_forms(reference)[0])}"
                result.problems.append(Problem(locale, "too long", msgid, detail))
    for msgid in sorted(applicant - seen):
        result.applicant_total += 1
        result.problems.append(Problem(locale, "missing", msgid, "not in the catalogue"))
    return result


def check(
    locales: tuple[str, ...] = APPLICANT_LOCALES, root: Path = PROJECT_ROOT
) -> list[Completion]:
    applicant = applicant_only(extract(root))
    buttons = button_labels(root)
    dutch = load("nl", root)
    return [check_locale(locale, applicant, buttons, dutch, root) for locale in locales]


def completion(locales: tuple[str, ...] = APPLICANT_LOCALES) -> list[Completion]:
    """For the team lead's page: completion of the shipped catalogues (extraction is cached)."""
    applicant = applicant_messages()
    dutch = load("nl")
    return [check_locale(locale, applicant, set(), dutch) for locale in locales]
