#!/usr/bin/env bash
# Installs Debian's chromium (for the browser tests) and postgresql (for the PostgreSQL run)
# when they are missing. Needs root or sudo, as CI has.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
