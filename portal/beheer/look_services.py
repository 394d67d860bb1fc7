"""The look: the municipality's name, address and phone number, the theme colours (refused below
4.5:1 contrast) and the logo (PNG or JPEG, checked by content). Kept through `portal.policy`
with who changed what and when; the configuration's values are the defaults."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from portal import audit, files, look, policy
from portal.authz import Permission, ensure
from portal.domain import DomainError

MAX_NAME, MAX_ADDRESS, MAX_PHONE = 100, 300, 40
PHONE_CHARACTERS = set("0123456789 +-()")


def _kept(key: str, value: str) -> str | None:
    """None when the value is the configuration's (no row needed)."""
    return None if value == str(policy.default(key, "")) else value


def check(values: dict[str, str]) -> dict[str, str]:
    """The values as kept (key → value); DomainError at the field of the first bad one."""
    name = " ".join((values.get(look.NAME) or "").split())
    if not name:
        raise DomainError(_("Write the name of the municipality."), field=look.field(look.NAME))
    if len(name) > MAX_NAME:
        raise DomainError(
            _("Use at most %(count)s characters.", count=MAX_NAME), field=look.field(look.NAME)
        )
    address = "\n".join(
        " ".join(line.split()) for line in (values.get(look.ADDRESS) or "").splitlines()
    ).strip()
    if len(address) > MAX_ADDRESS or address.count("\n") > 4:
        raise DomainError(
            _("Use at most five lines and %(count)s characters.", count=MAX_ADDRESS),
            field=look.field(look.ADDRESS),
        )
    phone = " ".join((values.get(look.PHONE) or "").split())
    if phone and (
        len(phone) > MAX_PHONE
        or not set(phone) <= PHONE_CHARACTERS
        or sum(c.isdigit() for c in phone) < 3
    ):
        raise DomainError(
            _("Write a phone number with digits, like 14 020 or 020 123 45 67."),
            field=look.field(look.PHONE),
        )
    kept = {look.NAME: name, look.ADDRESS: address, look.PHONE: phone}
    for key in look.COLOURS:
        kept[key] = look.check_colour(key, values.get(key) or "")
    return kept


def save(actor, values: dict[str, str], now: datetime) -> int:
    """Check every value, then keep the changed ones (all or nothing); the number changed."""
    ensure(actor, Permission.MANAGE_LOOK)
    checked = check(values)
    changed = 0
    for key, value in checked.items():
        if policy.change(actor.id, key, _kept(key, value), now):
            changed += 1
            audit.record(actor, "look.change", "setting", None, detail=key)
    return changed


def upload_logo(actor, data: bytes, now: datetime) -> str:
    """A new logo: checked (kind, size, pixels), scanned, kept, and in use from now on."""
    ensure(actor, Permission.MANAGE_LOOK)
    content_type = look.check_logo(data)
    files.screen(actor.id, data)
    digest = look.keep_logo(data, content_type, now)
    policy.change(actor.id, look.LOGO, digest, now)
    audit.record(actor, "look.logo", "setting", None, detail=digest[:12])
    return digest


def reset_logo(actor, now: datetime) -> bool:
    """Back to the configured logo; False when none was uploaded."""
    ensure(actor, Permission.MANAGE_LOOK)
    if not policy.change(actor.id, look.LOGO, None, now):
        return False
    audit.record(actor, "look.logo_reset", "setting", None)
    return True


def history() -> list[policy.SettingChange]:
    return policy.history(list(look.KEYS))
