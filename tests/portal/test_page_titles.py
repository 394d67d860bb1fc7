"""Every page has a title of its own: two different pages never share one.

A screen-reader user hears the title first, and a list of tabs or the browser's history shows
only titles: "Vragenlijst – Gemeente" on nine pages tells them nothing. Every role crawls the
demo world as in the bad-input sweep (without the attacks) and the test collects the title
of every page it reached; two pages are different when their paths differ after ids are
replaced (another person's file is the same page, another question page is not).
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape

import pytest

from bench.attacks.bad_input import _pattern, sweep
from tests.portal.test_bad_input import (  # noqa: F401 (demo_world is a fixture)
    SWEEP_ROLES,
    SweepClient,
    _signed_in,
    demo_world,
)

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


class TitleClient(SweepClient):
    """The sweep's client that notes the title of every HTML page it fetched."""

    def __init__(self, client, titles: dict[str, set[str]]):
        super().__init__(client.client)
        self.titles = titles

    def get(self, path: str) -> tuple[int, str, str]:
        status, kind, text = super().get(path)
        found = TITLE.search(text) if status == 200 else None
        if found:
            title = " ".join(unescape(found[1]).split())
            self.titles[title].add(_pattern(path.split("?")[0]))
        return status, kind, text


@pytest.fixture
def titles(demo_world, make_client) -> dict[str, set[str]]:  # noqa: F811
    found: dict[str, set[str]] = defaultdict(set)
    for role in SWEEP_ROLES:
        client, start = _signed_in(make_client, role, demo_world)
        sweep(TitleClient(client, found), start, attack=False)
    return found


def test_no_two_pages_share_a_title(titles):
    assert len(titles) > 100  # the crawl reached the portal's pages
    shared = {title: sorted(pages) for title, pages in titles.items() if len(pages) > 1}
    assert shared == {}, "\n".join(f"{title}: {pages}" for title, pages in shared.items())


def test_titles_name_the_page_its_section_and_the_portal(titles, app):
    portal = f" – {app.config['PORTAL_NAME']}, {app.config['PORTAL_MUNICIPALITY_NAME']}"
    for title in titles:
        assert title.endswith(portal), title
        assert "<" not in title and len(title) < 160, title  # no markup swallowed by the block
    pages = [title for title in titles if re.search(r" – Pagina \d+ van \d+ – ", title)]
    assert len(pages) >= 9, "every question page names its group, number and questionnaire"
    assert "Gezondheid – Pagina 5 van 11 – Vragen over u en werk" + portal in pages
