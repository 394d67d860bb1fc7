"""Uploaded files in an S3-compatible object store (PORTAL_STORAGE=s3), against a real server
(SeaweedFS, started by the suite): kept sealed, downloaded, removed after the commit."""

import io
import secrets

import pytest
from botocore.exceptions import ClientError
from sqlalchemy import select

from portal import sealing, storage
from portal.db import db
from portal.files import StoredFile
from portal.roles import Role
from portal.werkmap.models import LogEntry
from tests.conftest import PASSWORD
from tests.portal.werkmap.test_log import ENTRY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 300


def s3_settings(server, bucket: str) -> dict:
    return {
        "PORTAL_STORAGE": "s3",
        "PORTAL_S3_BUCKET": bucket,
        "PORTAL_S3_ENDPOINT_URL": server.endpoint_url,
        "PORTAL_S3_REGION": server.region,
        "PORTAL_S3_ACCESS_KEY_ID": server.access_key,
        "PORTAL_S3_SECRET_ACCESS_KEY": server.secret_key,
        "PORTAL_S3_ADDRESSING_STYLE": "path",
    }


@pytest.fixture
def bucket(s3_server):
    name = f"portal-{secrets.token_hex(4)}"
    s3_server.client().create_bucket(Bucket=name)
    return name


def test_a_proof_file_lives_in_the_bucket(make_app, make_user, s3_server, bucket):
    web = make_app(**s3_settings(s3_server, bucket))
    client = web.test_client()
    person = make_user(Role.APPLICANT)
    client.submit("/login", {"email": person.email, "password": PASSWORD})
    response = client.submit(
        "/werkmap/new",
        {**ENTRY, "file": (io.BytesIO(PNG), "bewijs.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with web.app_context():
        entry = db.session.scalar(select(LogEntry))
        stored = db.session.get(StoredFile, entry.proof_file_id)
        assert isinstance(storage.backend(), storage.S3Bucket)
    s3 = s3_server.client()
    key = f"uploads/{stored.storage_name}"
    kept = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    assert sealing.is_sealed(kept) and PNG not in kept  # the bucket alone reveals nothing
    assert s3.head_object(Bucket=bucket, Key=key)["ContentType"] == "image/png"
    download = client.get(f"/werkmap/{entry.id}/proof")
    assert download.status_code == 200 and download.data == PNG
    assert download.headers["Content-Disposition"].startswith("attachment;")
    download.close()
    assert client.submit(f"/werkmap/{entry.id}/delete").status_code == 302
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key=key)


def test_storage_settings_are_checked(make_app):
    with pytest.raises(RuntimeError, match="PORTAL_S3_BUCKET"):
        make_app(PORTAL_STORAGE="s3")
    with pytest.raises(RuntimeError, match="PORTAL_STORAGE"):
        make_app(PORTAL_STORAGE="ftp")
