"""THE place for authorization: roles, permissions, the checks views and templates use.

Views call `require(...)` (a decorator); templates call `can(...)`; services that change
state for an actor call `ensure(...)` first, or `ensure_for(...)` on an applicant's own things
that a STIP volunteer may change for them. An anonymous visitor of a protected page is sent
to the login page; a signed-in user without the permission gets 403; objects outside a user's
scope are loaded through scoped queries and are a 404 (see the feature services).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from flask import abort, current_app, g, redirect, request, url_for
from flask_login import current_user

from portal import acting, mandates
from portal.config import LEVELS
from portal.extensions import login_manager
from portal.roles import Role


class Permission(enum.Enum):
    APPLICANT_HOME = "applicant_home"
    ECOACH_HOME = "ecoach_home"
    STIP_HOME = "stip_home"
    CONSULTANT_HOME = "consultant_home"
    TEAM_LEAD_HOME = "team_lead_home"
    MANAGE_ACCOUNTS = "manage_accounts"
    OWN_ACCOUNT = "own_account"
    ANSWER_QUESTIONNAIRES = "answer_questionnaires"
    CONFIRM_ROUTING = "confirm_routing"
    VIEW_ROUTING_FIGURES = "view_routing_figures"
    VIEW_TRANSLATIONS = "view_translations"
    REGISTER_APPLICATIONS = "register_applications"
    OWN_SEARCH_PERIOD = "own_search_period"
    ASSESS_SEARCH_PERIODS = "assess_search_periods"
    VIEW_OUTFLOW_FIGURES = "view_outflow_figures"
    OWN_WERKMAP = "own_werkmap"
    ASSIGN_CASELOADS = "assign_caseloads"
    OWN_CASELOAD = "own_caseload"
    READ_WERKMAPS = "read_werkmaps"
    WRITE_STAFF_NOTES = "write_staff_notes"
    ASSIST_PEOPLE = "assist_people"
    OWN_HELP = "own_help"
    MANAGE_STIP = "manage_stip"
    OWN_MESSAGES = "own_messages"
    OWN_COACHING = "own_coaching"
    MANAGE_CATALOGUE = "manage_catalogue"
    MANAGE_TEMPLATES = "manage_templates"
    PLAN_MEETINGS = "plan_meetings"
    MANAGEMENT_HOME = "management_home"
    VIEW_FIGURES = "view_figures"
    VIEW_FIGURES_BY_NAME = "view_figures_by_name"
    MANAGE_GOALS = "manage_goals"
    READ_AUDIT_LOG = "read_audit_log"
    MANAGE_STAND_INS = "manage_stand_ins"
    ALL_MEETING_INVITEES = "all_meeting_invitees"
    READ_INTAKE_RESULTS = "read_intake_results"
    MONITOR_FAIRNESS = "monitor_fairness"
    COMPARE_QUESTIONNAIRES = "compare_questionnaires"
    FUNCTIONAL_ADMIN_HOME = "functional_admin_home"
    MANAGE_TEXTS = "manage_texts"
    MANAGE_QUESTIONNAIRES = "manage_questionnaires"
    MANAGE_PEOPLE = "manage_people"
    OWN_DATA = "own_data"
    HANDLE_CORRECTIONS = "handle_corrections"
    ERASE_PEOPLE = "erase_people"
    VIEW_PROCESSING_RECORDS = "view_processing_records"
    OWN_LETTERS = "own_letters"
    OWN_REPRESENTATIVES = "own_representatives"
    REPRESENT_PEOPLE = "represent_people"
    REGISTER_REPRESENTATION = "register_representation"
    OWN_SCAN = "own_scan"
    MANAGE_LABOUR_MARKET = "manage_labour_market"
    FIND_CANDIDATES = "find_candidates"
    OWN_PLAN = "own_plan"
    COACH_PLANS = "coach_plans"


class Purpose(enum.Enum):
    """What personal data is read for (AVG art. 5(1)(b), purpose limitation)."""

    OWN = "own"  # the applicant's own answers and advice
    ROUTING = "routing"  # deciding on the advice
    COACHING = "coaching"  # coaching the person
    ASSESSMENT = "assessment"  # assessing the obligations of the search period
    SANCTION = "sanction"  # reducing or stopping a benefit
    FRAUD = "fraud"  # investigating fraud


PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.APPLICANT_HOME: frozenset({Role.APPLICANT}),
    Permission.ECOACH_HOME: frozenset({Role.ECOACH}),
    Permission.STIP_HOME: frozenset({Role.STIP}),
    Permission.CONSULTANT_HOME: frozenset({Role.CONSULTANT}),
    Permission.TEAM_LEAD_HOME: frozenset({Role.TEAM_LEAD}),
    Permission.MANAGE_ACCOUNTS: frozenset({Role.TEAM_LEAD}),
    Permission.OWN_ACCOUNT: frozenset(Role),
    Permission.ANSWER_QUESTIONNAIRES: frozenset({Role.APPLICANT}),
    Permission.CONFIRM_ROUTING: frozenset({Role.CONSULTANT}),
    Permission.VIEW_ROUTING_FIGURES: frozenset({Role.TEAM_LEAD}),
    Permission.VIEW_TRANSLATIONS: frozenset({Role.TEAM_LEAD}),
    Permission.REGISTER_APPLICATIONS: frozenset({Role.CONSULTANT, Role.STIP}),
    Permission.OWN_SEARCH_PERIOD: frozenset({Role.APPLICANT}),
    Permission.ASSESS_SEARCH_PERIODS: frozenset({Role.CONSULTANT}),
    Permission.VIEW_OUTFLOW_FIGURES: frozenset({Role.TEAM_LEAD}),
    Permission.OWN_WERKMAP: frozenset({Role.APPLICANT}),
    Permission.ASSIGN_CASELOADS: frozenset({Role.TEAM_LEAD}),
    Permission.OWN_CASELOAD: frozenset({Role.ECOACH}),
    # Read a person's Werkmap and set their norm; the person must be in scope (caseload.scope).
    Permission.READ_WERKMAPS: frozenset({Role.ECOACH, Role.CONSULTANT}),
    # Staff notes on a person's file (never shown to the person or a volunteer).
    Permission.WRITE_STAFF_NOTES: frozenset({Role.ECOACH, Role.CONSULTANT}),
    Permission.ASSIST_PEOPLE: frozenset({Role.STIP}),
    Permission.OWN_HELP: frozenset({Role.APPLICANT}),
    Permission.MANAGE_STIP: frozenset({Role.TEAM_LEAD}),
    Permission.OWN_MESSAGES: frozenset({Role.APPLICANT}),
    Permission.OWN_COACHING: frozenset({Role.APPLICANT}),
    Permission.MANAGE_CATALOGUE: frozenset({Role.TEAM_LEAD}),
    Permission.MANAGE_TEMPLATES: frozenset({Role.TEAM_LEAD}),
    Permission.PLAN_MEETINGS: frozenset({Role.TEAM_LEAD, Role.ECOACH}),
    Permission.MANAGEMENT_HOME: frozenset({Role.MANAGEMENT}),
    # Counts only, every count under 5 suppressed (portal.figures); management sees nothing else.
    Permission.VIEW_FIGURES: frozenset({Role.TEAM_LEAD, Role.MANAGEMENT}),
    # Names of staff next to their numbers (caseload per e-coach): the team lead only.
    Permission.VIEW_FIGURES_BY_NAME: frozenset({Role.TEAM_LEAD}),
    Permission.MANAGE_GOALS: frozenset({Role.TEAM_LEAD}),
    # Who read or changed which file: personal data of applicants and of staff.
    Permission.READ_AUDIT_LOG: frozenset({Role.TEAM_LEAD}),
    # Approve, refuse, set and end stand-ins (an e-coach only asks: OWN_CASELOAD).
    Permission.MANAGE_STAND_INS: frozenset({Role.TEAM_LEAD}),
    # Every invitee of a meeting; an e-coach sees and records only people in their scope.
    Permission.ALL_MEETING_INVITEES: frozenset({Role.TEAM_LEAD}),
    # The answers, scores, bands and reasons of the Entreevragenlijst, for the PURPOSES below.
    Permission.READ_INTAKE_RESULTS: frozenset({Role.APPLICANT, Role.CONSULTANT, Role.ECOACH}),
    # Advice and decisions per gender and country-of-birth group (why those are asked).
    Permission.MONITOR_FAIRNESS: frozenset({Role.TEAM_LEAD}),
    # Re-score stored answers with another version of a questionnaire before it is used.
    Permission.COMPARE_QUESTIONNAIRES: frozenset({Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN}),
    # The functional administrator (functioneel beheerder) runs the portal without a developer:
    Permission.FUNCTIONAL_ADMIN_HOME: frozenset({Role.FUNCTIONAL_ADMIN}),
    # overrides of the texts of the information package, mails, letters and question help;
    Permission.MANAGE_TEXTS: frozenset({Role.FUNCTIONAL_ADMIN}),
    # new questionnaire versions: upload, check, compare, publish;
    Permission.MANAGE_QUESTIONNAIRES: frozenset({Role.FUNCTIONAL_ADMIN}),
    # staff roles and teams, applicant accounts (deactivate, merge, activation mail or letter).
    Permission.MANAGE_PEOPLE: frozenset({Role.FUNCTIONAL_ADMIN}),
    # What the portal keeps about oneself, who looked at it, the download, corrections asked.
    Permission.OWN_DATA: frozenset({Role.APPLICANT}),
    # Answer applicants' correction requests; erase a person on request (with a reason);
    # the records of processing for the privacy officer.
    Permission.HANDLE_CORRECTIONS: frozenset({Role.TEAM_LEAD}),
    Permission.ERASE_PEOPLE: frozenset({Role.TEAM_LEAD}),
    Permission.VIEW_PROCESSING_RECORDS: frozenset({Role.TEAM_LEAD}),
    # The mail the portal sent about the person (for a representative: the topics of the kind).
    Permission.OWN_LETTERS: frozenset({Role.APPLICANT}),
    # Who acts for me: authorise someone with a code, see what they did, end it.
    Permission.OWN_REPRESENTATIVES: frozenset({Role.APPLICANT}),
    # A representative's list of the people they act for, and switching between them.
    Permission.REPRESENT_PEOPLE: frozenset({Role.REPRESENTATIVE}),
    # Register a court decision (bewind, mentorschap, curatele) for a person in scope; end one.
    Permission.REGISTER_REPRESENTATION: frozenset({Role.CONSULTANT}),
    # The labour-market value scan, its results and the 360° invitations (a STIP volunteer may
    # fill in the scan and look at its results with the person; inviting raters and showing
    # the profile to job hunters are the person's own decisions).
    Permission.OWN_SCAN: frozenset({Role.APPLICANT}),
    # The competence list, occupations in demand and vacancies (import).
    Permission.MANAGE_LABOUR_MARKET: frozenset({Role.TEAM_LEAD, Role.FUNCTIONAL_ADMIN}),
    # Job hunting: the profiles of people who chose to show them to job hunters (only those).
    Permission.FIND_CANDIDATES: frozenset({Role.CONSULTANT, Role.TEAM_LEAD}),
    # The personal activation plan: the person owns it (a STIP volunteer may help fill it in);
    # their e-coach, or a consultant of their team, comments and proposes changes and marks a
    # version agreed (the person in scope: portal.scope).
    Permission.OWN_PLAN: frozenset({Role.APPLICANT}),
    Permission.COACH_PLANS: frozenset({Role.ECOACH, Role.CONSULTANT}),
}

# What a representative may see and do for the person, per kind of mandate (portal.mandates):
# the person's own pages behind these permissions, marked `require(..., represented=True)`.
# A bewindvoerder: letters and the checklist (money and obligations); a mentor also the
# questionnaire, its advice and messages; a curator everything a mentor may and the job-search
# log; someone the person authorised: letters, the checklist and messages.
_MONEY = frozenset({Permission.OWN_LETTERS, Permission.OWN_SEARCH_PERIOD})
_CARE = frozenset(
    {Permission.ANSWER_QUESTIONNAIRES, Permission.READ_INTAKE_RESULTS, Permission.OWN_MESSAGES}
)
MANDATE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "bewind": _MONEY,
    "mentorschap": _MONEY | _CARE,
    "curatele": _MONEY | _CARE | {Permission.OWN_WERKMAP},
    "machtiging": _MONEY | {Permission.OWN_MESSAGES},
}
# Which mail about the person a representative gets a copy of, per kind (portal.mail's topics).
MANDATE_MAIL_TOPICS: dict[str, frozenset[str]] = {
    "bewind": frozenset({"money", "obligations"}),
    "mentorschap": frozenset({"money", "obligations", "questionnaire", "messages"}),
    "curatele": frozenset({"money", "obligations", "questionnaire", "messages"}),
    "machtiging": frozenset({"obligations", "messages"}),
}
# Which kinds the person may end themselves (a court decision ends by the court: staff end it).
PERSON_MAY_END = frozenset({"machtiging"})

# Purpose limitation: data behind these permissions may be read only for these purposes. The
# Entreevragenlijst serves routing and coaching; the assessment of the search period and any
# sanction or fraud work may never read it (an import contract keeps portal.searchperiod away
# from portal.intake as well).
PURPOSES: dict[Permission, frozenset[Purpose]] = {
    Permission.READ_INTAKE_RESULTS: frozenset({Purpose.OWN, Purpose.ROUTING, Purpose.COACHING}),
}

START_PERMISSION = {
    Role.APPLICANT: Permission.APPLICANT_HOME,
    Role.ECOACH: Permission.ECOACH_HOME,
    Role.STIP: Permission.STIP_HOME,
    Role.CONSULTANT: Permission.CONSULTANT_HOME,
    Role.TEAM_LEAD: Permission.TEAM_LEAD_HOME,
    Role.MANAGEMENT: Permission.MANAGEMENT_HOME,
    Role.FUNCTIONAL_ADMIN: Permission.FUNCTIONAL_ADMIN_HOME,
    Role.REPRESENTATIVE: Permission.REPRESENT_PEOPLE,
}


def can(user, permission: Permission) -> bool:
    """True when this (possibly anonymous) user holds the permission."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.role in PERMISSIONS[permission]


def ensure(user, permission: Permission) -> None:
    """For services: raise PermissionError unless the user holds the permission."""
    if not can(user, permission):
        raise PermissionError(permission.value)


def ensure_for(user, person_id: int, permission: Permission, now: datetime) -> None:
    """For services on an applicant's own things, as `require(..., assisted=True)` lets in: the
    applicant themselves, or a STIP volunteer in an active assisted session with them."""
    if getattr(user, "id", None) == person_id and can(user, permission):
        return
    if (
        getattr(user, "role", None) == Role.STIP
        and Role.APPLICANT in PERMISSIONS[permission]
        and acting.helps(user, person_id, now)
    ):
        return
    if represents(user, person_id, permission, now):
        return
    raise PermissionError(permission.value)


def represents(user, person_id: int, permission: Permission, now: datetime) -> bool:
    """True when `user` is a representative whose mandate for this person, holding now, is of
    a kind that covers the permission."""
    if getattr(user, "role", None) != Role.REPRESENTATIVE:
        return False
    kinds = mandates.kinds_for(user.id, person_id, now)
    return any(permission in MANDATE_PERMISSIONS.get(kind, frozenset()) for kind in kinds)


def represented_may(permission: Permission) -> bool:
    """The signed-in representative's chosen mandate holds and its kind covers `permission`."""
    mandate = acting.representation()
    return mandate is not None and permission in MANDATE_PERMISSIONS.get(mandate.kind, frozenset())


def ensure_purpose(user, permission: Permission, purpose: Purpose) -> None:
    """For services reading purpose-limited data: the permission, and a purpose it allows."""
    ensure(user, permission)
    if purpose not in PURPOSES.get(permission, frozenset()):
        raise PermissionError(f"{permission.value} for {purpose.value}")


def require(
    permission: Permission, assisted: bool = False, represented: bool | None = None
) -> Callable:
    """View decorator: sign in first (redirect), then the permission (403).

    `assisted=True` marks the few applicant pages a STIP volunteer may also use, for the
    person they help, inside an active assisted session (portal.stip.acting); everything else
    stays closed to volunteers. `represented=True` (the default for assisted pages: they serve
    `acting.subject()`) lets in a representative for the person they chose, when the kind of
    their mandate covers the permission (MANDATE_PERMISSIONS)."""
    for_representatives = assisted if represented is None else represented

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if (
                not can(current_user, permission)
                and not (
                    assisted
                    and current_user.role == Role.STIP
                    and Role.APPLICANT in PERMISSIONS[permission]
                    and acting.helping()
                )
                and not (for_representatives and represented_may(permission))
            ):
                abort(403)
            return view(*args, **kwargs)

        # mypy does not model attributes set on a function object (python/mypy#2087).
        wrapped.required_permission = permission  # type: ignore[attr-defined]
        wrapped.assisted = assisted  # type: ignore[attr-defined]
        wrapped.represented = for_representatives  # type: ignore[attr-defined]
        return wrapped

    return decorator


def signed_in(view: Callable) -> Callable:
    """View decorator for pages every signed-in user may see."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return wrapped


# DigiD's assurance levels, low to high, and the SAML context classes brokers pass on in `acr`.
ASSURANCE_LEVELS = LEVELS
ACR_LEVELS = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": "basis",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": "midden",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": "substantieel",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": "hoog",
}


def assurance_level(acr: str | None) -> int:
    """The index of a login's level in ASSURANCE_LEVELS; -1 without DigiD (a password)."""
    name = ACR_LEVELS.get(acr or "", acr or "")
    return ASSURANCE_LEVELS.index(name) if name in ASSURANCE_LEVELS else -1


def require_assurance(setting: str) -> Callable:
    """View decorator for applicant pages that need a DigiD login of at least the level named
    by the configuration key `setting` (empty: no requirement). A lower login is sent to
    DigiD again; the login session's `acr` is put in `g.login_acr` by portal.auth."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            wanted = current_app.config[setting]
            if (
                wanted
                and current_user.is_authenticated
                and current_user.role is Role.APPLICANT
                and assurance_level(g.get("login_acr")) < ASSURANCE_LEVELS.index(wanted)
            ):
                return redirect(url_for("auth_oidc.digid", level=wanted, next=request.path))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def template_can(permission_name: str) -> bool:
    """`can('manage_accounts')` in templates, for the signed-in user."""
    return can(current_user, Permission(permission_name))
