"""Two app servers on one PostgreSQL and one object store: a session started on one is valid
on the other, and a file uploaded through one is served by the other.

Two gunicorn processes with the same settings (each with its own, empty local folders, so
nothing can come from a shared disk), a real S3 server (SeaweedFS) and the suite's PostgreSQL
database; one HTTP client that keeps the cookies and talks to both.
"""

from __future__ import annotations

import http.client
import io
import re
import secrets
import sys
import urllib.parse
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal.roles import Role
from tests.conftest import PASSWORD
from tests.portal.test_app import PRODUCTION_IDENTITY
from tests.portal.test_storage_s3 import PNG, s3_settings
from tests.portal.werkmap.test_log import ENTRY
from tests.servers.process import ServerProcess, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.integration]
ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = "two-servers-secret-key-" + "x" * 32


class Browser:
    """Cookies kept by hand for any server (the production cookies are Secure; this is HTTP)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), data

    def csrf(self, port: int, path: str) -> str:
        _status, _headers, data = self.request(port, "GET", path)
        return CSRF.search(data.decode()).group(1)

    def post(self, port: int, path: str, form: dict):
        body = urllib.parse.urlencode(form)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request(port, "POST", path, body, headers)


def _gunicorn(name: str, env: dict, folder: Path) -> tuple[int, ServerProcess]:
    port = free_port()
    server = ServerProcess(
        name,
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        folder / f"{name}.log",
        env=env,
        cwd=ROOT,
    )

    def ready() -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            return response.status == 200
        finally:
            connection.close()

    server.wait_until(ready, 60, "an answer on /healthz")
    return port, server


@pytest.fixture
def two_servers(request, app, database_url, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip(
            "needs PostgreSQL (two app servers on one database): run with DATABASE_URL set, "
            "as scripts/with-postgres.sh does in the PostgreSQL pass of scripts/test-all.sh"
        )
    s3_server = request.getfixturevalue("s3_server")
    clamd = request.getfixturevalue("clamd")  # production scans every upload
    bucket = f"portal-{secrets.token_hex(4)}"
    s3_server.client().create_bucket(Bucket=bucket)
    ports, servers = [], []
    for name in ("app-a", "app-b"):
        folder = tmp_path / name
        folder.mkdir()
        env = {
            "PORTAL_ENV": "production",
            "SECRET_KEY": SECRET,
            "DATABASE_URL": database_url,
            "MAIL_BACKEND": "smtp",
            "PORTAL_CLAMD_SOCKET": clamd,
            "PORTAL_UPLOAD_DIR": str(folder / "uploads"),
            "PORTAL_STATIC_BUILD_DIR": str(folder / "static"),
            **{key: str(value) for key, value in s3_settings(s3_server, bucket).items()},
            **PRODUCTION_IDENTITY,  # the same keys on both servers
        }
        port, server = _gunicorn(name, env, folder)
        ports.append(port)
        servers.append(server)
    yield ports, tmp_path
    for server in servers:
        server.stop()


def test_session_and_files_work_across_servers(two_servers, make_user):
    (a, b), folder = two_servers
    person = make_user(Role.APPLICANT)
    browser = Browser()
    token = browser.csrf(a, "/login")
    status, _headers, _data = browser.post(
        a, "/login", {"email": person.email, "password": PASSWORD, "csrf_token": token}
    )
    assert status == 302
    status, _headers, data = browser.request(b, "GET", "/werkmap/")
    assert status == 200 and person.name in data.decode()  # the session started on A
    token = browser.csrf(b, "/werkmap/new")
    boundary, body = encode_multipart(
        {
            **ENTRY,
            "csrf_token": token,
            "file": FileStorage(io.BytesIO(PNG), filename="bewijs.png", content_type="image/png"),
        }
    )
    status, _headers, _data = browser.request(
        b,
        "POST",
        "/werkmap/new",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert status == 302, _data[:500]
    _status, _headers, page = browser.request(a, "GET", "/werkmap/")
    entry_id = re.search(r"/werkmap/(\d+)\"", page.decode()).group(1)
    status, _headers, data = browser.request(a, "GET", f"/werkmap/{entry_id}/proof")
    assert status == 200 and data == PNG  # uploaded through B, served by A
    assert not any((folder / name / "uploads").exists() for name in ("app-a", "app-b"))
