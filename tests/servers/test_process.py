"""Start-up failures of a test server are clear and leave no process behind."""

import sys

import pytest

from tests.servers.process import (
    PortInUse,
    ServerError,
    ServerProcess,
    free_ports,
    start_with_retries,
)

PY = sys.executable


def test_a_server_that_exits_fails_with_its_log_tail(tmp_path):
    server = ServerProcess(
        "crasher", [PY, "-c", "print('config line 3 is wrong'); exit(3)"], tmp_path / "log"
    )
    with pytest.raises(ServerError, match=r"(?s)exited with code 3.*config line 3 is wrong"):
        server.wait_until(lambda: False, timeout=10, what="readiness")


def test_a_server_that_never_gets_ready_is_stopped_at_the_deadline(tmp_path):
    server = ServerProcess(
        "sleeper",
        [PY, "-c", "print('starting', flush=True); import time; time.sleep(60)"],
        tmp_path / "log",
        grace=1,
    )
    with pytest.raises(ServerError, match=r"(?s)no readiness within 1 s.*starting"):
        server.wait_until(lambda: False, timeout=1, what="readiness")
    assert server.process.returncode is not None


def test_a_taken_port_is_reported_as_such_and_retried(tmp_path):
    server = ServerProcess(
        "clash", [PY, "-c", "print('bind: address already in use'); exit(1)"], tmp_path / "log"
    )
    with pytest.raises(PortInUse):
        server.wait_until(lambda: False, timeout=10, what="readiness")

    attempts = []

    def start():
        attempts.append(1)
        if len(attempts) < 3:
            raise PortInUse("taken")
        return "started"

    assert start_with_retries(start) == "started" and len(attempts) == 3


def test_free_ports_are_distinct():
    assert len(set(free_ports(8))) == 8
