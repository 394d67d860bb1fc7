"""The scan in the Werkmap's take-along file (schema werkmap-export.v2.json, part `scan`): the
answers, the person's own ratings and, beside them, each rater's, by competence code and name
(the list is the municipality's, so the words travel with the codes)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from portal.db import db
from portal.labour.models import Competence
from portal.labour.services import definition_of, scan_of


def _moment(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def portable(owner_id: int) -> dict | None:
    scan = scan_of(owner_id)
    if scan is None:
        return None
    definition = definition_of(scan)
    names = {c.id: c for c in db.session.scalars(select(Competence))}

    def ratings(invitation_id: int | None) -> list[dict]:
        return sorted(
            (
                {
                    "competence": names[r.competence_id].code,
                    "name": names[r.competence_id].name,
                    "level": r.level,
                    "level_label": getattr(definition.level(r.level), "label", ""),
                }
                for r in scan.ratings
                if r.invitation_id == invitation_id and r.competence_id in names
            ),
            key=lambda row: row["competence"],
        )

    return {
        "definition": scan.definition,
        "definition_version": scan.definition_version,
        "updated_at": _moment(scan.updated_at),
        "answers": dict(scan.answers or {}),
        "own_ratings": ratings(None),
        "raters": [
            {
                "relation": i.relation,
                "name": i.rater_name,
                "rated_at": _moment(i.submitted_at),
                "ratings": ratings(i.id),
            }
            for i in scan.invitations
            if i.submitted_at is not None
        ],
        "visible_to_job_hunters": scan.visible,
    }
