#!/usr/bin/env bash
# The load test (bench/locustfile.py) against gunicorn (4 workers, production settings, metrics
# in multiprocess mode) on a throw-away PostgreSQL, in steps of more users:
#   bash bench/load-on-postgres.sh [users per step, default "10 20 40 60"]
# Each step ramps up at 2 users a second and runs 60 s (its figures counted from when all
# users are there: --reset-stats, so sign-ins are not in them); it stops after the first step with a
# p95 over 500 ms or an error. Needs the bench virtualenv (.venv-bench, made here from
# requirements-bench.lock). Results: bench/results/load-<time>-<users>_stats.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-bench/bin/locust ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet --require-hashes -r requirements-bench.lock
fi
run() {
  local port steps stamp prefixes=() work
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  steps=${1:-"10 20 40 60"}
  stamp=$(date -u +%Y%m%dT%H%M%S)
  work=$(mktemp -d)
  export PORTAL_ENV=production PORTAL_BASE_URL="http://127.0.0.1:$port" \
    SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    PORTAL_HASH_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    PORTAL_ENCRYPTION_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    PORTAL_DATA_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    PORTAL_CITIZEN_LOGIN=password MAIL_BACKEND=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=2525 \
    PORTAL_CLAMD=off PORTAL_UPLOAD_DIR="$work/uploads" PORTAL_LOG_FORMAT=json \
    PORTAL_METRICS_TOKEN="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')" \
    PROMETHEUS_MULTIPROC_DIR="$work/metrics"
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR" bench/results
  .venv/bin/portal init-db >/dev/null
  .venv/bin/python bench/load_setup.py "$work/accounts.json" 300
  .venv/bin/gunicorn -w 4 -b "127.0.0.1:$port" --log-level warning wsgi:app 2>"$work/portal.log" &
  local server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' RETURN
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.2
  done
  for users in $steps; do
    local prefix="bench/results/load-$stamp-$users"
    echo "=== $users users"
    BENCH_ACCOUNTS="$work/accounts.json" .venv-bench/bin/locust -f bench/locustfile.py \
      --host "http://127.0.0.1:$port" --headless --users "$users" --spawn-rate 2 \
      --run-time 60s --reset-stats --csv "$prefix" --only-summary --loglevel WARNING >"$prefix.log" 2>&1 || true
    if [ ! -f "${prefix}_stats.csv" ]; then tail -20 "$prefix.log"; break; fi
    prefixes+=("$prefix")
    if ! python3 bench/load_report.py "$prefix" >/dev/null; then break; fi
  done
  [ ${#prefixes[@]} -gt 0 ] && python3 bench/load_report.py "${prefixes[@]}" || true
  echo "=== /metrics after the run (every gunicorn worker counted):"
  curl -fs -H "Authorization: Bearer $PORTAL_METRICS_TOKEN" "http://127.0.0.1:$port/metrics" \
    | grep -E '^portal_(responses_total\{endpoint="werkmap.log"|server_errors_total|outbox_unsent|active_sessions)' || true
  kill $server; wait $server 2>/dev/null || true
  echo "=== backup and restore of what the run left (the portal stopped, as for a restore)"
  local start
  start=$(date +%s%N)
  .venv/bin/portal backup "$work/backup.tar.gz"
  echo "backup took $(( ($(date +%s%N) - start) / 1000000 )) ms"
  start=$(date +%s%N)
  .venv/bin/portal restore "$work/backup.tar.gz" --yes
  echo "restore took $(( ($(date +%s%N) - start) / 1000000 )) ms"
}
bash scripts/with-postgres.sh bash -c "$(declare -f run); run '${1:-}'"
