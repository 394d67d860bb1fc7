"""Security events: who did what, with what result, from where, when — never personal content.

One JSON line per event on the `portal.security` logger (operations send it to their log
store). Kinds are dotted names such as `login.success`, `login.failure`, `access.denied`,
`mfa.reset`; `actor` is an account id (never a name or address); `detail` must not hold
personal data (an id, a reason code). The client address comes from the request, after the
trusted proxies.
"""

from __future__ import annotations

import json
import logging
import re

from flask import g, has_request_context, request

from portal.db import utcnow

logger = logging.getLogger("portal.security")


def event(kind: str, *, result: str = "ok", actor: int | None = None, detail: str = "") -> dict:
    """Log one security event and return what was logged."""
    record = {
        "at": utcnow().isoformat(timespec="seconds"),
        "event": kind,
        "result": result,
        "actor": actor,
        "client": request.remote_addr if has_request_context() else None,
        "endpoint": request.endpoint if has_request_context() else None,
        "detail": detail[:200],
        "request_id": g.get("request_id") if has_request_context() else None,
    }
    # The message is the JSON line itself; `fields` lets portal.requestlog's formatter write
    # the same keys beside the time, level and logger.
    logger.info(json.dumps(record, ensure_ascii=True, sort_keys=True), extra={"fields": record})
    return record


class ScrubDatabaseErrors(logging.Filter):
    """Keeps values out of logged database errors. SQLAlchemy hides the statement's parameters
    (hide_parameters); PostgreSQL repeats values in its own message: DETAIL lines ("Key
    (email)=(...)", "Failing row contains (...)") and "invalid input syntax for type integer:
    \"...\"". The formatted traceback is scrubbed of those before any handler sees it."""

    patterns = (
        (re.compile(r"^(DETAIL|HINT|CONTEXT|WHERE):.*$", re.MULTILINE), r"\1: [hidden]"),
        (re.compile(r'(invalid input (?:syntax|value) for [^:\n]*: )"[^"\n]*"'), r'\1"[hidden]"'),
        (re.compile(r"(value too long for type [^\n]*?)(: .*)?$", re.MULTILINE), r"\1"),
    )

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            for pattern, replacement in self.patterns:
                record.exc_text = pattern.sub(replacement, record.exc_text)
        return True
