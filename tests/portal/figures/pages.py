"""Reading the figures' tables back from a page, as a sighted reader sees them."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._section: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and (attributes.get("aria-labelledby") or "").endswith("-title"):
            self._section = attributes["aria-labelledby"].removesuffix("-title")
            self.tables[self._section] = []
        elif tag == "tr" and self._section:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "svg" or (
            tag == "span" and "portal-visually-hidden" in (attributes.get("class") or "")
        ):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._section:
            self.tables[self._section].append(self._row)
            self._row = None
        elif tag == "section":
            self._section = None
        elif tag in ("span", "svg") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    """Table name → rows (the header row first) of every figures table on the page."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def rows(html: str, name: str) -> dict[str, list[str]]:
    """Row label → the cells after it, for one table (header row left out)."""
    return {row[0]: row[1:] for row in tables(html)[name][1:]}
