"""One page of a long list: the arithmetic every paginated list needs, written once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, select

from portal.db import db, fetch


@dataclass(frozen=True)
class Page:
    """The items of one page, how many there are in all, this page's number, how many pages.

    With `more` the list was not counted: `total` is the items up to this page's last, more
    follow, and `pages` is this page plus the next one (see `paginate(..., count=False)`)."""

    items: list
    total: int
    page: int
    pages: int
    more: bool = False

    def context(self, name: str) -> dict[str, Any]:
        """Template variables: the items as `name`, and total, page, pages and more."""
        return {
            name: self.items,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "more": self.more,
        }


@dataclass(frozen=True)
class Window:
    """Where a page lies in a list of `total` items: its number (out of range becomes the
    nearest page), how many pages there are, and the rows to skip."""

    page: int
    pages: int
    offset: int

    def of(self, items: list, total: int) -> Page:
        return Page(items=items, total=total, page=self.page, pages=self.pages)


def window(total: int, page: int, per_page: int) -> Window:
    """The bounds of page `page` in a list of `total` items (for a caller that counts in a
    query of its own, with other figures in the same pass)."""
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    return Window(page=page, pages=pages, offset=(page - 1) * per_page)


# Count and page statements of statements built once (see `params`), built once too.
_BUILT: dict[int, tuple[Select, Select, Select]] = {}


def _statements(rows: Select, once: bool) -> tuple[Select, Select]:
    """The count of `rows` and its page (limit and offset as the parameters page_limit and
    page_offset)."""
    if once and id(rows) in _BUILT and _BUILT[id(rows)][0] is rows:
        return _BUILT[id(rows)][1:]
    counted = select(func.count()).select_from(rows.order_by(None).subquery())
    paged = rows.limit(bindparam("page_limit")).offset(bindparam("page_offset"))
    if once:
        _BUILT[id(rows)] = (rows, counted, paged)
    return counted, paged


def paginate(
    rows: Select | Sequence,
    page: int,
    per_page: int,
    *,
    params: Mapping[str, Any] | None = None,
    count: bool = True,
    columns: bool = False,
) -> Page:
    """One page of an ordered query (the limited query, and a count when the page is full)
    or of a list; a page number out of range becomes the nearest page.

    `params`: the values of the bind parameters of a statement built once (at import time);
    its count and page statements are then built once as well. `count=False`: a query that
    is not counted (a long queue whose count would cost more than the page): the page and
    one row more tell whether more follow (`Page.more`); only a page past the end counts,
    to show the last one. `columns=True`: a statement of columns, not entities; its rows
    (read by attribute like an entity's) come past the ORM layer (`db.fetch`)."""
    if not isinstance(rows, Select):
        found = window(len(rows), page, per_page)
        return found.of(list(rows[found.offset : found.offset + per_page]), len(rows))
    counted, paged = _statements(rows, once=params is not None)
    values = dict(params or {})

    def read(values: dict) -> list:
        return list(fetch(paged, values).all() if columns else db.session.scalars(paged, values))

    if not count:
        start = (max(1, page) - 1) * per_page
        values |= {"page_limit": per_page + 1, "page_offset": start}
        items = read(values)
        if items or page <= 1:
            more = len(items) > per_page
            return Page(
                items=items[:per_page],
                total=start + min(len(items), per_page),
                page=max(1, page),
                pages=max(1, page) + 1 if more else max(1, page),
                more=more,
            )
    # The page first: a page that is not full is the last one, so its items tell the total
    # (a short list costs one statement); a full page or one past the end is counted.
    start = (max(1, page) - 1) * per_page
    items = read(values | {"page_limit": per_page, "page_offset": start})
    if len(items) < per_page and (items or start == 0):
        return Page(items=items, total=start + len(items), page=max(1, page), pages=max(1, page))
    total = fetch(counted, values).scalar_one()
    found = window(total, page, per_page)
    if found.offset != start:
        values |= {"page_limit": per_page, "page_offset": found.offset}
        items = read(values)
    return found.of(items, total)
