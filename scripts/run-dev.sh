#!/usr/bin/env bash
# Development server plus the mail worker; Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/portal send-mail --loop --interval 3 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Portal: http://127.0.0.1:5000   Development mailbox: http://127.0.0.1:5000/dev/mailbox/"
.venv/bin/portal run --host 127.0.0.1 --port 5000
