#!/usr/bin/env bash
# bench/abuse.py against gunicorn (4 workers, production settings) on a throw-away PostgreSQL:
#   bash bench/abuse-on-postgres.sh [--only NAME ...]
# Starts the database and the server, runs every attack, stops both; exits 1 on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
run() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export PORTAL_ENV=production PORTAL_BASE_URL="http://127.0.0.1:$port" \
    SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    PORTAL_HASH_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    PORTAL_ENCRYPTION_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    PORTAL_CITIZEN_LOGIN=password MAIL_BACKEND=smtp SMTP_HOST=127.0.0.1 SMTP_PORT=2525 \
    PORTAL_CLAMD=off
  .venv/bin/portal init-db >/dev/null
  .venv/bin/gunicorn -w 4 -b "127.0.0.1:$port" --log-level warning wsgi:app &
  local server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' RETURN
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.2
  done
  .venv/bin/python bench/abuse.py --base-url "http://127.0.0.1:$port" "$@"
}
export -f run 2>/dev/null || true
bash scripts/with-postgres.sh bash -c "$(declare -f run); run $*"
