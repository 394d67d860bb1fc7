"""The e-coach's caseload table, row by row, as the words it shows (staff only).

A page of 25 people rendered each cell through Jinja's filters and loops: a sentence formatted
per row, a date per row, a loop over the reasons. Here the sentences are translated once per
page and each row becomes plain values; the template only prints them (and escapes them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from portal import i18n
from portal.coaching.services import Row


@dataclass(frozen=True, slots=True)
class Shown:
    id: int
    name: str
    select_label: str  # "Select <name>", the checkbox's accessible name
    standing_in_for: str  # "Standing in for <coach>", or "" for the coach's own people
    applied: str  # "<count> of <norm>"
    days_quiet: int
    unread: int
    review: str  # the review's day, or "Done"
    reasons: str  # why the person needs attention, or "" when nothing does


def rows(found: Sequence[Row], own_id: int, names: Mapping[int, str], reasons: Mapping) -> list:
    """The rows as shown; `names`: the coaches stood in for, `reasons`: the reasons' labels."""
    # Translated once for the table; flask_babel leaves the placeholders of a text asked for
    # without values, and they are filled in per row.
    select_label, applied_of = _("Select %(name)s"), _("%(count)s of %(norm)s")
    standing_in, done = _("Standing in for %(name)s"), _("Done")
    day = i18n.day_formatter("medium")
    shown = []
    for row in found:
        signals, facts = row.signals, row.signals.facts
        shown.append(
            Shown(
                id=row.person.id,
                name=row.person.name,
                select_label=select_label % {"name": row.person.name},
                standing_in_for=""
                if row.coach_id == own_id
                else standing_in % {"name": names.get(row.coach_id, "")},
                applied=applied_of
                % {"count": facts.applications_4w, "norm": 4 * facts.weekly_norm},
                days_quiet=signals.days_quiet,
                unread=facts.unread,
                review=day(facts.review_due) if facts.review_due else done,
                reasons=", ".join(reasons[r] for r in signals.reasons),
            )
        )
    return shown
