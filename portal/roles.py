"""The roles people have in the portal, and how they are called on screen."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    APPLICANT = "applicant"
    ECOACH = "ecoach"
    STIP = "stip"
    CONSULTANT = "consultant"
    TEAM_LEAD = "team_lead"
    MANAGEMENT = "management"  # reads the figures, nothing personal

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.APPLICANT: _l("Applicant"),
    Role.ECOACH: _l("E-coach"),
    Role.STIP: _l("STIP volunteer"),
    Role.CONSULTANT: _l("Consultant"),
    Role.TEAM_LEAD: _l("Team lead"),
    # staff only: applicants never meet management in the portal
    Role.MANAGEMENT: _l("Management"),
}

STAFF_ROLES = (Role.ECOACH, Role.STIP, Role.CONSULTANT, Role.TEAM_LEAD, Role.MANAGEMENT)
