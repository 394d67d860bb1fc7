"""The team lead's advice figures: monthly counters per route, kept with each decision (so
the figures read a few rows), with the objections and how many of them changed the advice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.db import db
from portal.intake.models import QuestionnaireResponse, RoutingFigure


def count(response: QuestionnaireResponse, overridden: bool, now: datetime) -> None:
    """One more decision (and perhaps override) in this month's figure of the route; and, when
    the applicant had objected, one more objection (and perhaps one that changed the advice)."""
    key = {
        "month": now.astimezone(UTC).date().replace(day=1),
        "questionnaire_id": response.questionnaire_id,
        "scheme": response.scheme,
        "route_id": response.route_id or "",
        "advised_outcome": response.advised_outcome or "",
    }
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    added = int(overridden)
    objected = int(response.objection is not None)
    changed = objected * added
    statement = insert(RoutingFigure).values(
        **key,
        decisions=1,
        overridden=added,
        objections=objected,
        objections_changed=changed,
    )
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=list(key),
            set_={
                "decisions": RoutingFigure.decisions + 1,
                "overridden": RoutingFigure.overridden + added,
                "objections": RoutingFigure.objections + objected,
                "objections_changed": RoutingFigure.objections_changed + changed,
            },
        )
    )


def override_figures(since: date | None = None) -> list[dict]:
    """Per questionnaire, scheme and route: decisions and how many overrode the advice; the
    decided advice the applicant objected to, and how many of those the decision changed (from
    the monthly counters; `since`: the months from that one on)."""
    query = select(
        RoutingFigure.questionnaire_id,
        RoutingFigure.scheme,
        RoutingFigure.route_id,
        RoutingFigure.advised_outcome,
        func.sum(RoutingFigure.decisions),
        func.sum(RoutingFigure.overridden),
        func.sum(RoutingFigure.objections),
        func.sum(RoutingFigure.objections_changed),
    )
    if since is not None:
        query = query.where(RoutingFigure.month >= since.replace(day=1))
    rows = db.session.execute(
        query.group_by(
            RoutingFigure.questionnaire_id,
            RoutingFigure.scheme,
            RoutingFigure.route_id,
            RoutingFigure.advised_outcome,
        ).order_by(RoutingFigure.questionnaire_id, RoutingFigure.route_id)
    ).all()
    return [
        {
            "questionnaire": q,
            "scheme": s,
            "route": r or None,
            "outcome": o,
            "decisions": int(n),
            "overridden": int(k or 0),
            "share": round(100 * int(k or 0) / n) if n else 0,
            "objections": int(m or 0),
            "objections_changed": int(c or 0),
        }
        for q, s, r, o, n, k, m, c in rows
    ]
