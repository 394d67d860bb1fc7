"""Small structural checks of rendered HTML for the integration tests (the browser tests run
the full Nu Html Checker): duplicate ids, and which labels name a control."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.labels: dict[str, list[str]] = {}  # control id → texts of the labels for it
        self._label_for: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"])
        if tag == "label" and found.get("for"):
            self._label_for, self._text = found["for"], []

    def handle_data(self, data):
        if self._label_for is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "label" and self._label_for is not None:
            text = " ".join("".join(self._text).split())
            self.labels.setdefault(self._label_for, []).append(text)
            self._label_for = None


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def duplicate_ids(html: str) -> list[str]:
    return sorted(name for name, count in Counter(parse(html).ids).items() if count > 1)


def labels_for(html: str, control_id: str) -> list[str]:
    return parse(html).labels.get(control_id, [])
