#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the server-ledger tests and benchmarks:
#   bash build_scripts/pg_cluster.sh start   # installs PostgreSQL from apt if missing, starts
#                                            # a cluster on 127.0.0.1, prints its URL
#   bash build_scripts/pg_cluster.sh url     # prints the URL of the running cluster
#   bash build_scripts/pg_cluster.sh stop    # stops it and removes its folder
# PARTYDESK_PG_PORT (default 55432) picks the port, so several people on one machine can each
# have their own cluster; the data lives in a temporary folder named after the port.
# The superuser is `postgres`, trusted from 127.0.0.1 without a password (a test cluster
# only); members of the role `pd_password` must give their password (scram-sha-256), which
# is how the password tests get a real password check. fsync is off: nothing here is worth
# keeping, and the tests run several times faster.
set -euo pipefail
PORT=${PARTYDESK_PG_PORT:-55432}
STATE=${TMPDIR:-/tmp}/partydesk-pg-$PORT   # remembers where this port's cluster lives
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$d" ] && command -v pg_ctl >/dev/null; then d=$(dirname "$(command -v pg_ctl)"); fi
  echo "$d"
}

install_pg() {
  [ -n "$(bindir)" ] && return 0
  [ "$(id -u)" = 0 ] || { echo "pg_cluster.sh: PostgreSQL is not installed (run as root to install it)" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  # Debian's package would otherwise make and start a cluster of its own on port 5432.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/partydesk.conf
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
}

start() {
  install_pg
  local bin data
  bin=$(bindir)
  if [ -f "$STATE" ] && [ -d "$(cat "$STATE")" ] \
      && as_pg "$bin/pg_ctl" -D "$(cat "$STATE")/data" status >/dev/null 2>&1; then
    echo "$URL"
    return 0
  fi
  data=$(mktemp -d "${TMPDIR:-/tmp}/partydesk-pg-$PORT.XXXXXX")
  if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; fi
  chmod 700 "$data"
  as_pg "$bin/initdb" -D "$data/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust >/dev/null
  # Password-checked role group first; everyone else is trusted from loopback.
  sed -i '/^host/d' "$data/data/pg_hba.conf"
  {
    echo "host all +pd_password 127.0.0.1/32 scram-sha-256"
    echo "host all all 127.0.0.1/32 trust"
  } >> "$data/data/pg_hba.conf"
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PORT"
    echo "unix_socket_directories = '$data'"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    echo "max_connections = 200"
    echo "shared_buffers = 128MB"
  } >> "$data/data/postgresql.conf"
  as_pg "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 start >/dev/null
  as_pg "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qAt \
    -c "CREATE ROLE pd_password NOLOGIN" >/dev/null
  echo "$data" > "$STATE"
  echo "$URL"
}

stop() {
  [ -f "$STATE" ] || return 0
  local data bin
  data=$(cat "$STATE")
  bin=$(bindir)
  if [ -d "$data/data" ]; then
    as_pg "$bin/pg_ctl" -D "$data/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data" "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) [ -f "$STATE" ] || { echo "pg_cluster.sh: no cluster on port $PORT" >&2; exit 1; }; echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
