"""Settings that are policy, not infrastructure: the norms, the reminder days, the routing scheme
and the retention periods. Each is checked here, kept through `portal.policy` with who changed
it, when, and from what to what; the configuration's value is the default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal import audit, policy
from portal.authz import Permission, ensure
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.domain import DomainError
from portal.intake import version_services
from portal.people import User
from portal.privacy import rules

NUMBER, DAYS, CHOICE = "number", "days", "choice"
MAX_REMINDERS = 10


@dataclass(frozen=True)
class Spec:
    key: str  # the configuration setting it replaces
    kind: str
    label: object
    hint: object
    minimum: int = 0
    maximum: int = 0

    @property
    def field(self) -> str:
        """The name of its form field (and of the field its errors go to)."""
        return self.key.removeprefix("PORTAL_").lower()


POLICY: tuple[Spec, ...] = (
    Spec(
        "PORTAL_APPLICATION_NORM",
        NUMBER,
        _l("Job applications in the four weeks"),
        _l("How many job applications someone must send in the search period."),
        0,
        50,
    ),
    Spec(
        "PORTAL_WEEKLY_NORM",
        NUMBER,
        _l("Job applications per week"),
        _l("How many per week after the search period, unless an e-coach sets another number."),
        0,
        20,
    ),
    Spec(
        "PORTAL_REMINDER_DAYS",
        DAYS,
        _l("Reminder days"),
        _l("On which days of the four weeks a reminder of open items is mailed, like 7,14,21."),
        1,
        28,
    ),
    Spec(
        "PORTAL_REMINDER_DAYS_BEFORE_END",
        NUMBER,
        _l("Reminder before the end"),
        _l("How many days before the end of the four weeks the last reminder is mailed."),
        0,
        27,
    ),
    Spec(
        "PORTAL_ROUTING_SCHEME",
        CHOICE,
        _l("Routing scheme"),
        _l("How the questionnaire divides people: three service lines or four client profiles."),
    ),
)

# The retention periods the municipality chooses (the others follow sessions or jobs), in
# days; from the day a file closed, or for each row from its own date.
MIN_KEEP_DAYS, MAX_KEEP_DAYS = 30, 100 * 365
KEEP_LABELS = {
    "account": _l("Keep accounts"),
    "search_period": _l("Keep applications and the four weeks"),
    "questionnaire": _l("Keep answers to questionnaires"),
    "benefit_file": _l("Keep decisions (people with a benefit)"),
    "coaching": _l("Keep coaching records"),
    "werkmap": _l("Keep the Werkmap"),
    "messages": _l("Keep messages"),
    "help_sessions": _l("Keep help at help points"),
    "correction_requests": _l("Keep correction requests"),
    "audit_log": _l("Keep the audit log"),
}
RETENTION: tuple[Spec, ...] = tuple(
    Spec(
        category.setting,
        NUMBER,
        KEEP_LABELS[category.id],
        _l("Days. The portal's own default: %(days)s.", days=category.default_days),
        MIN_KEEP_DAYS,
        MAX_KEEP_DAYS,
    )
    for category in {c.setting: c for c in (*rules.SCHEDULE, rules.BENEFIT_FILE)}.values()
    if category.clock in (rules.FILE, rules.ROW)
)
SPECS = {spec.key: spec for spec in (*POLICY, *RETENTION)}
DEFAULT_DAYS = {
    category.setting: category.default_days
    for category in {c.setting: c for c in (*rules.SCHEDULE, rules.BENEFIT_FILE)}.values()
    if category.clock in (rules.FILE, rules.ROW)
}


def schemes() -> dict[str, str]:
    """The routing schemes of the active questionnaire: id → label (English, a msgid)."""
    main = MAIN_QUESTIONNAIRE[0]
    definition = version_services.load(main, version_services.current_version(main) or 1)
    return {key: scheme.label for key, scheme in sorted(definition.schemes.items())}


def current(key: str) -> object:
    return policy.get(key, DEFAULT_DAYS.get(key))


def check(spec: Spec, raw: str) -> str:
    """The value as kept, or DomainError at the field of that setting."""
    raw = (raw or "").strip()
    if spec.kind == CHOICE:
        if raw not in schemes():
            raise DomainError(_("Choose one of the schemes."), field=spec.field)
        return raw
    if spec.kind == DAYS:
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        if not parts or not all(p.isdigit() for p in parts):
            raise DomainError(
                _("Write day numbers with a comma between them, like 7,14,21."), field=spec.field
            )
        days = sorted({int(p) for p in parts})
        if len(days) > MAX_REMINDERS or not all(spec.minimum <= d <= spec.maximum for d in days):
            raise DomainError(
                _(
                    "Write at most %(count)s days, each from %(least)s to %(most)s.",
                    count=MAX_REMINDERS,
                    least=spec.minimum,
                    most=spec.maximum,
                ),
                field=spec.field,
            )
        return ",".join(str(d) for d in days)
    if not raw.isdigit() or not spec.minimum <= int(raw) <= spec.maximum:
        raise DomainError(
            _(
                "Write a whole number from %(least)s to %(most)s.",
                least=spec.minimum,
                most=spec.maximum,
            ),
            field=spec.field,
        )
    return str(int(raw))


def save(actor, values: dict[str, str], now: datetime) -> int:
    """Check every value first, then keep the changed ones; the number changed. All or nothing:
    the first bad value is refused at its field and nothing is kept."""
    ensure(actor, Permission.MANAGE_SETTINGS)
    checked = {key: check(SPECS[key], raw) for key, raw in values.items() if key in SPECS}
    changed = 0
    for key, value in checked.items():
        kept: str | None = value
        if value == str(policy.default(key, DEFAULT_DAYS.get(key))):
            kept = None  # the default again: no row
        if policy.change(actor.id, key, kept, now):
            changed += 1
            audit.record(actor, "setting.change", "setting", None, detail=key)
    return changed


def problems(values: dict[str, str]) -> list[DomainError]:
    """Every bad value at once (the form shows each next to its field)."""
    found = []
    for key, raw in values.items():
        try:
            check(SPECS[key], raw)
        except DomainError as error:
            found.append(error)
    return found


def names(changes: list[policy.SettingChange]) -> dict[int, str]:
    """Who made these changes: id → name, in one query."""
    ids = {c.changed_by_id for c in changes if c.changed_by_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


def history() -> list[policy.SettingChange]:
    return policy.history(list(SPECS))
