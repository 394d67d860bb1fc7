"""The menu item, and the items several roles' menus share."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.authz import Permission


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: object
    description: object
    permission: Permission


ACCOUNT = MenuItem(
    "account.index",
    _l("My account"),
    _l("Your details, your language and your password."),
    Permission.OWN_ACCOUNT,
)

FIGURES = MenuItem(
    "figures.index",
    # staff only
    _l("Figures"),
    # staff only
    _l("Applications, advice, the file, e-coaching and goals, per period and team."),
    Permission.VIEW_FIGURES,
)
