#!/usr/bin/env bash
# A private PostgreSQL for tests, from Debian's packages (installed with apt only if missing), bound to 127.0.0.1.
# The packaged service does not start in containers; a private cluster starts in about a second.
#   scripts/pg-test-server.sh start          start it (if not running) and print its URL
#   scripts/pg-test-server.sh stop           stop it and delete its files
#   scripts/pg-test-server.sh url            print its URL
#   scripts/pg-test-server.sh run CMD ARGS…  start it, run CMD with TEST_POSTGRES_URL set, stop it if this call started it
# PG_TEST_PORT (default 54329) and PG_TEST_DIR (default /tmp/rebound-pg-$PORT) choose where it lives.
# For tests only: fsync and synchronous commit are off (a crash may lose the cluster, which is thrown away anyway).
set -euo pipefail

PORT="${PG_TEST_PORT:-54329}"
DIR="${PG_TEST_DIR:-/tmp/rebound-pg-$PORT}"
PASSWORD="rebound-test"
URL="postgresql://rebound:$PASSWORD@127.0.0.1:$PORT/rebound"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "PostgreSQL is missing: installing Debian's package…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
    BIN="$(find_bin)"
  else
    echo "PostgreSQL is missing: apt-get install postgresql (as root) first." >&2
    exit 1
  fi
fi

# initdb refuses to run as root: the cluster belongs to the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() {
  [ -f "$DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  if running; then return 0; fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  printf '%s\n' "$PASSWORD" >"$DIR/pwfile"
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$DIR"; fi
  chmod 700 "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$DIR/pwfile" -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; exit 1; }
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  # Prisma writes UTC itself; the role's time zone makes DEFAULT CURRENT_TIMESTAMP and now() agree with it.
  as_owner "$BIN/psql" -q -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL >/dev/null
CREATE ROLE rebound LOGIN CREATEDB PASSWORD '$PASSWORD';
ALTER ROLE rebound SET timezone = 'UTC';
CREATE DATABASE rebound OWNER rebound;
SQL
}

stop() {
  if running; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start; echo "$URL" ;;
  stop) stop ;;
  url) echo "$URL" ;;
  run)
    shift
    started=0
    if ! running; then start; started=1; fi
    if [ "$started" = 1 ]; then trap stop EXIT; fi
    TEST_POSTGRES_URL="$URL" "$@"
    ;;
  *) echo "Usage: $0 start|stop|url|run CMD…" >&2; exit 2 ;;
esac
