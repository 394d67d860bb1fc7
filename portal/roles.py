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
    FUNCTIONAL_ADMIN = "functional_admin"
    # A bewindvoerder, mentor, curator or someone authorised: acts for people (portal.mandates).
    REPRESENTATIVE = "representative"

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
    # staff only
    Role.FUNCTIONAL_ADMIN: _l("Functional administrator"),
    Role.REPRESENTATIVE: _l("Representative"),
}

STAFF_ROLES = (
    Role.ECOACH,
    Role.STIP,
    Role.CONSULTANT,
    Role.TEAM_LEAD,
    Role.MANAGEMENT,
    Role.FUNCTIONAL_ADMIN,
)
