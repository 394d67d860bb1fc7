"""One page of a long list: the arithmetic every paginated list needs, written once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from portal.db import db


@dataclass(frozen=True)
class Page:
    """The items of one page, how many there are in all, this page's number, how many pages."""

    items: list
    total: int
    page: int
    pages: int

    def context(self, name: str) -> dict[str, Any]:
        """Template variables: the items as `name`, and total, page and pages."""
        return {name: self.items, "total": self.total, "page": self.page, "pages": self.pages}


def paginate(rows: Select | Sequence, page: int, per_page: int) -> Page:
    """One page of an ordered query (a count, then one limited query) or of a list; a page
    number out of range becomes the nearest page."""
    if isinstance(rows, Select):
        counted = select(func.count()).select_from(rows.order_by(None).subquery())
        total = db.session.execute(counted).scalar_one()
    else:
        total = len(rows)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    if isinstance(rows, Select):
        items = list(db.session.scalars(rows.limit(per_page).offset(start)))
    else:
        items = list(rows[start : start + per_page])
    return Page(items=items, total=total, page=page, pages=pages)
