"""The figures of the accessibility statement (/toegankelijkheid), from the browser tests.

The browser suite (tests/e2e) writes what it checked to `instance/accessibility-results.json`
after a full run: how many tests, how many distinct pages were checked with axe-core and at
which widths, how many documents passed the Nu Html Checker, how many tests walk pages by
keyboard, and how many failed. The statement shows that file where it exists (a test or
staging machine), otherwise the snapshot committed beside this module (what production shows:
refresh it from a green `make test`, README "Accessibility statement").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from portal.config import INSTANCE

LATEST = INSTANCE / "accessibility-results.json"
SNAPSHOT = Path(__file__).with_name("accessibility_results.json")


@dataclass(frozen=True)
class Results:
    tested_on: date
    tests: int
    failed: int
    pages: int  # distinct pages (the same page for another person counts once)
    axe_checks: int
    widths: tuple[int, ...]
    html_documents: int
    keyboard_tests: int


def _read(path: Path) -> Results | None:
    try:
        raw = json.loads(path.read_text())
        return Results(
            tested_on=date.fromisoformat(raw["tested_on"]),
            tests=int(raw["tests"]),
            failed=int(raw["failed"]),
            pages=int(raw["pages"]),
            axe_checks=int(raw["axe_checks"]),
            widths=tuple(sorted(int(w) for w in raw["widths"])),
            html_documents=int(raw["html_documents"]),
            keyboard_tests=int(raw["keyboard_tests"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def latest(path: Path | None = None, snapshot: Path | None = None) -> Results | None:
    """The newest results there are: this machine's last full run, else the snapshot."""
    return _read(path or LATEST) or _read(snapshot or SNAPSHOT)
