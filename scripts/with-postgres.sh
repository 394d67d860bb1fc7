#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server on a private port:
#   scripts/with-postgres.sh <command...>   (DATABASE_URL is set for the command)
# initdb refuses root, so the server runs as the postgres user in a temp folder.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PGTMP=$(mktemp -d)
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$PGTMP"; chown postgres:postgres "$PGTMP"; RUNAS=(runuser -u postgres --)
fi
stop() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
export DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PGPORT"
"$@"
