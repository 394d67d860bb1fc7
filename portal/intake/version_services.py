"""Versions of the questionnaires: shipped and uploaded ones, checking an upload, publishing.

Which version new responses get is the newest publication of that questionnaire, else the
shipped default (`MAIN_QUESTIONNAIRE`, or the newest shipped file). A response always keeps the
version it was started with, and every version stays loadable.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

import questionnaires
from portal import audit
from portal.authz import Permission, ensure
from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.domain import DomainError
from portal.intake.version_models import Publication, StoredDefinition
from questionnaires.checks import DefinitionError
from questionnaires.loader import DEFINITIONS, parse
from questionnaires.model import Questionnaire

MAX_SOURCE_BYTES = 256 * 1024
_PARSED: dict[tuple[str, int, str], Questionnaire] = {}
_PROTECTED = re.compile(r"uses protected attribute '(?:question:)?([^']+)'")


def shipped_versions(questionnaire_id: str) -> list[int]:
    return sorted(v for q, v in questionnaires.available() if q == questionnaire_id)


def stored(questionnaire_id: str, version: int) -> StoredDefinition | None:
    return db.session.scalar(
        select(StoredDefinition).where(
            StoredDefinition.questionnaire_id == questionnaire_id,
            StoredDefinition.version == version,
        )
    )


def versions(questionnaire_id: str) -> list[int]:
    """Every version of a questionnaire, shipped or uploaded, newest first."""
    uploaded = db.session.scalars(
        select(StoredDefinition.version).where(
            StoredDefinition.questionnaire_id == questionnaire_id
        )
    ).all()
    return sorted({*shipped_versions(questionnaire_id), *uploaded}, reverse=True)


def load(questionnaire_id: str, version: int) -> Questionnaire:
    """A version by id and number: the shipped file, else the uploaded source (parsed once)."""
    if version in shipped_versions(questionnaire_id):
        return questionnaires.load(questionnaire_id, version)
    row = stored(questionnaire_id, version)
    if row is None:
        raise LookupError(f"{questionnaire_id} v{version}")
    key = (questionnaire_id, version, hashlib.sha256(row.source.encode()).hexdigest())
    if key not in _PARSED:
        _PARSED[key] = parse(tomllib.loads(row.source))
    return _PARSED[key]


def publication(questionnaire_id: str) -> Publication | None:
    return db.session.scalar(
        select(Publication)
        .where(Publication.questionnaire_id == questionnaire_id)
        .order_by(Publication.published_at.desc(), Publication.id.desc())
        .limit(1)
    )


def current_version(questionnaire_id: str) -> int | None:
    """The version new responses get."""
    published = publication(questionnaire_id)
    if published is not None:
        return published.version
    if questionnaire_id == MAIN_QUESTIONNAIRE[0]:
        return MAIN_QUESTIONNAIRE[1]
    found = shipped_versions(questionnaire_id)
    return found[-1] if found else None


def history(questionnaire_id: str) -> list[Publication]:
    return list(
        db.session.scalars(
            select(Publication)
            .where(Publication.questionnaire_id == questionnaire_id)
            .order_by(Publication.published_at.desc(), Publication.id.desc())
        )
    )


def source_of(questionnaire_id: str, version: int) -> str:
    """The TOML of a version, to start a copy from."""
    if version in shipped_versions(questionnaire_id):
        return (DEFINITIONS / f"{questionnaire_id}.v{version}.toml").read_text(encoding="utf-8")
    row = stored(questionnaire_id, version)
    if row is None:
        raise LookupError(f"{questionnaire_id} v{version}")
    return row.source


def explain(error: DefinitionError) -> str:
    """A loader's refusal in words for a functional administrator (the detail follows)."""
    detail = str(error)
    if match := _PROTECTED.search(detail):
        return _(
            "A rule uses the answer to the question “%(question)s”. That question is about "
            "a protected attribute (such as nationality, origin, religion or gender). Such an "
            "answer may never decide the advice. Take it out of the rule. (%(detail)s)",
            question=match.group(1),
            detail=detail,
        )
    if "not valid TOML" in detail:
        return _(
            "The file is not written correctly, so the portal cannot read it. (%(detail)s)",
            detail=detail,
        )
    if "unknown" in detail:
        return _(
            "The file refers to something that it does not define. Check the spelling of the "
            "name. (%(detail)s)",
            detail=detail,
        )
    return _("The portal cannot use this version. (%(detail)s)", detail=detail)


def check_source(source: str) -> Questionnaire:
    """Parse and check a definition, or DomainError at the field `source`."""
    if len(source.encode()) > MAX_SOURCE_BYTES:
        raise DomainError(
            _("The file is too large. A questionnaire is at most 256 KB."), field="source"
        )
    try:
        definition = parse(tomllib.loads(source))
    except tomllib.TOMLDecodeError as error:
        raise DomainError(
            explain(DefinitionError(f"not valid TOML: {error}")), field="source"
        ) from None
    except DefinitionError as error:
        raise DomainError(explain(error), field="source") from None
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise DomainError(explain(DefinitionError(repr(error))), field="source") from None
    if definition.id not in {q for q, _v in questionnaires.available()}:
        raise DomainError(
            _(
                "The portal has no questionnaire “%(id)s”. Keep the id of the questionnaire "
                "you copied.",
                id=definition.id,
            ),
            field="source",
        )
    _keep_protected(definition)
    return definition


def _keep_protected(definition: Questionnaire) -> None:
    """A question that is protected in the version in use stays protected (else a rule could
    use it unnoticed)."""
    version = current_version(definition.id)
    if version is None:
        return
    before = {q.id for q in load(definition.id, version).questions if q.protected}
    dropped = sorted(q.id for q in definition.questions if q.id in before and not q.protected)
    if dropped:
        raise DomainError(
            explain(
                DefinitionError(f"uses protected attribute '{dropped[0]}' (protected = false)")
            ),
            field="source",
        )


def upload(actor, source: str, now: datetime) -> StoredDefinition:
    """A new version from its TOML source: checked, kept, not yet in use."""
    ensure(actor, Permission.MANAGE_QUESTIONNAIRES)
    definition = check_source(source)
    if definition.version in versions(definition.id):
        raise DomainError(
            _(
                "Version %(version)s of this questionnaire already exists. Give the new "
                "version a higher number (the line version = … in the file).",
                version=definition.version,
            ),
            field="source",
        )
    row = StoredDefinition(
        questionnaire_id=definition.id,
        version=definition.version,
        source=source,
        uploaded_at=now,
        uploaded_by_id=actor.id,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        actor,
        "questionnaire.upload",
        "questionnaire",
        row.id,
        detail=f"{row.questionnaire_id} v{row.version}",
    )
    return row


def publish(actor, questionnaire_id: str, version: int, now: datetime) -> Publication:
    """Make a version the one new responses get (who and when are kept)."""
    ensure(actor, Permission.MANAGE_QUESTIONNAIRES)
    if version not in versions(questionnaire_id):
        raise DomainError(_("This version does not exist."))
    if current_version(questionnaire_id) == version:
        raise DomainError(_("This version is already in use."))
    row = Publication(
        questionnaire_id=questionnaire_id,
        version=version,
        published_at=now,
        published_by_id=actor.id,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        actor,
        "questionnaire.publish",
        "questionnaire",
        row.id,
        detail=f"{questionnaire_id} v{version}",
    )
    return row
