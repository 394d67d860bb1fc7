"""scripts/supply_chain.py: how pip-audit's report and the dated exceptions are judged, and that
`make test` runs it."""

from datetime import date
from pathlib import Path

from scripts.supply_chain import judge, load_exceptions

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 28)


def report(*vulns, skipped=()):
    return {
        "dependencies": [
            {"name": "flask", "version": "3.1.0", "vulns": list(vulns)},
            *({"name": name, "skip_reason": "Dependency not found on PyPI"} for name in skipped),
        ]
    }


VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-1", "GHSA-aaaa"], "fix_versions": ["3.1.9"]}


def exceptions(tmp_path, expires="2027-01-31", **fields):
    entry = {
        "id": "GHSA-aaaa",
        "package": "flask",
        "reason": "not reached",
        "decided_by": "security officer",
        "decided_on": "2026-11-28",
        "expires_on": expires,
        **fields,
    }
    path = tmp_path / "exceptions.toml"
    lines = [
        f"{key} = {value}" if key.endswith("_on") else f'{key} = "{value}"'
        for key, value in entry.items()
        if value is not None
    ]
    path.write_text("[[exception]]\n" + "\n".join(lines) + "\n")
    return load_exceptions(path, TODAY)


def test_a_known_vulnerability_fails(tmp_path):
    verdict = judge(report(VULN), {}, [])
    assert verdict.failures == ["flask 3.1.0: CVE-2099-1, GHSA-aaaa, PYSEC-2099-1 (fixed in 3.1.9)"]


def test_a_dated_exception_accepts_it_by_any_alias(tmp_path):
    verdict = judge(report(VULN), *exceptions(tmp_path))
    assert verdict.failures == []
    assert verdict.accepted == [
        "flask 3.1.0: CVE-2099-1, GHSA-aaaa, PYSEC-2099-1 (accepted until 2027-01-31)"
    ]


def test_an_expired_exception_fails(tmp_path):
    verdict = judge(report(VULN), *exceptions(tmp_path, expires="2026-11-27"))
    assert len(verdict.failures) == 2
    assert "expired on 2026-11-27" in verdict.failures[0]


def test_an_exception_without_a_reason_or_date_counts_for_nothing(tmp_path):
    found, problems = exceptions(tmp_path, reason=None)
    assert found == {} and problems == ["exception GHSA-aaaa: missing reason"]
    assert judge(report(VULN), found, problems).failures[1].startswith("flask 3.1.0")


def test_an_exception_for_another_package_does_not_count(tmp_path):
    assert judge(report(VULN), *exceptions(tmp_path, package="jinja2")).failures


def test_packages_that_could_not_be_looked_up_are_not_a_pass():
    verdict = judge(report(skipped=["requests"]), {}, [])
    assert verdict.failures == [] and verdict.unaudited == [
        "requests: Dependency not found on PyPI"
    ]


def test_the_committed_exceptions_are_valid():
    _found, problems = load_exceptions(ROOT / "scripts" / "vulnerability-exceptions.toml", TODAY)
    assert problems == []


def test_make_test_runs_the_audit_and_the_sbom():
    script = (ROOT / "scripts" / "test-all.sh").read_text()
    assert "scripts/supply_chain.py" in script
