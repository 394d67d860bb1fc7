"""Where the bytes of uploaded files live: a folder on the local disk (the default), or an
S3-compatible object store (`PORTAL_STORAGE=s3`), which every app server can reach.

`portal.files` decides what may be stored and keeps the rows; this module only puts, gets and
deletes bytes under a generated name. One backend per app, made on first use.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Protocol

import boto3
from botocore.config import Config
from flask import Flask, current_app


class Storage(Protocol):
    def put(self, name: str, data: bytes, content_type: str) -> None: ...

    def get(self, name: str) -> bytes:
        """The bytes kept under `name`; FileNotFoundError when there are none."""
        ...

    def delete(self, name: str) -> None: ...


class LocalFolder:
    """Files in one folder on this machine (`PORTAL_UPLOAD_DIR`): one app server only."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def path(self, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / name

    def put(self, name: str, data: bytes, content_type: str) -> None:
        """Written beside and renamed into place: a reader sees the old or the new bytes
        (a file sealed again under a new key replaces itself)."""
        path = self.path(name)
        draft = path.with_name(f".{name}.{secrets.token_hex(4)}")
        draft.write_bytes(data)
        os.replace(draft, path)

    def get(self, name: str) -> bytes:
        return self.path(name).read_bytes()

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)


class S3Bucket:
    """Objects in one bucket (under `PORTAL_S3_PREFIX`) of an S3-compatible store, through
    boto3. Credentials: PORTAL_S3_ACCESS_KEY_ID and PORTAL_S3_SECRET_ACCESS_KEY when set,
    otherwise boto3's own chain (AWS_* variables, a profile, an instance role)."""

    def __init__(self, config: dict):
        self.bucket = str(config["PORTAL_S3_BUCKET"])
        self.prefix = str(config["PORTAL_S3_PREFIX"])
        self.client = boto3.client(
            "s3",
            endpoint_url=config["PORTAL_S3_ENDPOINT_URL"] or None,
            region_name=config["PORTAL_S3_REGION"] or None,
            aws_access_key_id=config["PORTAL_S3_ACCESS_KEY_ID"] or None,
            aws_secret_access_key=config["PORTAL_S3_SECRET_ACCESS_KEY"] or None,
            config=Config(
                s3={"addressing_style": config["PORTAL_S3_ADDRESSING_STYLE"]},
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        )

    def put(self, name: str, data: bytes, content_type: str) -> None:
        self.client.put_object(
            Bucket=self.bucket, Key=self.prefix + name, Body=data, ContentType=content_type
        )

    def get(self, name: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)
        except self.client.exceptions.NoSuchKey:
            raise FileNotFoundError(name) from None
        return response["Body"].read()

    def delete(self, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + name)


def make(config: dict) -> Storage:
    if config["PORTAL_STORAGE"] == "s3":
        return S3Bucket(config)
    return LocalFolder(str(config["PORTAL_UPLOAD_DIR"]))


def backend(app: Flask | None = None) -> Storage:
    """The app's storage (made once; boto3 clients may be shared between threads)."""
    app = app or current_app
    found = app.extensions.get("portal_storage")
    if found is None:
        found = app.extensions["portal_storage"] = make(app.config)
    return found
