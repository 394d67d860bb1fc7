#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: chromium (browser tests),
# postgresql (the PostgreSQL run), clamav-daemon (clamd for the virus-scan tests), nodejs
# with npm (the OpenID Connect provider in tests/servers/oidc, the vnu-jar package),
# default-jre-headless (Java for the Nu Html Checker in the browser tests) and poppler-utils
# (pdftotext reads the Arabic and Tigrinya PDFs back). Needs root or sudo, as CI has.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v clamd >/dev/null 2>&1 || [ -x /usr/sbin/clamd ] || need+=(clamav-daemon)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
