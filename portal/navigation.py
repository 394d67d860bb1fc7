"""Each role's menu: one list per role, filtered by the permissions in authz."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

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


# The part of the portal a page belongs to, the middle of its title ("<page> – <section> –
# <portal>"), so that two pages never share a title and a tab or the history says where a page
# is: by endpoint first, then by blueprint. Pages that are a part of their own have none.
SECTIONS = {
    "account": _l("My account"),
    "auth_passkey": _l("My account"),
    "auth_session": _l("My account"),
    "auth": _l("Sign in"),
    "auth.login_number": _l("Sign in"),
    "auth_mfa": _l("Sign in"),
    "auth_oidc": _l("Sign in"),
    "searchperiod.activate_code": _l("Sign in"),
    "searchperiod.apply": _l("Apply for social assistance"),
    "searchperiod.confirm": _l("Apply for social assistance"),
    "searchperiod_checklist": _l("My first four weeks"),
    "werkmap": _l("My job-search log"),
    "werkmap_portable": _l("My job-search log"),
    "werkmap_cv": _l("My CV"),
    "intake": _l("Questions about you and work"),
    "messages.inbox": _l("Messages"),
    "coaching_applicant": _l("My e-coach"),
    "stip_person": _l("Help from a STIP"),
    "privacy": _l("My data"),
    "represent_person": _l("Who acts for me"),
    "represent": _l("People I act for"),
    # staff only
    "searchperiod.register": _l("Register an application"),
    # staff only
    "searchperiod_consult": _l("Search periods to assess"),
    # staff only
    "intake_consultant": _l("Advice to confirm"),
    # staff only
    "intake_oversight": _l("Advice to confirm"),
    # staff only
    "coaching": _l("My people"),
    # staff only
    "messages": _l("My people"),
    # staff only
    "messages.templates": _l("Ready texts for e-coaches"),
    # staff only
    "messages.template": _l("Ready texts for e-coaches"),
    # staff only
    "werkmap_staff": _l("My people"),
    # staff only
    "coaching_standin": _l("Stand-ins"),
    # staff only
    "caseload": _l("Caseloads"),
    # staff only
    "catalogue": _l("Catalogue of services"),
    # staff only
    "meetings": _l("Information meetings"),
    # staff only
    "stip": _l("Help someone"),
    # staff only
    "stip_admin": _l("STIP locations"),
    # staff only
    "represent_staff": _l("Representatives"),
    # staff only
    "privacy_staff": _l("Privacy"),
    # staff only
    "admin": _l("Staff accounts"),
    # staff only
    "home.translations": _l("Languages"),
    # staff only
    "beheer_text": _l("Texts"),
    # staff only
    "beheer_questionnaire": _l("Questionnaires"),
    # staff only
    "beheer_people": _l("Staff roles and teams"),
    # staff only
    "beheer_people.applicants": _l("Applicants' accounts"),
    # staff only
    "beheer_people.applicant": _l("Applicants' accounts"),
    # staff only
    "beheer_people.merge": _l("Applicants' accounts"),
}


def section() -> str:
    """The section of the page being shown ('' for pages that are a part of their own)."""
    endpoint = request.endpoint or ""
    found = SECTIONS.get(endpoint) or SECTIONS.get(endpoint.partition(".")[0])
    return str(found) if found else ""
