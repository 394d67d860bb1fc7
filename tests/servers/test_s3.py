"""The test S3 server works: buckets and objects through boto3, and signatures are checked."""

import urllib.request

import pytest
from botocore.exceptions import ClientError


def test_create_put_get_delete(s3_server):
    s3 = s3_server.client()
    s3.create_bucket(Bucket="werkmap-files")
    body = b"%PDF-1.4\n" + bytes(range(256)) * 1000
    s3.put_object(
        Bucket="werkmap-files",
        Key="cv/1/cv.pdf",
        Body=body,
        ContentType="application/pdf",
        Metadata={"owner": "42"},
    )

    got = s3.get_object(Bucket="werkmap-files", Key="cv/1/cv.pdf")
    assert got["Body"].read() == body
    assert got["ContentType"] == "application/pdf"
    assert got["Metadata"] == {"owner": "42"}
    listed = s3.list_objects_v2(Bucket="werkmap-files", Prefix="cv/")
    assert [item["Key"] for item in listed["Contents"]] == ["cv/1/cv.pdf"]

    s3.delete_object(Bucket="werkmap-files", Key="cv/1/cv.pdf")
    with pytest.raises(ClientError) as error:
        s3.get_object(Bucket="werkmap-files", Key="cv/1/cv.pdf")
    assert error.value.response["Error"]["Code"] == "NoSuchKey"
    s3.delete_bucket(Bucket="werkmap-files")
    assert "werkmap-files" not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    s3.close()


def test_a_wrong_secret_is_refused(s3_server):
    s3 = s3_server.client(aws_secret_access_key="not-the-secret")
    with pytest.raises(ClientError) as error:
        s3.list_buckets()
    assert error.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    s3.close()


def test_presigned_urls_work(s3_server):
    s3 = s3_server.client()
    s3.create_bucket(Bucket="presigned")
    s3.put_object(Bucket="presigned", Key="letter.pdf", Body=b"%PDF-1.4 letter")
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": "presigned", "Key": "letter.pdf"}, ExpiresIn=60
    )
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.read() == b"%PDF-1.4 letter"
    s3.delete_object(Bucket="presigned", Key="letter.pdf")
    s3.delete_bucket(Bucket="presigned")
    s3.close()
