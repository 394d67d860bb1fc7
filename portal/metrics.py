"""Prometheus metrics of the requests themselves: latency per endpoint, responses by status,
server errors. What the database knows (outbox, scheduled jobs, sessions) is read when
/metrics is scraped (portal.operations).

Under gunicorn every worker is its own process: with PROMETHEUS_MULTIPROC_DIR set (an empty
folder, emptied at every start), prometheus-client writes each worker's values there and a
scrape of any worker adds them all up. Without it the values are this process's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from flask import Flask, Response, request
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from portal import requestlog

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

_OWN = CollectorRegistry()
LATENCY = Histogram(
    "portal_request_duration_seconds",
    "Time from the start of a request to its response, per endpoint.",
    ["endpoint", "method"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=_OWN,
)
RESPONSES = Counter(
    "portal_responses",
    "Responses per endpoint and status code.",
    ["endpoint", "method", "status"],
    registry=_OWN,
)
ERRORS = Counter(
    "portal_server_errors",
    "Responses with a server error (status 500 and up) per endpoint.",
    ["endpoint"],
    registry=_OWN,
)


def observe(endpoint: str | None, method: str, status: int, seconds: float) -> None:
    """Count one response. Endpoints are the app's own names (a path without a route counts
    as `unmatched`), so the number of series stays bounded whatever visitors ask for."""
    name = endpoint or "unmatched"
    verb = method if method in METHODS else "other"
    LATENCY.labels(name, verb).observe(seconds)
    RESPONSES.labels(name, verb, str(status)).inc()
    if status >= 500:
        ERRORS.labels(name).inc()


def observe_requests(app: Flask) -> None:
    """First of all hooks: the request id and start time (portal.requestlog); last of all,
    the request's log line and its metrics."""
    requestlog.init_app(app)

    @app.after_request
    def count(response: Response) -> Response:
        observe(request.endpoint, request.method, response.status_code, requestlog.elapsed())
        return response


class _Own(Collector):
    def collect(self) -> Iterable:
        return _OWN.collect()


def exposition(*extra: Collector) -> bytes:
    """The text format of every metric: this process's (or, in multiprocess mode, every
    worker's) request metrics, then those of `extra` collectors."""
    registry = CollectorRegistry()
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        MultiProcessCollector(registry, path=folder)
    else:
        registry.register(_Own())
    for collector in extra:
        registry.register(collector)
    return generate_latest(registry)
