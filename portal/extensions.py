"""Flask extensions, created unbound so that any module can import them without cycles."""

from functools import cached_property

from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from portal.db import db
from portal.texts import OverlayDomain

__all__ = ["babel", "csrf", "db", "login_manager"]
login_manager = LoginManager()
csrf = CSRFProtect()


class PortalBabel(Babel):
    """Flask-Babel whose translations carry the administrator's text overrides."""

    @cached_property
    def domain_instance(self):
        return OverlayDomain(domain=self.domain)


babel = PortalBabel()
