#!/usr/bin/env bash
# One command to run the service locally against real PostgreSQL and Redis (Debian packages) on loopback:
#   service/run-local.sh            (port 8080; TCO_PORT=9090 to change, TCO_LOCAL_DIR for the state directory)
# Starts both servers on free ports with their own data directories, generates a dev RSA key the service trusts,
# builds the jar if needed, runs `java -jar service.jar migrate`, then the service; Ctrl-C stops everything.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PORT="${TCO_PORT:-8080}"
WORK="${TCO_LOCAL_DIR:-/tmp/tco-local}"
JAR="$HERE/target/service.jar"

log() { printf '==> %s\n' "$*" >&2; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL not installed: apt-get install -y postgresql" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "Redis not installed: apt-get install -y redis-server" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, run its commands as the postgres OS user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

rm -rf "$WORK"
mkdir -p "$WORK/pg" "$WORK/sock" "$WORK/redis"
chmod 755 "$WORK"
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
printf 'tco\n' > "$WORK/pwfile"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$WORK/pg" "$WORK/sock" "$WORK/pwfile"

cleanup() {
  log "stopping PostgreSQL and Redis"
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  [ -f "$WORK/redis/redis.pid" ] && kill "$(cat "$WORK/redis/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT

log "PostgreSQL on 127.0.0.1:$PG_PORT"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U tco --pwfile="$WORK/pwfile" -A scram-sha-256 -E UTF8 --locale=C >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/sock/postgres.log" -w \
  -o "-p $PG_PORT -k $WORK/sock -c listen_addresses=127.0.0.1" start >/dev/null
PGPASSWORD=tco as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U tco tco

log "Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" \
  --daemonize yes --pidfile "$WORK/redis/redis.pid" --logfile "$WORK/redis/redis.log"

log "dev JWT key in $WORK"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/dev-jwt.key" 2>/dev/null
openssl pkey -in "$WORK/dev-jwt.key" -pubout -out "$WORK/dev-jwt.pub.pem"

if [ ! -f "$JAR" ]; then
  log "building the service jar"
  (cd "$ROOT" && ./mvnw -B -q -ntp -f service/pom.xml -DskipTests package)
fi

# As in AWS: migrate as the database owner and provision the service's least-privileged login, then run the
# service as that login.
export SPRING_R2DBC_URL="r2dbc:postgresql://127.0.0.1:$PG_PORT/tco"
export SPRING_R2DBC_USERNAME=tco_app SPRING_R2DBC_PASSWORD=tco_app
export SPRING_FLYWAY_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/tco"
export SPRING_FLYWAY_USER=tco SPRING_FLYWAY_PASSWORD=tco
export SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT"
export SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/dev-jwt.pub.pem"
export SERVER_PORT="$PORT" AWS_REGION="${AWS_REGION:-local}"

log "migrating"
DATABASE_APPLICATION_USERNAME=tco_app DATABASE_APPLICATION_PASSWORD=tco_app \
  java -jar "$JAR" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }

cat >&2 <<HELP
==> starting the service on http://127.0.0.1:$PORT (Swagger UI: /swagger-ui.html)
    token:  TOKEN=\$(TCO_LOCAL_DIR=$WORK $HERE/dev-token.sh alice)
    quote:  curl -s -H 'Content-Type: application/json' -d @$HERE/examples/request.json http://127.0.0.1:$PORT/api/v1/quotes
    store:  curl -si -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
              -H 'Idempotency-Key: demo-1' -d @$HERE/examples/request.json http://127.0.0.1:$PORT/api/v1/calculations
    list:   curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$PORT/api/v1/calculations
HELP
java ${JAVA_OPTS:-} -jar "$JAR" "$@"
