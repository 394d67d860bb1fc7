"""What an upload really is, found with bounded work: a hostile file costs no more than a
harmless one.

- PDF, JPEG and PNG by their first bytes; a picture's size in pixels from its header (never
  decoded), at most MAX_PIXELS.
- DOCX and ODT are ZIP archives. The central directory is read (at most MAX_MEMBERS entries,
  counted in the raw bytes before the archive is opened) and its declared sizes are checked:
  each member and the whole at most MAX_MEMBER_SIZE and MAX_TOTAL_SIZE inflated, at most
  MAX_RATIO times their compressed size, compressed sizes that deflate could have produced
  (a header that claims a small member with a large stream lies), no encryption, no other
  compression than deflate, no archive inside. Nothing is inflated beyond these caps, whatever
  a header says. Inflated: at most HEAD bytes of each member (to
  see whether it is an archive) and PEEK bytes of the `mimetype` member of an ODT.
- JSON (the take-along file) with bounded nesting depth and a bounded number of objects and
  arrays.

`UncheckableError` means: this may be of an accepted kind, but it cannot be checked within these
limits; `sniff` returns None for anything that is not of an accepted kind.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Collection

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
KINDS = (PDF, JPEG, PNG, DOCX, ODT)

MAX_PIXELS = 100_000_000  # a 48-megapixel phone photo is well below
MAX_MEMBERS = 1000  # a CV in Word has about 15, one with many pictures a few hundred
MAX_MEMBER_SIZE = 50 * 1024 * 1024
MAX_TOTAL_SIZE = 100 * 1024 * 1024
MAX_RATIO = 100  # text compresses 5 to 20 times; deflate itself stops near 1032
RATIO_GRACE = 1024 * 1024  # small members and archives may compress better
HEAD, PEEK = 8, 256
MAX_JSON_DEPTH = 32
MAX_JSON_CONTAINERS = 200_000

# Archives inside an archive: by the name's ending, or by the first bytes of the member.
NESTED_NAMES = (
    *(".zip", ".jar", ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp"),
    *(".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".cab", ".zst", ".tar"),
)
NESTED_MAGIC = (
    *(b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf"),
    *(b"Rar!", b"MSCF", b"\x28\xb5\x2f\xfd"),
)


class UncheckableError(Exception):
    """The file cannot be checked within the limits; `reason` says which one (for the log)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sniff(data: bytes, accepted: Collection[str] = KINDS) -> str | None:
    """The real kind of the content when it is one of `accepted`, else None; UncheckableError when
    it looks like an accepted kind that cannot be checked. Archives are opened only when DOCX
    or ODT is accepted."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        _limit_pixels(_jpeg_size(data) if JPEG in accepted else None)
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _limit_pixels(_png_size(data) if PNG in accepted else None)
        return PNG
    if data.startswith(b"PK\x03\x04") and (DOCX in accepted or ODT in accepted):
        return _office(data)
    return None


# --- pictures: the size from the header ---------------------------------------------------


def picture_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG from its header (never decoded); None when unknown."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_size(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg_size(data)
    return None


def _limit_pixels(size: tuple[int, int] | None) -> None:
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise UncheckableError("pixels")


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk, which must come first."""
    if data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker, walking at most 200 segments."""
    at = 2
    for _ in range(200):
        if at + 4 > len(data) or data[at] != 0xFF:
            return None  # no frame: nothing a viewer could decode either
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    raise UncheckableError("jpeg segments")


# --- DOCX and ODT: the central directory, checked before anything is inflated ---------------


def _office(data: bytes) -> str | None:
    # Every central directory entry starts with this signature: counting them in the raw bytes
    # bounds what zipfile will parse, whatever the end record claims.
    if data.count(b"PK\x01\x02") > MAX_MEMBERS:
        raise UncheckableError("members")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return None
    _check_declared(members, len(data))
    names = {member.filename: member for member in members}
    try:
        for member in members:
            if member.filename.lower().endswith(NESTED_NAMES) or _inflate(
                data, member, HEAD
            ).startswith(NESTED_MAGIC):
                raise UncheckableError("nested archive")
        if "word/document.xml" in names:
            return DOCX
        if "mimetype" in names and _inflate(data, names["mimetype"], PEEK).strip() == ODT.encode():
            return ODT
    except (zlib.error, struct.error):
        return None
    return None


def _check_declared(members: list[zipfile.ZipInfo], length: int) -> None:
    if len(members) > MAX_MEMBERS:
        raise UncheckableError("members")
    if len({member.filename for member in members}) != len(members):
        raise UncheckableError("duplicate names")
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if packed > length:
        raise UncheckableError("sizes")
    if total > MAX_TOTAL_SIZE or (total > RATIO_GRACE and total > MAX_RATIO * max(packed, 1)):
        raise UncheckableError("total size")
    for member in members:
        if member.flag_bits & 0x1:
            raise UncheckableError("encrypted")
        if member.compress_type == zipfile.ZIP_STORED:
            possible = member.compress_size == member.file_size
        elif member.compress_type == zipfile.ZIP_DEFLATED:
            # Deflate falls back to stored blocks: its stream is hardly longer than what it
            # holds (an eighth more is generous). A header that declares fewer inflated bytes
            # than that lies about the stream; its size is not believed.
            possible = member.compress_size <= member.file_size + member.file_size // 8 + 1024
        else:
            raise UncheckableError("compression method")
        if not possible:
            raise UncheckableError("sizes")
        if member.file_size > MAX_MEMBER_SIZE or (
            member.file_size > RATIO_GRACE
            and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        ):
            raise UncheckableError("member size")


def _inflate(data: bytes, member: zipfile.ZipInfo, limit: int) -> bytes:
    """At most `limit` bytes of a member, from the raw bytes after its local header."""
    start = member.header_offset
    header = data[start : start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zlib.error("no local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    raw = memoryview(data)[begin : begin + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        return bytes(raw[:limit])
    return zlib.decompressobj(-15).decompress(raw, limit)


# --- JSON ---------------------------------------------------------------------------------------


def load_json(raw: bytes) -> object:
    """Parse JSON with bounded work; ValueError when it is not JSON, UncheckableError when it is
    nested deeper than MAX_JSON_DEPTH or has more than MAX_JSON_CONTAINERS objects and arrays
    (counted from the brackets before parsing, so also those inside strings: a bound)."""
    if raw.count(b"{") + raw.count(b"[") > MAX_JSON_CONTAINERS:
        raise UncheckableError("json containers")
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise UncheckableError("json depth") from None
    level: list[object] = [document]
    for _depth in range(MAX_JSON_DEPTH):
        level = [
            child
            for item in level
            if isinstance(item, dict | list)
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not level:
            return document
    raise UncheckableError("json depth")
