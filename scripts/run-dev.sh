#!/usr/bin/env bash
# Development server plus the mail worker; Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/portal send-mail --loop --interval 3 &
worker=$!
# The daily jobs (reminder mails), every hour while developing; production runs them by cron.
( while true; do .venv/bin/portal run-scheduled; sleep 3600; done ) &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "Portal: http://127.0.0.1:5000   Development mailbox: http://127.0.0.1:5000/dev/mailbox/"
.venv/bin/portal run --host 127.0.0.1 --port 5000
