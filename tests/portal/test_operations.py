"""Operations: /metrics (exposed, protected), /healthz's `degraded`, request ids in the log
lines and on the error page."""

import json
import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from portal import heartbeat
from portal.db import db, unit_of_work, utcnow
from portal.mail import OutboxMessage
from portal.requestlog import JsonFormatter
from portal.roles import Role

TOKEN = "metrics-token-" + "k" * 32


def _mail(age: timedelta) -> None:
    with unit_of_work():
        db.session.add(
            OutboxMessage(
                recipient="someone@example.nl",
                subject="Subject",
                body_text="Body",
                created_at=utcnow() - age,
                next_attempt_at=utcnow(),
            )
        )


def _jobs_ran(ago: timedelta = timedelta(0)) -> None:
    with unit_of_work():
        for job in heartbeat.JOBS:
            heartbeat.beat(job, utcnow() - ago)


def _value(body: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", body, re.MULTILINE)
    assert match, name
    return float(match.group(1))


def test_there_is_no_metrics_page_without_a_token(client):
    assert client.get("/metrics").status_code == 404


@pytest.fixture
def watched(make_app):
    return make_app(PORTAL_METRICS_TOKEN=TOKEN)


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "],
)
def test_metrics_refuse_without_the_right_token(app, watched, header, caplog):
    headers = {"Authorization": header} if header else {}
    with caplog.at_level(logging.INFO, logger="portal.security"):
        response = watched.test_client().get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert b"portal_" not in response.data
    assert any("metrics.denied" in r.getMessage() for r in caplog.records)


def test_a_signed_in_team_lead_still_needs_the_token(app, watched, make_user, login):
    web = watched.test_client()
    login(make_user(Role.TEAM_LEAD), target=web)
    assert web.get("/metrics").status_code == 401


def test_metrics_show_requests_outbox_jobs_and_sessions(app, watched, make_user, login):
    web = watched.test_client()
    login(make_user(Role.APPLICANT), target=web)
    web.get("/account/")
    _mail(timedelta(hours=2))
    with unit_of_work():
        heartbeat.beat(heartbeat.RUN_SCHEDULED, utcnow() - timedelta(hours=3))
    response = web.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    assert re.search(
        r'^portal_request_duration_seconds_count\{endpoint="account.index",method="GET"\} [1-9]',
        body,
        re.MULTILINE,
    )
    assert 'portal_responses_total{endpoint="account.index",method="GET",status="200"}' in body
    assert "portal_server_errors_total" in body or "# TYPE portal_server_errors" in body
    assert _value(body, "portal_outbox_unsent") == 1
    assert 7200 <= _value(body, "portal_outbox_oldest_unsent_age_seconds") < 7300
    ran = _value(body, 'portal_job_last_success_timestamp_seconds{job="run-scheduled"}')
    assert abs(ran - (utcnow() - timedelta(hours=3)).timestamp()) < 60
    assert 'job="retention"' not in body  # never ran: absent, not 0
    assert _value(body, "portal_active_sessions") == 1
    assert "someone@example.nl" not in body


def test_healthz_is_degraded_while_mail_is_stuck(app, client):
    _jobs_ran()
    _mail(timedelta(minutes=5))  # waiting, but not long
    assert client.get("/healthz").get_json()["status"] == "ok"
    _mail(timedelta(minutes=45))  # longer than PORTAL_HEALTH_OUTBOX_MINUTES (30)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "degraded", "database": "ok", "degraded": ["outbox"]}
    with unit_of_work():
        db.session.execute(update(OutboxMessage).values(sent_at=utcnow()))
    assert client.get("/healthz").get_json()["status"] == "ok"


def test_healthz_is_degraded_when_the_scheduler_stopped(app, client):
    assert client.get("/healthz").get_json()["degraded"] == ["run-scheduled", "retention"]
    _jobs_ran(ago=timedelta(hours=26))  # more than PORTAL_HEALTH_JOB_HOURS (25)
    assert client.get("/healthz").get_json()["degraded"] == ["run-scheduled", "retention"]
    runner = app.test_cli_runner()
    assert runner.invoke(args=["run-scheduled"]).exit_code == 0
    assert client.get("/healthz").get_json()["degraded"] == ["retention"]
    assert runner.invoke(args=["retention", "run"]).exit_code == 0
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def failing(make_app):
    """An app handling errors as in production, with a page that fails."""
    app = make_app(TESTING=False, PORTAL_NAME="Werk en Inkomen (request id test)")

    def broken(case_id: int):
        raise RuntimeError(f"forced failure in case {case_id}")

    app.add_url_rule("/fail/<int:case_id>", "fail_forced", broken)
    return app


def test_the_500_page_shows_the_reference_of_its_log_lines(failing, caplog):
    with caplog.at_level(logging.INFO, logger="portal"):
        response = failing.test_client().get("/fail/12?token=secret-token&name=Sara")
    assert response.status_code == 500
    reference = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{16}", reference)
    page = response.get_data(as_text=True)
    assert reference in page and "Noem dan deze code" in page  # Dutch by default
    lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records]
    (request_line,) = [line for line in lines if line["logger"] == "portal.request"]
    assert request_line["request_id"] == reference
    assert request_line["status"] == 500 and request_line["route"] == "/fail/<int:case_id>"
    assert request_line["endpoint"] == "fail_forced" and request_line["method"] == "GET"
    (error,) = [line for line in lines if line["level"] == "error"]
    assert error["request_id"] == reference and "RuntimeError" in error["exception"]
    logged = "\n".join(json.dumps(line) for line in lines)
    assert "secret-token" not in logged and "Sara" not in logged  # no query string


def test_every_response_has_its_own_request_id(client):
    first, second = client.get("/"), client.get("/")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_an_incoming_id_is_kept_only_behind_a_trusted_proxy(app, make_app):
    sent = {"X-Request-ID": "proxy-id-0123456789"}
    assert make_app().test_client().get("/", headers=sent).headers["X-Request-ID"] != (
        "proxy-id-0123456789"
    )
    behind = make_app(PORTAL_TRUSTED_PROXIES=1).test_client()
    assert behind.get("/", headers=sent).headers["X-Request-ID"] == "proxy-id-0123456789"
    forged = behind.get("/", headers={"X-Request-ID": "a forged <id>"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{16}", forged)


def test_a_security_event_carries_the_request_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal"):
        response = client.post("/login", data={"email": "x@example.nl", "password": "p"})
    (record,) = [r for r in caplog.records if r.name == "portal.security"]
    event = json.loads(record.getMessage())
    assert event["event"] == "csrf.failure"
    assert event["request_id"] == response.headers["X-Request-ID"]
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "csrf.failure"
    assert line["request_id"] == response.headers["X-Request-ID"]
