"""One JSON line per request, and a request id that ties it to the page the visitor saw.

Every request gets an id (16 hex characters), sent back in the `X-Request-ID` header, shown
on error pages as the reference a help desk asks for, and written into the request's log line,
its security events and any error logged while it ran. Behind trusted proxies
(PORTAL_TRUSTED_PROXIES) an id the proxy sent along is kept, if it looks like one.

The request line holds the method, the endpoint and its URL rule (`/people/<int:person_id>`,
never the path itself or its query string, where one-time tokens travel), the status and the
time taken: no names, addresses or values. `JsonFormatter` writes every record of the
`portal` loggers as one JSON line (PORTAL_LOG_FORMAT=json, the default).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sys
import time
from datetime import UTC, datetime

from flask import Flask, Response, current_app, g, has_app_context, request
from flask.logging import default_handler

HEADER = "X-Request-ID"
_INCOMING = re.compile(r"[A-Za-z0-9_.-]{8,64}")
logger = logging.getLogger("portal.request")


def request_id() -> str | None:
    """The id of the request being served (None outside a request)."""
    return g.get("request_id") if has_app_context() else None


def start() -> None:
    """Before anything else of the request: its id and start time."""
    incoming = request.headers.get(HEADER, "")
    trusted = int(current_app.config["PORTAL_TRUSTED_PROXIES"]) > 0
    g.request_id = incoming if trusted and _INCOMING.fullmatch(incoming) else secrets.token_hex(8)
    g.request_started = time.perf_counter()


def elapsed() -> float:
    """Seconds since the request began."""
    return time.perf_counter() - g.get("request_started", time.perf_counter())


def finish(response: Response) -> Response:
    """The id in the response header, and the request's log line."""
    response.headers[HEADER] = g.get("request_id", "")
    rule = request.url_rule.rule if request.url_rule else None
    logger.info(
        "request",
        extra={
            "request_id": g.get("request_id"),
            "fields": {
                "event": "request",
                "method": request.method if request.method.isalpha() else "other",
                "endpoint": request.endpoint,
                "route": rule,
                "status": response.status_code,
                "duration_ms": round(elapsed() * 1000, 1),
            },
        },
    )
    return response


class StampRequestId(logging.Filter):
    """Notes the request id on a record when it is made (a record formatted later, outside
    the request, keeps it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, request id, then the record's
    `fields` (request lines, security events) or its message, and the scrubbed traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or request_id(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=True, default=str)


def init_app(app: Flask) -> None:
    """Request ids and request lines; JSON lines on stderr for the `portal` loggers unless
    PORTAL_LOG_FORMAT=text (then Flask's own handler stays)."""
    app.before_request(start)
    app.after_request(finish)
    portal_logger = logging.getLogger("portal")  # Flask's app.logger: unhandled errors
    if not any(isinstance(f, StampRequestId) for f in portal_logger.filters):
        portal_logger.addFilter(StampRequestId())
    if app.config["PORTAL_LOG_FORMAT"] != "json":
        return
    if not any(isinstance(h.formatter, JsonFormatter) for h in portal_logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.addFilter(StampRequestId())
        portal_logger.addHandler(handler)
    portal_logger.removeHandler(default_handler)  # Flask's plain-text one, if it was added
    if portal_logger.level == logging.NOTSET or portal_logger.level > logging.INFO:
        portal_logger.setLevel(logging.INFO)
