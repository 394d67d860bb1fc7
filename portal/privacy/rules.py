"""The retention schedule: every kind of record about a person, how long it is kept and when
it may be erased on request. The same definitions drive `portal retention run`, erasure, the
applicant's "Mijn gegevens" page, the download of everything and the records of processing
(their texts are in `display.py`). Pure data and dates: no Flask, no database.

Clocks:
- `file`: counted from the day the person's file closed (every application ended); nothing
  on this clock expires while an application is open.
- `row`: each row by its own date (`date_column`).
- `job`: removed by an existing scheduled job (`portal run-scheduled`), named in `job`.

A category with `with_benefit` follows that category's period for people who got a benefit
(a consultant decided their route) and may then not be erased on request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FILE, ROW, JOB = "file", "row", "job"


@dataclass(frozen=True)
class Category:
    id: str
    tables: tuple[str, ...]
    setting: str  # PORTAL_KEEP_<X>_DAYS: the period in days (configurable)
    default_days: int
    clock: str = FILE
    date_column: str = ""
    erasable: bool = True  # deleted on an erasure request (for people without a benefit)
    with_benefit: str = ""  # the category whose rules apply once the person got a benefit
    job: str = ""


BENEFIT_FILE = Category(
    "benefit_file",
    (
        "routing_decision",
        "service_line",
        "coaching_review",
        "coaching_handover",
        "catalogue_referral",
    ),
    "PORTAL_KEEP_BENEFIT_FILE_DAYS",
    7 * 365,
    erasable=False,
)

SCHEDULE: tuple[Category, ...] = (
    Category(
        "account",
        # who acts for the person (and what they did) is part of the account
        # the figures' row of facts per person is computed from the account and its file
        ("user_account", "citizen_identity", "mandate", "mandate_action", "figures_person"),
        "PORTAL_KEEP_ACCOUNT_DAYS",
        365,
        with_benefit="benefit_file",
    ),
    Category(
        "search_period",
        (
            "application",
            "pending_registration",
            "conversation_invite",
            "assessment",
            "reminder_sent",
        ),
        "PORTAL_KEEP_SEARCH_PERIOD_DAYS",
        365,
        erasable=False,
        with_benefit="benefit_file",
    ),
    Category(
        "questionnaire",
        ("questionnaire_response", "routing_objection"),
        "PORTAL_KEEP_QUESTIONNAIRE_DAYS",
        90,
        with_benefit="benefit_file",
    ),
    BENEFIT_FILE,
    Category(
        "coaching",
        (
            "caseload_assignment",
            "staff_note",
            "info_invitation",
            "coaching_signal",
            # the personal activation plan, agreed with the e-coach
            "plan",
            "plan_goal",
            "plan_action",
            "plan_proposal",
            "plan_comment",
            "plan_change",
        ),
        "PORTAL_KEEP_COACHING_DAYS",
        2 * 365,
    ),
    Category(
        "werkmap",
        (
            "werkmap_entry",
            "werkmap_status_change",
            "werkmap_cv",
            "werkmap_cv_item",
            "werkmap_profile",
            "werkmap_norm",
            "stored_file",
            # the labour-market value scan, the 360° invitations and all ratings
            "labour_scan",
            "labour_invitation",
            "labour_rating",
        ),
        "PORTAL_KEEP_WERKMAP_DAYS",
        365,
    ),
    Category(
        "messages",
        ("message", "message_notice"),
        "PORTAL_KEEP_MESSAGES_DAYS",
        2 * 365,
    ),
    Category(
        "help_sessions",
        ("stip_session", "stip_action"),
        "PORTAL_KEEP_HELP_SESSIONS_DAYS",
        365,
        clock=ROW,
        date_column="started_at",
    ),
    Category(
        "correction_requests",
        ("correction_request",),
        "PORTAL_KEEP_CORRECTION_REQUESTS_DAYS",
        2 * 365,
        clock=ROW,
        date_column="created_at",
        erasable=False,
    ),
    Category(
        "audit_log",
        ("audit_event",),
        "PORTAL_KEEP_AUDIT_DAYS",
        5 * 365,
        clock=ROW,
        date_column="at",
        erasable=False,
    ),
    Category(
        "sign_in",
        (
            "login_session",
            "kept_form",
            "account_token",
            "mfa_totp",
            "mfa_recovery_code",
            "mfa_passkey",
            "form_key",
        ),
        "PORTAL_SESSION_MAX_HOURS",
        1,
        clock=JOB,
        job="run-scheduled",
    ),
    Category(
        "mail",
        ("outbox_message",),
        "PORTAL_MAIL_KEEP_DAYS",
        30,
        clock=JOB,
        job="run-scheduled",
    ),
    Category(
        "staff_work",
        (
            "stip_volunteer",
            "stand_in",
            # beheer: who uploaded or published a questionnaire version, who changed a text
            "questionnaire_definition",
            "questionnaire_publication",
            "text_override",
            # who changed a setting or the look, and when
            "policy_change",
            # figures: the team lead's goals
            "figures_goal",
        ),
        "PORTAL_KEEP_ACCOUNT_DAYS",
        0,
        clock=JOB,
        job="accounts",
    ),
)

BY_ID = {category.id: category for category in SCHEDULE}

# Tables that hold nothing about one person (or only a keyed hash nobody can reverse).
NOT_ABOUT_PEOPLE = {
    "audit_chain": "the head of the audit log's chain: a number and a hash",
    "catalogue_service": "the municipality's services to refer to",
    "figures_count": "monthly counts for the figures pages, per team",
    "figures_file_count": "the file's counts per day, for the figures pages",
    "figures_file_day": "the days whose file counts were made",
    "info_meeting": "dates and places of information meetings",
    "job_run": "when the scheduled jobs last finished",
    "labour_competence": "the municipality's list of competences",
    "labour_occupation": "occupations in demand in the region",
    "labour_occupation_requirement": "the competences an occupation asks for",
    "labour_vacancy": "vacancies in the region",
    "labour_vacancy_requirement": "the competences a vacancy asks for",
    "login_throttle": "failure counts under a hash of an address",
    "message_template": "ready texts for e-coaches",
    "policy_setting": "the municipality's policy values, name, address and colours",
    "rate_limit": "counts under a hash of an address",
    "routing_figure": "monthly counts of advice confirmed or changed, per route",
    "settings_stamp": "a random number that changes with the policy values and texts",
    "stip_location": "help points",
    "team": "names of teams",
    "theme_logo": "the municipality's logo",
}

# Never in a download: secrets that would let someone sign in or are keyed hashes.
SECRET_COLUMNS = {
    "user_account": {"password_hash", "session_version"},
    "citizen_identity": {"bsn_hash", "bsn_encrypted"},
    "account_token": {"token_hash"},
    "login_session": {"token_hash"},
    "kept_form": {"token_hash", "fields"},
    "mfa_totp": {"secret_encrypted", "last_step"},
    "mfa_recovery_code": {"code_hash"},
    "mfa_passkey": {"public_key", "credential_id"},
    "form_key": {"key"},
    "outbox_message": {"secret"},
    "labour_invitation": {"token_hash"},
}


def category_of(table: str) -> Category:
    return next(c for c in SCHEDULE if table in c.tables)


def rules_for(category: Category, got_benefit: bool) -> Category:
    """The category whose period and erasure rule apply to this person."""
    if got_benefit and category.with_benefit:
        return BY_ID[category.with_benefit]
    return category


def expired(since: datetime | None, days: int, now: datetime) -> bool:
    """True when a clock that started `since` has run `days` by `now`."""
    return since is not None and since + timedelta(days=days) <= now


def erasable(category: Category, got_benefit: bool) -> bool:
    return rules_for(category, got_benefit).erasable
