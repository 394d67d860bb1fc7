"""bench/abuse.py against a live portal with Secure cookies: it finds the attacks, its sessions
stay signed in over plain HTTP, and the attacks report what they measure (small rounds here)."""

import importlib.util
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from bench import abuse

ATTACKS = Path(abuse.__file__).parent / "attacks"


@pytest.fixture
def live(app, make_app):
    """The portal with production's Secure cookies, served over HTTP on a free port."""
    web = make_app(SESSION_COOKIE_SECURE=True)
    server = make_server("127.0.0.1", 0, web, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def _attack(name: str, **constants):
    spec = importlib.util.spec_from_file_location(f"attack_{name}", ATTACKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for key, value in constants.items():
        setattr(module, key, value)
    return module.run


def test_it_finds_every_attack_with_a_run_function():
    names = [name for name, _run in abuse.attacks([])]
    assert {"apply_oracle", "double_click", "duplicates", "two_tabs"} <= set(names)
    assert [name for name, _run in abuse.attacks(["two_tabs"])] == ["two_tabs"]


def test_its_sessions_stay_signed_in_and_a_clone_is_a_second_tab(app, live):
    factory = abuse.make_factory(app, live)
    applicant = factory()
    assert applicant.account["role"] == "applicant"
    assert applicant.get(f"{live}/werkmap/", allow_redirects=False).status_code == 200
    assert applicant.clone().get(f"{live}/werkmap/", allow_redirects=False).status_code == 200
    consultant = factory(role="consultant", application=False)
    assert consultant.get(f"{live}/consult/", allow_redirects=False).status_code == 200
    visitor = factory("anonymous")
    assert visitor.account is None
    assert visitor.get(f"{live}/werkmap/", allow_redirects=False).status_code == 302


def test_the_attacks_report_their_bar(app, live):
    factory = abuse.make_factory(app, live)
    [duplicates] = _attack("duplicates", COPIES=12, THREADS=4)(live, factory)
    assert duplicates.startswith("OK: 12 identical POSTs of a log entry (4 threads) → 1 row")
    [two_tabs] = _attack("two_tabs", ROUNDS=3)(live, factory)
    assert two_tabs.startswith("OK:") and "answers lost in 0 rounds" in two_tabs
    [clicks] = _attack("double_click", ROUNDS=2)(live, factory)
    assert clicks.startswith("OK: 2 double clicks on /apply → 0 server errors")
    abuse.fresh_limits(app)
    [oracle] = _attack("apply_oracle", SAMPLES=1)(live, factory)
    assert oracle.startswith("OK:") and "→ 1 different page, HTTP [200]" in oracle
