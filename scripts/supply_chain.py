"""Supply chain, run by `make test` (scripts/test-all.sh):

1. a CycloneDX SBOM of what production installs (requirements.lock) → build/sbom.cdx.json;
2. pip-audit of requirements.lock (exact versions with hashes, nothing installed) against the
   Python Packaging Advisory Database (through the PyPI JSON API);
3. fails on a known vulnerability unless `scripts/vulnerability-exceptions.toml` holds an
   exception for it with a reason, who decided, when, and an end date that has not passed;
   an expired or incomplete exception fails too.

When the advisory database cannot be reached, pip-audit skips the packages it could not look
up. That is not a pass: the script says NOT AUDITED and which packages, loudly. It fails only
with PORTAL_AUDIT_UNREACHABLE=fail, to be set in a pipeline that can reach the database: the
machines this project is built and tested on cannot (their PyPI is a local mirror), and a
check that cannot run there must not block every change.

    .venv/bin/python scripts/supply_chain.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LOCK = ROOT / "requirements.lock"
EXCEPTIONS = ROOT / "scripts" / "vulnerability-exceptions.toml"
SBOM = ROOT / "build" / "sbom.cdx.json"
REQUIRED = ("id", "package", "reason", "decided_by", "decided_on", "expires_on")


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    ids: frozenset[str]  # the advisory's id and its aliases (CVE, GHSA, PYSEC)
    fix: str


@dataclass
class Verdict:
    failures: list[str]
    accepted: list[str]
    unaudited: list[str]


def load_exceptions(path: Path, today: date) -> tuple[dict[str, dict], list[str]]:
    """The exceptions by id, and what is wrong with the file (incomplete or expired)."""
    if not path.exists():
        return {}, []
    entries = tomllib.loads(path.read_text()).get("exception", [])
    found, problems = {}, []
    for entry in entries:
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            problems.append(f"exception {entry.get('id', '?')}: missing {', '.join(missing)}")
            continue
        if not isinstance(entry["expires_on"], date) or entry["expires_on"] < today:
            problems.append(
                f"exception {entry['id']} ({entry['package']}) expired on {entry['expires_on']}:"
                " update the package or decide again"
            )
            continue
        found[str(entry["id"])] = entry
    return found, problems


def findings(report: dict) -> tuple[list[Finding], list[str]]:
    """pip-audit's JSON: the vulnerabilities found, and the packages it could not check."""
    found, skipped = [], []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(f"{dependency['name']}: {dependency['skip_reason']}")
            continue
        for vuln in dependency.get("vulns", []):
            found.append(
                Finding(
                    dependency["name"],
                    dependency.get("version", "?"),
                    frozenset([vuln["id"], *vuln.get("aliases", [])]),
                    ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet",
                )
            )
    return found, skipped


def judge(report: dict, exceptions: dict[str, dict], problems: list[str]) -> Verdict:
    vulnerable, skipped = findings(report)
    verdict = Verdict(failures=list(problems), accepted=[], unaudited=skipped)
    for finding in vulnerable:
        name = f"{finding.package} {finding.version}: {', '.join(sorted(finding.ids))}"
        excepted = [exceptions[i] for i in sorted(finding.ids) if i in exceptions]
        if excepted and excepted[0]["package"].lower() == finding.package.lower():
            verdict.accepted.append(f"{name} (accepted until {excepted[0]['expires_on']})")
        else:
            verdict.failures.append(f"{name} (fixed in {finding.fix})")
    return verdict


def unreachable_policy() -> str:
    chosen = os.environ.get("PORTAL_AUDIT_UNREACHABLE", "")
    if chosen in ("fail", "warn"):
        return chosen
    return "warn"


def write_sbom() -> None:
    SBOM.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 -- our own tool, fixed arguments
        [
            str(BIN / "cyclonedx-py"),
            "requirements",
            str(LOCK),
            "--pyproject",
            str(ROOT / "pyproject.toml"),
            "--output-reproducible",
            "-o",
            str(SBOM),
        ],
        check=True,
        capture_output=True,
    )
    components = len(json.loads(SBOM.read_text()).get("components", []))
    print(f"SBOM (CycloneDX): {SBOM.relative_to(ROOT)}, {components} components")


def audit() -> dict:
    done = subprocess.run(  # noqa: S603 -- our own tool, fixed arguments
        [
            str(BIN / "pip-audit"),
            "--requirement",
            str(LOCK),
            "--require-hashes",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if not done.stdout.strip():
        print(done.stderr.strip()[-2000:], file=sys.stderr)
        raise SystemExit("pip-audit gave no report")
    return json.loads(done.stdout)


def main() -> int:
    write_sbom()
    today = datetime.now(UTC).date()
    exceptions, problems = load_exceptions(EXCEPTIONS, today)
    verdict = judge(audit(), exceptions, problems)
    for line in verdict.accepted:
        print(f"accepted (scripts/vulnerability-exceptions.toml): {line}")
    status = 0
    if verdict.unaudited:
        policy = unreachable_policy()
        print(
            f"NOT AUDITED: {len(verdict.unaudited)} packages could not be looked up in the "
            f"vulnerability database ({policy}; PORTAL_AUDIT_UNREACHABLE=fail|warn), e.g. "
            f"{verdict.unaudited[0]}"
        )
        status = 1 if policy == "fail" else 0
    for line in verdict.failures:
        print(f"VULNERABLE: {line}")
    if verdict.failures:
        status = 1
    elif not verdict.unaudited:
        print("pip-audit: no known vulnerabilities in requirements.lock")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
