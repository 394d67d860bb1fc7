"""Previews of a document with example data, in one language, with a text not yet saved."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from flask import current_app, render_template
from flask_babel import force_locale, get_translations
from markupsafe import Markup

from portal import texts
from portal.beheer.text_services import Document

EXAMPLE_DAY = date(2026, 3, 2)


def example() -> dict:
    """Made-up data in every variable the documents use (never a real person)."""
    user = SimpleNamespace(name="Samira El Amrani", first_name="Samira", email="samira@example.nl")
    application = SimpleNamespace(
        name="Samira El Amrani",
        under_27=False,
        created_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        period_last_day=EXAMPLE_DAY + timedelta(days=27),
    )
    invite = SimpleNamespace(
        mode="in_person",
        place="Werkplein, Stationsplein 1",
        starts_at=datetime(2026, 4, 1, 10, 0, tzinfo=UTC),
    )
    return {
        "user": user,
        "application": application,
        "invite": invite,
        "items": ["uwv", "cv", "applications"],
        "code": "ABCD-EFGH",
        "link": "https://portaal.example.nl/voorbeeld",
        "info_link": "https://portaal.example.nl/info",
        "days": 7,
        "days_left": 5,
        "hours": 24,
        "minutes": 15,
        "starts_on": EXAMPLE_DAY,
        "ends_on": EXAMPLE_DAY + timedelta(days=14),
    }


def _content_block(template: str, context: dict) -> Markup:
    """The `content` block of a page (without the site's header and menus)."""
    page = current_app.jinja_env.get_template(template)
    values = dict(context)
    current_app.update_template_context(values)
    return Markup("".join(page.blocks["content"](page.new_context(values))))  # noqa: S704 -- rendered by Jinja, escaped there


def preview(doc: Document, locale: str, msgid: str | None = None, text: str | None = None):
    """(kind, content): the page or letter as HTML, the mail as text, with the draft text."""
    with force_locale(locale):
        if msgid is not None and text is not None:
            with texts.trying(locale, msgid, text):
                return _render(doc)
        return _render(doc)


def _render(doc: Document):
    if doc.kind == "page":
        return "html", _content_block(doc.template, example())
    if doc.kind == "letter":
        return "html", Markup(render_template(doc.template, **example()))  # noqa: S704 -- rendered by Jinja
    if doc.kind == "mail":
        return "text", render_template(doc.template, **example()).strip()
    return "none", ""


def shipped(msgid: str, locale: str) -> str:
    """The shipped translation of a message in a language."""
    with force_locale(locale), texts.shipped():
        return str(get_translations().ugettext(msgid))
