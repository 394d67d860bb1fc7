#!/usr/bin/env bash
# The whole suite: SQLite (everything but the browser), PostgreSQL (the integration tests
# again), then the browser tests. pytest's exit 5 (no tests collected) counts as a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest -p no:cacheprovider)
status=0
run() {
  local name=$1; shift
  echo "=== $name"
  "$@"
  local rc=$?
  if [ $rc -ne 0 ]; then
    echo "=== $name: FAILED (exit $rc)"
    status=1
  fi
}
start=$(date +%s)
# Every applicant text translated in nl, ar, tr, pl, uk and ti (missing, fuzzy, placeholders,
# long buttons), and Dutch at B1 on applicant pages: portal/catalogues.py, portal/readability.py.
# Known vulnerabilities in requirements.lock (pip-audit; dated exceptions in
# scripts/vulnerability-exceptions.toml) and the CycloneDX SBOM in build/sbom.cdx.json.
run "Supply chain: pip-audit and SBOM" .venv/bin/python scripts/supply_chain.py
run "Translations: check" .venv/bin/portal translations check
run "Translations: readability of the Dutch" .venv/bin/portal translations readability
# pytest-xdist on every core: each worker has its own SQLite file or PostgreSQL database (the
# browser tests: its own live server, Chromium and HTML checker). Work stealing keeps both
# workers busy to the end, when the few long tests are left.
XDIST=(-n "${PORTAL_TEST_WORKERS:-auto}" --dist worksteal)
run "SQLite: unit and integration tests" env -u DATABASE_URL "${PYTEST[@]}" "${XDIST[@]}" -m "not e2e" -q
run "PostgreSQL: integration tests" bash scripts/with-postgres.sh "${PYTEST[@]}" "${XDIST[@]}" -m "integration and not e2e" -q
run "Browser tests (Chromium, axe-core, Nu Html Checker)" env -u DATABASE_URL "${PYTEST[@]}" "${XDIST[@]}" -m e2e -q
echo "=== make test took $(( $(date +%s) - start )) s; result: $([ $status -eq 0 ] && echo passed || echo FAILED)"
exit $status
