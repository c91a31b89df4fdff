#!/bin/bash
# A service that is not Spring, reading its settings as seed 002's backend does: the database by host, port, name,
# user and password, Redis by host, port and password (the platform's REDIS_AUTH_TOKEN under the seed's name), both
# over TLS. It connects with libpq (psql) and redis-cli, runs a query and PING, SET, GET, and prints what it saw.
set -euo pipefail
for variable in DATABASE_HOST DATABASE_PORT DATABASE_NAME DATABASE_USER DATABASE_PASSWORD DATABASE_SSLMODE \
    REDIS_HOST REDIS_PORT REDIS_PASSWORD REDIS_TLS; do
  if [ -z "${!variable:-}" ]; then
    echo "probe: $variable is not set" >&2
    exit 2
  fi
done
tls=()
if [ "$REDIS_TLS" = true ]; then tls=(--tls); fi

PGPASSWORD="$DATABASE_PASSWORD" psql -X -At -v ON_ERROR_STOP=1 \
  "host=$DATABASE_HOST port=$DATABASE_PORT dbname=$DATABASE_NAME user=$DATABASE_USER sslmode=$DATABASE_SSLMODE" \
  -c "SELECT 'database ' || current_user || ' ' || current_database() || ' ssl=' || ssl
      FROM pg_stat_ssl WHERE pid = pg_backend_pid()"

export REDISCLI_AUTH="$REDIS_PASSWORD"
key="probe:$$"
echo "cache $(redis-cli "${tls[@]}" -h "$REDIS_HOST" -p "$REDIS_PORT" PING)"
echo "cache $(redis-cli "${tls[@]}" -h "$REDIS_HOST" -p "$REDIS_PORT" SET "$key" neutral EX 60)"
echo "cache $(redis-cli "${tls[@]}" -h "$REDIS_HOST" -p "$REDIS_PORT" GET "$key")"
