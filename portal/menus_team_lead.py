"""The team lead's menu (the longest: figures, lists, accounts, oversight)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.authz import Permission
from portal.menu_items import ACCOUNT, FIGURES, MenuItem

TEAM_LEAD_MENU: tuple[MenuItem, ...] = (
    MenuItem(
        "searchperiod_consult.outflow",
        # staff only
        _l("Outflow during the search period"),
        # staff only
        _l("How many applicants found work or a study, or withdrew, in the four weeks."),
        Permission.VIEW_OUTFLOW_FIGURES,
    ),
    MenuItem(
        "intake_consultant.figures",
        # staff only
        _l("How often advice is changed"),
        # staff only
        _l("Per rule: how often consultants choose something else than the advice."),
        Permission.VIEW_ROUTING_FIGURES,
    ),
    MenuItem(
        "intake_oversight.fairness",
        # staff only
        _l("Is the advice fair?"),
        # staff only
        _l("Advice and decisions per gender and country of birth, with large differences marked."),
        Permission.MONITOR_FAIRNESS,
    ),
    MenuItem(
        "intake_oversight.versions",
        # staff only
        _l("Compare questionnaire versions"),
        # staff only
        _l("Before a new version is used: how many people would get other advice."),
        Permission.COMPARE_QUESTIONNAIRES,
    ),
    MenuItem(
        "caseload.assign",
        # staff only
        _l("Assign Zelfdoeners to e-coaches"),
        # staff only
        _l("Who coaches whom: new Zelfdoeners and the size of each caseload."),
        Permission.ASSIGN_CASELOADS,
    ),
    MenuItem(
        "coaching_standin.index",
        _l("Stand-ins"),
        _l("Which e-coach stands in for whom: approve requests, set or end a stand-in."),
        Permission.MANAGE_STAND_INS,
    ),
    MenuItem(
        "catalogue.index",
        # staff only
        _l("Catalogue of services"),
        # staff only
        _l("Workshops and instruments that e-coaches can refer people to."),
        Permission.MANAGE_CATALOGUE,
    ),
    MenuItem(
        "messages.templates",
        # staff only
        _l("Ready texts for e-coaches"),
        # staff only
        _l("Message texts e-coaches can use, with the person's first name."),
        Permission.MANAGE_TEMPLATES,
    ),
    MenuItem(
        "meetings.index",
        # staff only
        _l("Information meetings"),
        # staff only
        _l("Plan the information meetings for Zelfdoeners."),
        Permission.PLAN_MEETINGS,
    ),
    MenuItem(
        "privacy_staff.corrections",
        # staff only
        _l("Correction requests"),
        # staff only
        _l("Applicants ask to correct their data: answer them."),
        Permission.HANDLE_CORRECTIONS,
    ),
    MenuItem(
        "privacy_staff.records",
        # staff only
        _l("Records of processing"),
        # staff only
        _l("What the portal keeps, why and how long, for the privacy officer."),
        Permission.VIEW_PROCESSING_RECORDS,
    ),
    MenuItem(
        "labour_staff.index",
        # staff only
        _l("Labour market"),
        # staff only
        _l("The list of competences, occupations in demand and vacancies: edit and import."),
        Permission.MANAGE_LABOUR_MARKET,
    ),
    MenuItem(
        "labour_staff.candidates",
        # staff only
        _l("Job hunting"),
        # staff only
        _l("Profiles of people who chose to show them to job hunters."),
        Permission.FIND_CANDIDATES,
    ),
    MenuItem(
        "stip_admin.locations",
        # staff only
        _l("STIP locations"),
        # staff only
        _l("Help points, their opening hours and their volunteers."),
        Permission.MANAGE_STIP,
    ),
    MenuItem(
        "home.translations",
        # staff only
        _l("Languages"),
        # staff only
        _l("How complete each language is for applicants, and what still needs review."),
        Permission.VIEW_TRANSLATIONS,
    ),
    MenuItem(
        "admin.accounts",
        # staff only
        _l("Staff accounts"),
        # staff only
        _l("Invite staff, see who has access, deactivate accounts."),
        Permission.MANAGE_ACCOUNTS,
    ),
    FIGURES,
    MenuItem(
        "figures_audit.index",
        # staff only
        _l("Audit log"),
        # staff only
        _l("Who read or changed which file, and when."),
        Permission.READ_AUDIT_LOG,
    ),
    ACCOUNT,
)
