"""What the outcomes of the schemes mean for a person's service line, read from the
definitions (self-reliant, supplementary questionnaire, hand back): no outcome id in code."""

from __future__ import annotations

from dataclasses import replace

from portal.config import MAIN_QUESTIONNAIRE
from portal.db import db
from portal.intake import version_services
from portal.intake.models import ServiceLine
from questionnaires.model import Outcome, Questionnaire

versions = version_services.versions  # shipped and uploaded, newest first
current_version = version_services.current_version  # the published one, else the default


def main_definitions() -> list[Questionnaire]:
    """Every version of the main questionnaire, the active one first."""
    main_id = MAIN_QUESTIONNAIRE[0]
    active = current_version(main_id) or MAIN_QUESTIONNAIRE[1]
    others = [v for v in versions(main_id) if v != active]
    return [version_services.load(main_id, v) for v in (active, *others)]


def main_outcome(scheme_id: str, outcome_id: str) -> Outcome | None:
    """What an outcome of the main questionnaire means (the active version first)."""
    for definition in main_definitions():
        scheme = definition.schemes.get(scheme_id)
        found = next((o for o in scheme.outcomes if o.id == outcome_id), None) if scheme else None
        if found is not None:
            return found
    return None


def self_reliant() -> set[tuple[str, str]]:
    """(scheme, outcome) pairs served at a distance by an e-coach, in any version."""
    return {
        (scheme.id, outcome.id)
        for definition in main_definitions()
        for scheme in definition.schemes.values()
        for outcome in scheme.outcomes
        if outcome.self_reliant
    }


def hand_back_target(scheme_id: str) -> str | None:
    """The line a supplementary questionnaire hands a person back to in this scheme."""
    for definition in main_definitions():
        scheme = definition.schemes.get(scheme_id)
        found = [o.id for o in scheme.outcomes if o.receives_hand_back] if scheme else []
        if found:
            return found[0]
    return None


def service_line(applicant) -> ServiceLine | None:
    return db.session.get(ServiceLine, applicant.id)


def supplementary_for(line: ServiceLine | None) -> str | None:
    """The supplementary questionnaire the confirmed line asks for, if any."""
    outcome = main_outcome(line.scheme, line.outcome) if line is not None else None
    return outcome.supplementary if outcome is not None and outcome.supplementary else None


def shown(outcome: Outcome, line: ServiceLine | None) -> Outcome:
    """An outcome as shown to people: the hand back of a supplementary questionnaire carries
    the name of the line it leads to in the person's scheme (profile 2 in the client
    profiles, not 'Klantondersteuning')."""
    if not outcome.hand_back or line is None:
        return outcome
    target = hand_back_target(line.scheme)
    landing = main_outcome(line.scheme, target) if target else None
    return replace(outcome, label=landing.label) if landing is not None else outcome
