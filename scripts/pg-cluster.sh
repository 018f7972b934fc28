#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for the database tests and CI: its own data
# directory, a unix socket directory and a loopback port, owned by the
# `postgres` user when run as root (PostgreSQL refuses to run as root).
# Nothing is shared with a system cluster, so tests can create and drop at will.
#
#   bash scripts/pg-cluster.sh start   # idempotent; prints the connection URL
#   bash scripts/pg-cluster.sh stop    # idempotent
#   bash scripts/pg-cluster.sh url     # prints the URL of the running cluster
#   bash scripts/pg-cluster.sh status
#
# Environment: FACTCHECK_PG_DIR (default /tmp/factcheck-pg), FACTCHECK_PG_PORT
# (default 54329), FACTCHECK_PG_DB (default factcheck).
set -euo pipefail

DIR="${FACTCHECK_PG_DIR:-/tmp/factcheck-pg}"
PORT="${FACTCHECK_PG_PORT:-54329}"
DB="${FACTCHECK_PG_DB:-factcheck}"
DATA="$DIR/data"
SOCK="$DIR/socket"
LOG="$DIR/server.log"
PGUSER_NAME="factcheck"

find_bin() {
  local name="$1"
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$d/$name" ]; then echo "$d/$name"; return 0; fi
  done
  command -v "$name" 2>/dev/null || return 1
}

ensure_installed() {
  if find_bin initdb >/dev/null; then return 0; fi
  echo "pg-cluster: initdb not found; installing postgresql with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "pg-cluster: need root to install postgresql (apt-get install postgresql)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  find_bin initdb >/dev/null || { echo "pg-cluster: initdb still missing after install" >&2; exit 1; }
}

# Runs a PostgreSQL binary as the cluster's owner: `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    # su with a login-free shell; quote every argument so paths with spaces survive.
    local cmd=""
    for a in "$@"; do cmd="$cmd $(printf '%q' "$a")"; done
    su postgres -s /bin/sh -c "$cmd"
  else
    "$@"
  fi
}

url() {
  # The socket directory is the host (libpq and node-postgres both read a path as a socket dir).
  echo "postgresql://$PGUSER_NAME@localhost:$PORT/$DB?host=$SOCK"
}

running() {
  [ -f "$DATA/postmaster.pid" ] && as_owner "$(find_bin pg_ctl)" -D "$DATA" status >/dev/null 2>&1
}

start() {
  ensure_installed
  local initdb pg_ctl psql
  initdb="$(find_bin initdb)"; pg_ctl="$(find_bin pg_ctl)"; psql="$(find_bin psql)"
  mkdir -p "$DIR" "$SOCK"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$initdb" -D "$DATA" --username="$PGUSER_NAME" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || as_owner "$initdb" -D "$DATA" --username="$PGUSER_NAME" --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
  fi
  if ! running; then
    # Loopback only; the socket in our own directory, never /var/run/postgresql.
    as_owner "$pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { tail -20 "$LOG" >&2; exit 1; }
  fi
  if ! as_owner "$psql" -h "$SOCK" -p "$PORT" -U "$PGUSER_NAME" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    as_owner "$psql" -h "$SOCK" -p "$PORT" -U "$PGUSER_NAME" -d postgres -qc "CREATE DATABASE $DB" >/dev/null
  fi
  url
}

stop() {
  if [ -f "$DATA/PG_VERSION" ] && running; then
    as_owner "$(find_bin pg_ctl)" -D "$DATA" -m fast -w stop >/dev/null
  fi
  echo "pg-cluster: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) if running; then echo "running: $(url)"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
