"""Parts of a page rendered once and kept: the layout's header and footer, a questionnaire
page's form class.

Every page drew the same header (logo, language menu, main menu) and footer anew: about a
quarter of a simple page's work. A template wraps such a part in

    {% call fragment("header", key1, key2, ..., csrf=csrf_token(), next=path) %}
      ... {{ slot("csrf") }} ... {{ slot("next") }} ...
    {% endcall %}

The part is rendered the first time its name and keys are seen, and kept (per app, per
process; at most `LIMIT` parts, then all are let go). The keys are everything the part shows
that may differ between two requests — the language, the municipality's name, the menu, the
page, the texts' version (portal.texts.version) — so a kept part is only used where it would
have been drawn the same. What differs on every request (the CSRF token, the address to come
back to, the user's name) is a slot: a marker in the kept part, filled in (escaped) each time.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app
from markupsafe import Markup, escape

LIMIT = 4096
T = TypeVar("T")
_MISSING = object()
# A marker no text of the page contains: random per process.
_MARK = f"\x00{secrets.token_hex(8)}:"


def slot(name: str) -> Markup:
    """Where the value of `name` (a keyword of `fragment`) goes in a kept part."""
    return Markup(f"{_MARK}{name}\x00")  # noqa: S704 -- the names are the templates' own


def kept(part: str, key: Hashable, make: Callable[[], T]) -> T:
    """What `make` returns for this part and key, made the first time (per app, per process;
    at most `LIMIT` things, then all are let go)."""
    store: dict[tuple[str, Hashable], Any] = current_app.extensions.setdefault(
        "portal_fragments", {}
    )
    found = store.get((part, key), _MISSING)
    if found is _MISSING:
        if len(store) >= LIMIT:
            store.clear()
        found = store[(part, key)] = make()
    return found


def fragment(part: str, /, *key: Hashable, caller: Callable[[], str], **slots: object) -> Markup:
    """The part named `part` for these keys, rendered by `caller` the first time, with its
    slots filled in (escaped, unless a value is Markup)."""
    found = kept(part, key, lambda: str(caller()))
    for slot_name, value in slots.items():
        found = found.replace(f"{_MARK}{slot_name}\x00", str(escape(value)))
    return Markup(found)  # noqa: S704 -- rendered by Jinja with autoescape; slots escaped above
