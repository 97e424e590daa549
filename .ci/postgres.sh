#!/usr/bin/env bash
# Sourced by .ci/test: starts a throwaway PostgreSQL cluster on loopback
# for the store and pipeline tests, unless NEWSDESK_TEST_POSTGRES already
# names a server, and removes it when the calling shell exits.

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

start_postgres() {
  if [ -n "${NEWSDESK_TEST_POSTGRES:-}" ]; then
    return 0
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL server binaries not found (apt-get install -y postgresql), and NEWSDESK_TEST_POSTGRES is unset" >&2
    return 1
  fi
  PG_DIR=$(mktemp -d /tmp/newsdesk-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; fi
  local port=$((20000 + RANDOM % 20000))
  as_pg "'$bin/initdb' -D '$PG_DIR/data' -A trust -U postgres --no-sync" >/dev/null
  as_pg "'$bin/pg_ctl' -D '$PG_DIR/data' -w -l '$PG_DIR/log' -o \"-p $port -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
  PG_BIN=$bin
  trap stop_postgres EXIT
  export NEWSDESK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ]; then
    as_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
