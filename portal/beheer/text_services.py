"""The texts a functional administrator may change: pages of the information package, mails,
the activation letter and the help next to questionnaire questions. Each text is one message
(an English msgid) in one language; the override is kept in portal.texts, and exported and
imported as one JSON file (from a test installation to production)."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2.ext import babel_extract
from sqlalchemy import select

from portal import audit, texts
from portal.authz import Permission, ensure
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.domain import DomainError
from portal.i18n import LOCALES
from portal.intake import version_services
from portal.texts import TextOverride

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
EXPORT_FORMAT = "portal-text-overrides/1"
MAX_IMPORT = 2000


@dataclass(frozen=True)
class Document:
    key: str
    kind: str  # page | mail | letter | help
    title: object
    template: str = ""


DOCUMENTS: tuple[Document, ...] = (
    Document(
        "page-info", "page", _l("Information: the first four weeks"), "searchperiod/info.html"
    ),
    Document(
        "page-rights", "page", _l("Information: rights and duties"), "searchperiod/info_rights.html"
    ),
    Document(
        "page-tips", "page", _l("Information: tips for finding work"), "searchperiod/info_tips.html"
    ),
    Document(
        "mail-activeringsmail",
        "mail",
        _l("Mail: what to do in the four weeks"),
        "mail/activeringsmail.txt",
    ),
    Document(
        "mail-activate", "mail", _l("Mail: activate your account"), "mail/activate_account.txt"
    ),
    Document(
        "mail-confirm", "mail", _l("Mail: confirm your application"), "mail/confirm_application.txt"
    ),
    Document("mail-reminder", "mail", _l("Mail: reminder of open items"), "mail/reminder.txt"),
    Document("mail-reset", "mail", _l("Mail: choose a new password"), "mail/reset_password.txt"),
    Document(
        "mail-conversation",
        "mail",
        _l("Mail: invitation for a conversation"),
        "mail/conversation_invite.txt",
    ),
    Document("mail-message", "mail", _l("Mail: new message"), "mail/new_message.txt"),
    Document(
        "mail-supplementary",
        "mail",
        _l("Mail: more questions are ready"),
        "mail/supplementary_ready.txt",
    ),
    Document(
        "mail-help-code", "mail", _l("Mail: code for help at a help point"), "mail/help_code.txt"
    ),
    Document(
        "letter-activation",
        "letter",
        _l("Letter: activate your account with a code"),
        "searchperiod/_letter.html",
    ),
    Document("help-questions", "help", _l("Help texts next to the questions")),
)


def document(key: str) -> Document | None:
    return next((d for d in DOCUMENTS if d.key == key), None)


@cache
def _template_messages(template: str) -> tuple[str, ...]:
    """The singular messages of a template, in order (its includes' messages too)."""
    found: list[str] = []
    with open(TEMPLATES / template, "rb") as source:
        for _line, _func, message, _comments in babel_extract(source, ("_", "gettext"), [], {}):
            if isinstance(message, tuple):  # with keyword arguments: (msgid, None)
                message = message[0]
            if isinstance(message, str) and message not in found:
                found.append(message)
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for include in sorted(set(_INCLUDES(text))):
        found += [m for m in _template_messages(include) if m not in found]
    return tuple(found)


def _INCLUDES(text: str) -> list[str]:  # noqa: N802 -- reads like the constant it replaces
    marker = '{% include "'
    return [part.split('"', 1)[0] for part in text.split(marker)[1:]]


def messages(doc: Document) -> tuple[str, ...]:
    """The messages of a document that can be overridden."""
    if doc.kind == "help":
        main = MAIN_QUESTIONNAIRE[0]
        definition = version_services.load(main, version_services.current_version(main) or 1)
        return tuple(dict.fromkeys(q.help for q in definition.questions if q.help))
    return _template_messages(doc.template)


def is_editable(msgid: str) -> bool:
    return any(msgid in messages(doc) for doc in DOCUMENTS)


def overrides_of(locale: str) -> dict[str, TextOverride]:
    rows = db.session.scalars(select(TextOverride).where(TextOverride.locale == locale))
    return {row.msgid: row for row in rows}


def _find(locale: str, msgid: str) -> TextOverride | None:
    return db.session.scalar(
        select(TextOverride).where(
            TextOverride.locale == locale, TextOverride.key == texts.key_of(msgid)
        )
    )


def save(actor, locale: str, msgid: str, text: str, now: datetime) -> TextOverride:
    """Keep an override (after its checks); audited with the language and the message."""
    ensure(actor, Permission.MANAGE_TEXTS)
    if locale not in LOCALES or not is_editable(msgid):
        raise DomainError(_("This text cannot be changed here."), field="text")
    text = texts.check(msgid, text)
    row = _find(locale, msgid)
    if row is None:
        row = TextOverride(locale=locale, key=texts.key_of(msgid), msgid=msgid, text=text)
        db.session.add(row)
    row.text, row.updated_at, row.updated_by_id = text, now, actor.id
    db.session.flush()
    texts.forget()
    audit.record(actor, "text.override", "text", row.id, detail=f"{locale}: {msgid[:150]}")
    return row


def reset(actor, locale: str, msgid: str) -> bool:
    """Back to the shipped text; False when there was no override."""
    ensure(actor, Permission.MANAGE_TEXTS)
    row = _find(locale, msgid)
    if row is None:
        return False
    audit.record(actor, "text.reset", "text", row.id, detail=f"{locale}: {msgid[:150]}")
    db.session.delete(row)
    db.session.flush()
    texts.forget()
    return True


def diff(shipped: str, override: str) -> list[tuple[str, str]]:
    """Word by word: ('same'|'removed'|'added', words)."""
    old, new = shipped.split(), override.split()
    parts: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("removed", " ".join(old[a1:a2])))
        if b2 > b1:
            parts.append(("added", " ".join(new[b1:b2])))
    return parts


def export() -> str:
    """Every override as one JSON file."""
    rows = db.session.scalars(select(TextOverride).order_by(TextOverride.locale, TextOverride.id))
    items = [{"locale": r.locale, "msgid": r.msgid, "text": r.text} for r in rows]
    return json.dumps({"format": EXPORT_FORMAT, "overrides": items}, ensure_ascii=False, indent=2)


def import_file(actor, data: bytes, now: datetime) -> int:
    """Take over the overrides of an export (each checked as if typed); all or nothing."""
    ensure(actor, Permission.MANAGE_TEXTS)
    try:
        parsed = json.loads(data.decode("utf-8"))
        items = parsed["overrides"]
        if parsed.get("format") != EXPORT_FORMAT or not isinstance(items, list):
            raise ValueError
        pairs = [(str(i["locale"]), str(i["msgid"]), str(i["text"])) for i in items]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        raise DomainError(
            _("This is not a file with texts exported from the portal."), field="file"
        ) from None
    if len(pairs) > MAX_IMPORT:
        raise DomainError(_("The file holds too many texts."), field="file")
    for n, (locale, msgid, text) in enumerate(pairs, start=1):
        try:
            save(actor, locale, msgid, text, now)
        except DomainError as error:
            raise DomainError(
                _("Text %(number)s in the file: %(error)s", number=n, error=error.message),
                field="file",
            ) from None
    return len(pairs)
