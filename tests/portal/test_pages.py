"""One page of a list: counts, bounds and the template variables."""

from unittest.mock import ANY

from sqlalchemy import bindparam, event, select

from portal.pages import Page, Window, paginate, window
from portal.people import User
from portal.roles import Role


def test_a_list_in_pages():
    assert paginate(list(range(7)), 2, 3) == Page(items=[3, 4, 5], total=7, page=2, pages=3)
    assert paginate(list(range(7)), 3, 3).items == [6]


def test_a_page_out_of_range_becomes_the_nearest_one():
    assert paginate(list(range(7)), 0, 3).page == 1
    assert paginate(list(range(7)), 99, 3) == Page(items=[6], total=7, page=3, pages=3)
    assert paginate([], 5, 3) == Page(items=[], total=0, page=1, pages=1)


def test_a_query_in_pages(app, make_user):
    people = [make_user(Role.ECOACH, name=f"Coach {n}") for n in range(5)]
    found = paginate(select(User).where(User.role == Role.ECOACH).order_by(User.name), 2, 2)
    assert [u.id for u in found.items] == [p.id for p in people[2:4]]
    assert (found.total, found.page, found.pages) == (5, 2, 3)


def test_the_template_variables():
    page = Page(items=["a"], total=1, page=1, pages=1)
    assert page.context("rows") == {
        "rows": ["a"],
        "total": 1,
        "page": 1,
        "pages": 1,
        "more": False,
    }


def test_the_bounds_of_a_page_counted_elsewhere():
    assert window(7, 2, 3) == Window(page=2, pages=3, offset=3)
    assert window(7, 99, 3).of(["x"], 7) == Page(items=["x"], total=7, page=3, pages=3)
    assert window(0, 0, 3) == Window(page=1, pages=1, offset=0)


def test_a_statement_built_once_with_parameters(app, make_user):
    coaches = [make_user(Role.ECOACH, name=f"Coach {n}") for n in range(3)]
    rows = select(User).where(User.role == bindparam("role")).order_by(User.name)
    found = paginate(rows, 2, 2, params={"role": Role.ECOACH})
    assert (found.items, found.total, found.pages) == ([coaches[2]], 3, 2)
    assert paginate(rows, 1, 2, params={"role": Role.TEAM_LEAD}).total == 0


def test_a_query_not_counted_has_more_or_not(app, make_user):
    coaches = [make_user(Role.ECOACH, name=f"Coach {n}") for n in range(5)]
    rows = select(User).where(User.role == Role.ECOACH).order_by(User.name)
    first = paginate(rows, 1, 2, count=False)
    assert first == Page(items=coaches[:2], total=2, page=1, pages=2, more=True)
    assert paginate(rows, 2, 2, count=False).more
    last = paginate(rows, 3, 2, count=False)
    assert last == Page(items=coaches[4:], total=5, page=3, pages=3, more=False)
    # A page past the end: counted once, to show the last page.
    assert paginate(rows, 7, 2, count=False) == last
    assert paginate(rows.where(User.id < 0), 1, 2, count=False) == Page([], 0, 1, 1)


def test_a_page_that_is_not_full_needs_no_count(app, make_user):
    """The page is read first: a short list, or the last page, tells its own total; only a full
    page (or one past the end) is counted. Failed before: every page was a count and a page."""
    for n in range(5):
        make_user(Role.ECOACH, name=f"Coach {n}")
    rows = select(User).where(User.role == Role.ECOACH).order_by(User.name)
    engine = app.extensions["db_engine"]
    statements: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert paginate(rows, 1, 10) == Page(items=ANY, total=5, page=1, pages=1)
        assert len(statements) == 1
        statements.clear()
        assert (paginate(rows, 3, 2).total, paginate(rows, 3, 2).pages) == (5, 3)
        assert len(statements) == 2  # the last page, not full, twice: no count
        statements.clear()
        full = paginate(rows, 1, 5)
        assert (len(full.items), full.total, full.pages) == (5, 5, 1)
        assert len(statements) == 2  # a full page: is there more? counted
        statements.clear()
        assert paginate(rows, 9, 2) == Page(items=ANY, total=5, page=3, pages=3)
        assert len(statements) == 3  # past the end: counted, then the last page
        assert paginate(rows.where(User.id < 0), 4, 2) == Page([], 0, 1, 1)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
