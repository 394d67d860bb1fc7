"""The court decision's document is kept by the storage backend: in the S3 bucket when the
portal stores uploads there (a real server, started by the suite), and downloaded from it."""

import io

from sqlalchemy import select

from portal import sealing
from portal.db import db
from portal.files import StoredFile
from portal.mandates import Mandate
from portal.roles import Role
from tests.portal.represent.test_linking import PDF
from tests.portal.test_storage_s3 import bucket, s3_settings

__all__ = ["bucket"]  # the fixture, used below


def test_the_court_decision_lies_in_the_bucket(
    make_app, login, make_user, person, representative, s3_server, bucket
):
    web = make_app(**s3_settings(s3_server, bucket))
    client = web.test_client()
    login(make_user(Role.CONSULTANT), target=client)
    base = f"/people/{person.id}/representatives/"
    done = client.submit(
        base,
        {
            "kind": "mentorschap",
            "name": representative.name,
            "email": representative.email,
            "reference": "C/16/654321 / ME RK 26-2",
            "decided_on": "2026-02-02",
            "ends_on": "",
            "file": (io.BytesIO(PDF), "beschikking.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert done.status_code == 302
    with web.app_context():
        made = db.session.scalar(select(Mandate))
        stored = db.session.get(StoredFile, made.document_file_id)
    key = f"uploads/{stored.storage_name}"
    stored = s3_server.client().get_object(Bucket=bucket, Key=key)["Body"].read()
    assert sealing.is_sealed(stored) and PDF not in stored  # encrypted at rest (privacy)
    download = client.get(f"{base}{made.id}/document")
    assert download.status_code == 200 and download.data == PDF
    download.close()
