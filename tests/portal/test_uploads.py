"""Content checks do bounded work: zip bombs, lying archives, huge pictures and deep JSON are
refused without being inflated, decoded or parsed in full. Memory is measured with
tracemalloc (what Python allocates, zlib's output included), never time."""

from __future__ import annotations

import io
import json
import os
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from sqlalchemy import select

from bench.attacks.hostile import archive, bomb, stored
from portal.db import db
from portal.files import StoredFile
from portal.roles import Role
from portal.uploads import (
    DOCX,
    JPEG,
    MAX_MEMBERS,
    ODT,
    PDF,
    PNG,
    UncheckableError,
    load_json,
    sniff,
)
from portal.werkmap.models import LogEntry
from tests.portal.test_files import ENTRY, _send, docx_bytes, odt_bytes

KB, MB = 1024, 1024 * 1024
ODT_TYPE = ODT.encode()
PICTURES = (PDF, JPEG, PNG)


def peak_mb(work) -> tuple[object, float]:
    """What `work()` returned (or raised), and the peak of Python allocations during it."""
    tracemalloc.start()
    try:
        try:
            result: object = work()
        except UncheckableError as error:
            result = error
        return result, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def deflated(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, packer.compress(data) + packer.flush(), 8, zlib.crc32(data), len(data)


def odt_with_bomb(size: int = 100 * KB) -> bytes:
    """An ODT whose mimetype member inflates ~1000-fold (100 KB: 100 MB of spaces after the
    type, so that the old check, which read it whole and stripped it, said ODT)."""
    data, crc, inflated = bomb(ODT_TYPE, size)
    return archive([("mimetype", data, 8, crc, inflated), stored("content.xml", b"<x/>")])


def test_an_odt_whose_mimetype_inflates_to_100_mb_is_refused_without_inflating_it():
    # Before: the whole member was read (100 MB here; 1 GB from a 1 MB upload cost a worker
    # 2 GB and 17 s) and the file was accepted as an ODT.
    hostile = odt_with_bomb()
    result, peak = peak_mb(lambda: sniff(hostile))
    assert isinstance(result, UncheckableError) and result.reason == "total size"
    assert peak < 1


def test_a_bomb_beside_a_large_photo_is_caught_by_its_own_ratio():
    """2 MB of photo keep the ratio of the whole low; the 5 KB member inflates to 5 MB."""
    data, crc, inflated = bomb(b"<w:document>", 5 * KB)
    docx = archive(
        [
            stored("word/media/image1.jpeg", os.urandom(2 * MB)),
            ("word/document.xml", data, 8, crc, inflated),
        ]
    )
    with pytest.raises(UncheckableError, match="member size"):
        sniff(docx)


def test_a_central_directory_that_lies_about_the_size_is_not_believed():
    """It declares 39 bytes for the mimetype member; the stream inflates to 100 MB."""
    data, _crc, _inflated = bomb(ODT_TYPE, 100 * KB)
    lying = archive(
        [("mimetype", data, 8, zlib.crc32(ODT_TYPE), len(ODT_TYPE)), stored("content.xml", b"")]
    )
    result, peak = peak_mb(lambda: sniff(lying))
    assert isinstance(result, UncheckableError) and result.reason == "sizes"
    assert peak < 1


def test_declared_gigabytes_are_refused_before_anything_is_read():
    small = deflated("word/document.xml", b"<w:document/>")
    huge = (*small[:4], 5 * 1024 * MB)  # ZIP64: declared 5 GB
    with pytest.raises(UncheckableError, match="total size"):
        sniff(archive([stored("[Content_Types].xml", b"<Types/>"), huge]))


def test_many_small_bombs_are_caught_by_the_ratio_of_the_whole():
    """Each member inflates to 1 MB (within the grace for one member); 60 of them are 60 MB
    from 60 KB."""
    _name, *part = deflated("", b" " * MB)
    members = [(f"word/media/part{n}.xml", *part) for n in range(60)]
    with pytest.raises(UncheckableError, match="total size"):
        sniff(archive([stored("word/document.xml", b"<w:document/>"), *members]))


def test_too_many_members_are_counted_before_the_archive_is_opened():
    members = [stored(f"word/m{n}.xml", b"") for n in range(MAX_MEMBERS + 1)]
    with pytest.raises(UncheckableError, match="members"):
        sniff(archive([stored("word/document.xml", b"<w:document/>"), *members]))


@pytest.mark.parametrize(
    "inner",
    [
        stored("word/embeddings/package.zip", b"anything"),
        stored("word/media/image1.png", docx_bytes()),  # an archive under an image's name
        deflated("word/media/image2.png", b"\x1f\x8b\x08\x00" + b"\x00" * 100),  # gzip
    ],
)
def test_an_archive_inside_the_archive_is_refused(inner):
    docx = archive(
        [stored("[Content_Types].xml", b"<Types/>"), deflated("word/document.xml", b"<w/>"), inner]
    )
    with pytest.raises(UncheckableError, match="nested archive"):
        sniff(docx)


def test_duplicate_names_encryption_and_other_compression_are_refused():
    twice = [stored("mimetype", ODT_TYPE), stored("mimetype", b"text/plain")]
    with pytest.raises(UncheckableError, match="duplicate names"):
        sniff(archive(twice))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as bz:
        bz.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UncheckableError, match="compression method"):
        sniff(buffer.getvalue())
    plain = archive([stored("word/document.xml", b"<w:document/>")])
    at = plain.index(b"PK\x01\x02")  # set the 'encrypted' flag in the central directory
    encrypted = plain[: at + 8] + struct.pack("<H", 1) + plain[at + 10 :]
    with pytest.raises(UncheckableError, match="encrypted"):
        sniff(encrypted)


def test_real_documents_still_pass():
    assert sniff(docx_bytes()) == DOCX
    assert sniff(odt_bytes()) == ODT
    text = "".join(f"<w:p><w:r><w:t>Regel {n} van mijn cv</w:t></w:r></w:p>" for n in range(8000))
    photo = os.urandom(2 * MB)  # a picture does not compress
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", f"<w:document><w:body>{text}</w:body></w:document>")
        docx.writestr("word/media/image1.jpeg", photo)
    assert sniff(buffer.getvalue()) == DOCX


def test_where_no_archive_is_accepted_none_is_opened():
    """The proof upload takes PDF, JPEG and PNG: a bomb is just the wrong kind there."""
    hostile = odt_with_bomb()
    result, peak = peak_mb(lambda: sniff(hostile, PICTURES))
    assert result is None and peak < 1


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + b"\x00" * 4


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x00" * 9
    return b"\xff\xd8" + app0 + frame + b"\xff\xd9"


def test_pictures_are_measured_from_their_header_and_refused_above_100_megapixels():
    assert sniff(png(4000, 3000)) == PNG and sniff(jpeg(8000, 6000)) == JPEG
    for bomb_picture in (png(100_000, 100_000), jpeg(20_000, 20_000)):
        with pytest.raises(UncheckableError, match="pixels"):
            sniff(bomb_picture, PICTURES)


def test_json_is_read_with_bounded_depth_and_size():
    assert load_json(b'{"log": [{"history": [{"at": "x"}]}]}') == {
        "log": [{"history": [{"at": "x"}]}]
    }
    for hostile in (b"[" * 100_000 + b"]" * 100_000, b"[" * 40 + b"]" * 40):
        with pytest.raises(UncheckableError, match="json depth"):
            load_json(hostile)
    with pytest.raises(UncheckableError, match="json containers"):
        load_json(b"[" + b",".join([b"{}"] * 200_001) + b"]")
    with pytest.raises(json.JSONDecodeError):
        load_json(b"not json")
    assert load_json(json.dumps({"a": [1, 2, 3]}).encode("utf-8-sig")) == {"a": [1, 2, 3]}


def test_a_zip_bomb_is_refused_at_the_field_and_nothing_is_kept(client, login_as):
    """Before: the CV upload inflated the ODT's mimetype member whole and stored the bomb; the
    proof upload inflated it too before saying it was the wrong kind."""
    login_as(Role.APPLICANT)
    hostile = odt_with_bomb()
    html = _send(client, "/werkmap/cv/upload", hostile, "cv.odt").get_data(as_text=True)
    assert (
        "Dit bestand kunnen we niet controleren. Sla het op als PDF en probeer het opnieuw." in html
    )
    html = _send(client, "/werkmap/new", hostile, "bewijs.odt", **ENTRY).get_data(as_text=True)
    assert "Dit soort bestand kan niet. Kies een bestand van het type PDF, JPG, PNG." in html
    assert 'value="Bakkerij De Zon"' in html
    huge = png(100_000, 100_000)
    html = _send(client, "/werkmap/new", huge, "bewijs.png", **ENTRY).get_data(as_text=True)
    assert "Deze foto is te groot om te controleren." in html
    assert db.session.scalar(select(StoredFile)) is None
    assert db.session.scalar(select(LogEntry)) is None
