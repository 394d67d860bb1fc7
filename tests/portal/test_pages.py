"""One page of a list: counts, bounds and the template variables."""

from sqlalchemy import select

from portal.pages import Page, paginate
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
    assert page.context("rows") == {"rows": ["a"], "total": 1, "page": 1, "pages": 1}
