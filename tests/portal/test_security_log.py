"""Security events are one JSON line each, without personal content."""

import json
import logging

from portal import security


def test_an_event_is_one_json_line_with_the_client_address(app, caplog):
    with (
        app.test_request_context("/login", environ_base={"REMOTE_ADDR": "203.0.113.9"}),
        caplog.at_level(logging.INFO, logger="portal.security"),
    ):
        security.event("login.failure", result="refused", actor=None, detail="throttled")
    (line,) = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    logged = json.loads(line)
    assert logged["event"] == "login.failure" and logged["result"] == "refused"
    assert logged["client"] == "203.0.113.9" and logged["detail"] == "throttled"
    assert "\n" not in line


def test_outside_a_request_there_is_no_client(app, caplog):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        record = security.event("retention.run", detail="ok")
    assert record["client"] is None and record["endpoint"] is None
