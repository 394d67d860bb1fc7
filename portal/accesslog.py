"""gunicorn's access log, safe to read and to parse: `--logger-class portal.accesslog.AccessLogger`.

gunicorn writes the path of `%(U)s` decoded, so a request for `/x%0A<fake line>` writes a
second, forged line into the log; `%(r)s`, `%(q)s` and the Referer carry query strings, where
the one-time links of mails keep their token. This logger gives every atom without a query
string, with the path as it was sent (still percent-encoded), and with control characters
and backslashes written as \\xHH (gunicorn itself escapes the quote as \\"), so one request is
always one line and its fields can be parsed.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\\]")


def escape(value: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}", value)


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = _without_query(environ.get("RAW_URI") or environ.get("PATH_INFO") or "")
        atoms["U"] = path
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        atoms["q"] = atoms["{query_string}e"] = "-"
        for key in ("f", "{referer}i", "{http_referer}e", "{raw_uri}e", "{request_uri}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = _without_query(atoms[key])
        return {k: escape(v) if isinstance(v, str) else v for k, v in atoms.items()}
