"""Each role's menu: one list per role, filtered by the permissions in authz."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import gettext as _

from portal import i18n
from portal.authz import can
from portal.clock import today
from portal.coaching.services import unread_in_caseload
from portal.db import utcnow
from portal.menus import MENUS, START, MenuItem
from portal.messages import services
from portal.roles import Role


def unread(user) -> int:
    """Unread messages for the menu: the applicant's, or those of the coach's people."""
    if not getattr(user, "is_authenticated", False):
        return 0
    if user.role == Role.APPLICANT:
        return services.unread_for_person(user.id)
    if user.role == Role.ECOACH:
        return unread_in_caseload(user, today(utcnow()))
    return 0


BADGED = ("messages.inbox", "coaching.caseload")


@dataclass(frozen=True)
class Link:
    """A menu item ready for the page: its address and its texts in one language."""

    endpoint: str
    url: str
    label: str
    description: str
    badged: bool


@dataclass(frozen=True)
class Navigation:
    start: Link
    links: tuple[Link, ...]


def navigation(user) -> Navigation | None:
    """The signed-in user's start link and menu, built once per role, language and script
    root (addresses and translated texts do not change between requests)."""
    if not getattr(user, "is_authenticated", False):
        return None
    key = (user.role, i18n.current_locale(), request.script_root)
    built = current_app.extensions.setdefault("portal_navigation", {})
    found = built.get(key)
    if found is None:
        start = START[user.role]
        found = built[key] = Navigation(
            Link(start, url_for(start), _("Start"), "", badged=False),
            tuple(
                Link(
                    item.endpoint,
                    url_for(item.endpoint),
                    str(item.label),
                    str(item.description),
                    item.endpoint in BADGED,
                )
                for item in menu_for(user)
            ),
        )
    return found


def menu_for(user) -> list[MenuItem]:
    """The signed-in user's menu items that they may use."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in MENUS[user.role] if can(user, item.permission)]


def start_endpoint(user) -> str:
    return START[user.role]
