#!/bin/bash
# A service that is not Spring, reading its settings as seeds 001, 003 and 004 do: DATABASE_URL and REDIS_URL. The
# platform's URLs carry no credentials: libpq (psql here; node-postgres and psycopg alike) takes the user and password
# the URL leaves out from PGUSER/PGPASSWORD, and the Redis client is given REDIS_AUTH_TOKEN. It runs a query and
# PING, SET, GET, and prints what it saw.
set -euo pipefail
for variable in DATABASE_URL PGUSER PGPASSWORD REDIS_URL REDIS_AUTH_TOKEN; do
  if [ -z "${!variable:-}" ]; then
    echo "probe: $variable is not set" >&2
    exit 2
  fi
done
case "$DATABASE_URL" in *@*) echo "probe: DATABASE_URL carries credentials" >&2; exit 2 ;; esac

psql -X -At -v ON_ERROR_STOP=1 "$DATABASE_URL" \
  -c "SELECT 'database ' || current_user || ' ' || current_database() || ' ssl=' || ssl
      FROM pg_stat_ssl WHERE pid = pg_backend_pid()"

export REDISCLI_AUTH="$REDIS_AUTH_TOKEN"
key="probe:$$"
echo "cache $(redis-cli -u "$REDIS_URL" PING)"
echo "cache $(redis-cli -u "$REDIS_URL" SET "$key" neutral EX 60)"
echo "cache $(redis-cli -u "$REDIS_URL" GET "$key")"
