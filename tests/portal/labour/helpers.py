"""The demo lists for the scan's tests, and a filled-in scan."""

from portal import clock
from portal.db import db, unit_of_work, utcnow
from portal.labour import import_services
from portal.labour.models import Competence


def seed_lists() -> dict[str, int]:
    """The shipped demo lists; returns {competence code: id}."""
    with unit_of_work():
        now = utcnow()
        import_services.seed_demo(clock.today(now), now)
    return {c.code: c.id for c in db.session.query(Competence)}


def rate(client, ids: dict[str, int], levels: dict[str, int]):
    """The applicant's own ratings through the page (unrated: not yet)."""
    data = {f"c{cid}": str(levels.get(code, 0)) for code, cid in ids.items()}
    return client.submit("/scan/competences", data)


WISHES = {
    "sectors": ["care", "logistics"],
    "hours": "24",
    "travel": "30",
    "conditions": ["daytime"],
}
