"""/metrics for Prometheus: only with the bearer token of PORTAL_METRICS_TOKEN.

Without that setting the page does not exist (404); a request without the right token gets
401 and is logged as a security event. The token is compared in constant time.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, abort, current_app, request

from portal import metrics, security
from portal.db import utcnow
from portal.operations.services import Gauges

bp = Blueprint("operations", __name__)


def _authorised(token: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


@bp.route("/metrics")
def scrape():
    token = current_app.config["PORTAL_METRICS_TOKEN"]
    if not token:
        abort(404)
    if not _authorised(token):
        security.event("metrics.denied", result="refused")
        return Response(
            "Unauthorized\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store"},
            mimetype="text/plain",
        )
    body = metrics.exposition(Gauges(current_app.config, utcnow()))
    return Response(body, headers={"Cache-Control": "no-store"}, content_type=metrics.CONTENT_TYPE)
