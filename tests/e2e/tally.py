"""What the browser suite checked, for the accessibility statement
(portal/home/statement_display.py): `check()` in tests/e2e/conftest.py counts pages, axe-core
runs, widths and HTML documents; these hooks write the result after a full browser run (no -k,
no single files; or PORTAL_A11Y_RESULTS names a file).

A plugin of tests/conftest.py rather than hooks of tests/e2e/conftest.py: with pytest-xdist the
controller collects nothing, so it never loads tests/e2e/conftest.py. Each worker hands its
tally to the controller (`workeroutput`); the controller has every test's outcome from the
reports the workers send, and writes the file once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from portal.db import utcnow

ROOT = Path(__file__).resolve().parents[2]
TALLY: dict = {"pages": set(), "axe_checks": 0, "widths": set(), "html_documents": 0}
KEYBOARD: set[str] = set()  # browser tests that walk pages by keyboard
OUTCOMES: dict[str, bool] = {}  # browser test → passed


def pytest_runtest_logreport(report):
    if "tests/e2e/" in report.nodeid and (report.when == "call" or report.failed):
        OUTCOMES[report.nodeid] = OUTCOMES.get(report.nodeid, True) and report.passed


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist, on the controller: add what a worker checked to the tally."""
    done = getattr(node, "workeroutput", {}).get("portal_tally")
    if done:
        TALLY["pages"].update(done["pages"])
        TALLY["widths"].update(done["widths"])
        TALLY["axe_checks"] += done["axe_checks"]
        TALLY["html_documents"] += done["html_documents"]
        KEYBOARD.update(done["keyboard"])


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # a pytest-xdist worker
        session.config.workeroutput["portal_tally"] = {
            "pages": sorted(TALLY["pages"]),
            "widths": sorted(w for w in TALLY["widths"] if w),
            "axe_checks": TALLY["axe_checks"],
            "html_documents": TALLY["html_documents"],
            "keyboard": sorted(KEYBOARD),
        }
        return
    target = os.environ.get("PORTAL_A11Y_RESULTS")
    whole = not session.config.option.keyword and all(
        Path(arg).is_dir() for arg in session.config.args
    )
    if not OUTCOMES or not (target or whole):
        return
    results = {
        "tested_on": utcnow().date().isoformat(),
        "tests": len(OUTCOMES),
        "failed": sum(not passed for passed in OUTCOMES.values()),
        "pages": len(TALLY["pages"]),
        "axe_checks": TALLY["axe_checks"],
        "widths": sorted(w for w in TALLY["widths"] if w),
        "html_documents": TALLY["html_documents"],
        "keyboard_tests": len(KEYBOARD & set(OUTCOMES)),
    }
    path = Path(target) if target else ROOT / "instance" / "accessibility-results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1) + "\n")
