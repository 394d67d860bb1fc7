"""Sealing, key rotation, the download and erasure with the files in an S3-compatible bucket
(PORTAL_STORAGE=s3, a real server started by the suite): the same storage backend as uploads."""

import base64
import secrets

import pytest
from botocore.exceptions import ClientError

from portal import files, sealing, storage
from portal.db import db, unit_of_work, utcnow
from portal.files import StoredFile
from portal.people import User
from portal.privacy import export_services, key_services, retention_services
from portal.roles import Role
from tests.portal.privacy.people import PDF, fill
from tests.portal.privacy.test_sealing import OTHER_KEY
from tests.portal.test_storage_s3 import s3_settings


@pytest.fixture
def bucket(s3_server):
    name = f"privacy-{secrets.token_hex(4)}"
    s3_server.client().create_bucket(Bucket=name)
    return name


def test_files_in_the_bucket_are_sealed_rotated_exported_and_erased(
    make_app, make_user, s3_server, bucket
):
    lead, helper = make_user(Role.TEAM_LEAD), make_user(Role.STIP)
    person = make_user(Role.APPLICANT)
    settings = s3_settings(s3_server, bucket)
    s3 = s3_server.client()
    first = make_app(**settings)
    with first.app_context():
        made = fill(db.session.get(User, person.id), db.session.get(User, helper.id))
        name = db.session.get(StoredFile, made["file"]).storage_name
        old_key = base64.b64encode(sealing.keys()[1][sealing.keys()[0]]).decode()
    key = f"uploads/{name}"
    kept = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    assert sealing.is_sealed(kept) and PDF not in kept and b"geheim" not in kept

    rotating = make_app(**settings, PORTAL_DATA_KEY=OTHER_KEY, PORTAL_DATA_KEYS_RETIRED=old_key)
    with rotating.app_context():
        with unit_of_work():
            assert key_services.rotate()["stored_file"] == 1
        resealed = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        assert sealing.key_of(resealed) == sealing.keys()[0] != sealing.key_of(kept)
        found = export_services.collect(db.session.get(User, person.id))
        (stored,) = export_services.stored_files(found)
        assert export_services.file_content(stored) == PDF
        with unit_of_work():
            retention_services.erase(
                db.session.get(User, lead.id), db.session.get(User, person.id), "asked", utcnow()
            )
        assert db.session.get(StoredFile, made["file"]) is None
        with pytest.raises(FileNotFoundError):  # a missing object reads as a missing file
            storage.backend().get(name)
        assert files.reseal(StoredFile(storage_name=name)) is False  # rotation skips it
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key=key)
