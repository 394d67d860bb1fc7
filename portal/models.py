"""Every model module, imported so that Base.metadata knows the whole schema (for Alembic)."""

from portal import (
    acting,
    audit,
    files,
    formkeys,
    heartbeat,
    limits,
    look,
    mail,
    policy,
    stamp,
    texts,
)
from portal.auth import digid_models, mfa_models, session_models
from portal.auth import models as auth_models
from portal.caseload import models as caseload_models
from portal.catalogue import models as catalogue_models
from portal.coaching import models as coaching_models
from portal.db import Base
from portal.figures import models as figures_models
from portal.intake import models as intake_models
from portal.intake import version_models
from portal.labour import models as labour_models
from portal.meetings import models as meeting_models
from portal.messages import models as message_models
from portal.plan import models as plan_models
from portal.privacy import models as privacy_models
from portal.searchperiod import models as searchperiod_models
from portal.stip import models as stip_models
from portal.werkmap import cv_models
from portal.werkmap import models as werkmap_models

__all__ = [
    "Base",
    "acting",
    "audit",
    "auth_models",
    "caseload_models",
    "catalogue_models",
    "coaching_models",
    "cv_models",
    "digid_models",
    "figures_models",
    "files",
    "formkeys",
    "heartbeat",
    "intake_models",
    "labour_models",
    "limits",
    "look",
    "mail",
    "meeting_models",
    "message_models",
    "mfa_models",
    "plan_models",
    "policy",
    "privacy_models",
    "searchperiod_models",
    "session_models",
    "stamp",
    "stip_models",
    "texts",
    "version_models",
    "werkmap_models",
]
metadata = Base.metadata
