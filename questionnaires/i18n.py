"""Babel extractor for definition files: every user-facing text is an English msgid.

babel.cfg names it: `questionnaire = questionnaires.i18n:extract`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from questionnaires.parsing import YES_NO

TEXT_KEYS = (
    "title",
    "intro",
    "text",
    "help",
    "label",
    "min_label",
    "max_label",
    "description",
    "next_steps",
    "reason",
    "contact",
    "horizon",
    "name",
    "purpose",
    "risk",
    "mitigation",
)
LIST_KEYS = ("reasons", "legal_basis")


def texts(node: Any) -> Iterator[str]:
    """Every translatable string in a parsed definition, in file order."""
    if isinstance(node, dict):
        if node.get("type") == "yes_no":
            yield from (label for _value, label in YES_NO)
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str) and value:
                yield value
            elif key in LIST_KEYS and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item)


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    comment = [f"Questionnaire {data.get('id')} v{data.get('version')}"]
    for message in texts(data):
        yield 0, "gettext", message, comment
