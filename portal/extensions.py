"""Flask extensions, created unbound so that any module can import them without cycles."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from portal.db import db

__all__ = ["babel", "csrf", "db", "login_manager"]
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
