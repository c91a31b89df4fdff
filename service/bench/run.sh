#!/usr/bin/env bash
# Load benchmark on loopback, every endpoint measured as a share of a true ceiling, in one run:
#   ceiling  a minimal Spring Boot WebFlux application (service/bench/ceiling: GET /bare returns a small map,
#            POST /echo echoes the JSON body), same Spring Boot, same JVM and JVM options as the service;
#   service  GET /bench/bare (every filter and the security chain, no work: the gap to the ceiling's GET /bare is
#            the cost of the service's filters), POST /quotes, GET /calculations/{id} (cache hit),
#            POST /calculations and GET /calculations (list), against PostgreSQL and Redis on loopback.
# POST /quotes is compared with the ceiling's POST /echo of the same body, everything else with its GET /bare.
# 64 connections each, bounded in time, a warm-up pass over every endpoint first.
#   service/bench/run.sh                  full run, appended to service/bench/results.md with machine, date, load
#                                         (BENCH_DURATION=20s, BENCH_WARMUP=10s, BENCH_CONNECTIONS=64)
#   BENCH_QUICK=1 service/bench/run.sh    under 2 minutes, prints the ratios only (for every change)
#   BENCH_PROFILE=1 service/bench/run.sh  also profiles the service (JFR) under load, after the measured rows
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVICE="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$SERVICE/.." && pwd)"
if [ -n "${BENCH_QUICK:-}" ]; then
  DURATION="${BENCH_DURATION:-5s}" WARMUP="${BENCH_WARMUP:-3s}"
else
  DURATION="${BENCH_DURATION:-20s}" WARMUP="${BENCH_WARMUP:-10s}"
fi
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
PORT="${BENCH_PORT:-18181}"
CEILING_PORT="${BENCH_CEILING_PORT:-18180}"
JAVA_OPTS_BOTH="${BENCH_JAVA_OPTS:-}"
export TCO_LOCAL_DIR="${TCO_LOCAL_DIR:-/tmp/tco-bench}"
BASE="http://127.0.0.1:$PORT"
CEILING="http://127.0.0.1:$CEILING_PORT"
command -v wrk >/dev/null || { echo "wrk not installed: apt-get install -y wrk" >&2; exit 1; }

log() { printf '==> %s\n' "$*" >&2; }
OUT="$(mktemp -d /tmp/tco-bench-out.XXXX)"

[ -f "$SERVICE/target/service.jar" ] || (cd "$ROOT" && ./mvnw -B -q -ntp -pl service -am package -DskipTests)
[ -f "$HERE/ceiling/target/ceiling.jar" ] || (cd "$ROOT" && ./mvnw -B -q -ntp -f service/bench/ceiling/pom.xml package)

log "starting PostgreSQL, Redis and the service (bench profile) on :$PORT, the ceiling on :$CEILING_PORT"
TCO_PORT="$PORT" JAVA_OPTS="$JAVA_OPTS_BOTH" setsid "$SERVICE/run-local.sh" --spring.profiles.active=bench \
  >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
# shellcheck disable=SC2086 # the options are words
java $JAVA_OPTS_BOTH -jar "$HERE/ceiling/target/ceiling.jar" --server.port="$CEILING_PORT" >"$OUT/ceiling.log" 2>&1 &
CEILING_PID=$!
stop() {
  kill -TERM "$CEILING_PID" 2>/dev/null || true
  kill -TERM -- -"$SERVICE_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1 && curl -sf "$CEILING/bare" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -20 "$OUT/service.log" >&2; exit 1; }
  kill -0 "$CEILING_PID" 2>/dev/null || { tail -20 "$OUT/ceiling.log" >&2; exit 1; }
  sleep 1
done
curl -sf "$BASE/bench/bare" >/dev/null || { echo "bare endpoint missing (bench profile?)" >&2; exit 1; }

export TOKEN
TOKEN="$("$SERVICE/dev-token.sh" bench-user)"
REQUEST="$SERVICE/examples/request.json"
ID="$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @"$REQUEST" \
  "$BASE/api/v1/calculations" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/calculations/$ID" >/dev/null  # now cached

# name | base URL | method | path | body file | token | compared with | floor (% of it)
# Rows run one after another; each ceiling row comes right before the service row compared with it, so that a
# change in the machine's load between rows distorts those ratios least.
CASES=(
  "ceiling GET /bare|$CEILING|GET|/bare|||ceiling GET /bare|"
  "GET /bench/bare (service, every filter)|$BASE|GET|/bench/bare|||ceiling GET /bare|60"
  "ceiling POST /echo (the example request)|$CEILING|POST|/echo|$REQUEST||ceiling POST /echo (the example request)|"
  "POST /api/v1/quotes|$BASE|POST|/api/v1/quotes|$REQUEST||ceiling POST /echo (the example request)|45"
  "GET /api/v1/calculations/{id} (cache hit)|$BASE|GET|/api/v1/calculations/$ID||yes|ceiling GET /bare|30"
  "POST /api/v1/calculations|$BASE|POST|/api/v1/calculations|$REQUEST|yes|ceiling GET /bare|12"
  "GET /api/v1/calculations?limit=20 (list)|$BASE|GET|/api/v1/calculations?limit=20||yes|ceiling GET /bare|"
)

run_wrk() { # duration base method path body token [--latency]
  local duration="$1" base="$2" method="$3" path="$4" body="$5" tok="$6"
  shift 6
  METHOD="$method" BODY_FILE="$body" TOKEN="$tok" \
    wrk -t2 -c"$CONNECTIONS" -d"$duration" --timeout 10s "$@" -s "$HERE/request.lua" "$base$path"
}

# Right before an endpoint is measured, it is driven in 5 s rounds until two rounds in a row agree within 10% (at
# most STEADY_ROUNDS): on 2 cores the C2 compiler competes with the event loops, and the service's request path (far
# more code than the ceiling's) was measured at a third of its steady throughput after a single 10 s warm-up.
STEADY_ROUNDS="${BENCH_STEADY_ROUNDS:-12}"
[ -n "${BENCH_QUICK:-}" ] && STEADY_ROUNDS="${BENCH_STEADY_ROUNDS:-3}"
warm_until_steady() { # name base method path body token
  local name="$1" previous=0 current round
  shift
  for round in $(seq 1 "$STEADY_ROUNDS"); do
    current="$(run_wrk 5s "$@" | awk '/Requests\/sec/ {printf "%d", $2}')"
    if [ "$previous" -gt 0 ] && awk -v a="$previous" -v b="$current" 'BEGIN {d = (b - a) / a; exit !(d < 0.10 && d > -0.10)}'; then
      log "steady after $round rounds of 5 s: $name ($current requests/s)"
      STEADY[$name]="$round"
      return
    fi
    previous="$current"
  done
  log "not steady after $STEADY_ROUNDS rounds of 5 s: $name (last $current requests/s)"
  STEADY[$name]="not steady after $STEADY_ROUNDS"
}

LOAD_BEFORE="$(uptime | sed 's/.*load average: //')"
declare -A RPS P50 P99 ERR STEADY
# A warm-up pass over every endpoint first (JIT, pools, caches), so no endpoint is measured on a colder JVM.
for c in "${CASES[@]}"; do
  IFS='|' read -r name base method path body auth _ <<<"$c"
  tok=""; [ -n "$auth" ] && tok="$TOKEN"
  log "warm-up $WARMUP: $name"
  run_wrk "$WARMUP" "$base" "$method" "$path" "$body" "$tok" >/dev/null
done
for c in "${CASES[@]}"; do
  IFS='|' read -r name base method path body auth _ <<<"$c"
  tok=""; [ -n "$auth" ] && tok="$TOKEN"
  warm_until_steady "$name" "$base" "$method" "$path" "$body" "$tok"
  log "measure $DURATION: $name"
  run_wrk "$DURATION" "$base" "$method" "$path" "$body" "$tok" --latency >"$OUT/wrk.txt"
  cat "$OUT/wrk.txt" >&2
  # Answers per second that were 2xx: under overload the breakers answer 503 at once, which is load shed, not the
  # endpoint's throughput (the non-2xx column shows how many).
  RPS[$name]="$(awk '/requests in/ {n=$1; d=$4; sub(/,$/, "", d)
    if (d ~ /ms$/) {sub(/ms$/, "", d); d /= 1000} else if (d ~ /m$/) {sub(/m$/, "", d); d *= 60} else sub(/s$/, "", d)}
    /Non-2xx/ {e=$5} END {printf "%.2f", (n-e)/d}' "$OUT/wrk.txt")"
  P50[$name]="$(awk '$1=="50%" {print $2}' "$OUT/wrk.txt")"
  P99[$name]="$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")"
  ERR[$name]="$(awk '/Non-2xx/ {print $5}' "$OUT/wrk.txt")"
done
LOAD_AFTER="$(uptime | sed 's/.*load average: //')"

table() {
  echo "| endpoint | 2xx/s | p50 | p99 | non-2xx | share of the ceiling | floor | 5 s warm-up rounds to steady |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for c in "${CASES[@]}"; do
    IFS='|' read -r name _ _ _ _ _ reference floor <<<"$c"
    share="$(awk -v a="${RPS[$name]}" -v b="${RPS[$reference]}" 'BEGIN {printf "%.0f%%", 100*a/b}')"
    [ "$name" = "$reference" ] && share="100% (ceiling)" || share="$share of ${reference%% (*}"
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${ERR[$name]:-0} | $share | ${floor:+$floor%} | ${STEADY[$name]} |"
  done
}

if [ -n "${BENCH_QUICK:-}" ]; then
  echo "Quick run (wrk -t2 -c$CONNECTIONS, $WARMUP warm-up, $DURATION each); load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
  table
else
  {
    echo
    echo "## $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
      "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1);"\
      "JVM options: ${JAVA_OPTS_BOTH:-none} (both applications); wrk, the ceiling and the service on the same"\
      "machine over loopback; PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1),"\
      "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2)."
    echo "Run: wrk -t2 -c$CONNECTIONS; a $WARMUP warm-up of every endpoint, then per endpoint 5 s rounds until two agree within 10%"\
      "(at most $STEADY_ROUNDS) and $DURATION measured, one endpoint after another."
    echo "Load average (1/5/15 min, uptime) before: $LOAD_BEFORE, after: $LOAD_AFTER (other processes share the machine)."
    echo
    table
  } | tee -a "$HERE/results.md"
fi

if [ -n "${BENCH_PROFILE:-}" ]; then
  SERVICE_JVM="$(jcmd -l | awk '/service.jar/ && !/migrate/ {print $1; exit}')"
  for c in "${CASES[@]}"; do
    IFS='|' read -r name base method path body auth _ <<<"$c"
    [ "$base" = "$BASE" ] || continue
    tok=""; [ -n "$auth" ] && tok="$TOKEN"
    log "profiling $DURATION (JFR): $name"
    jcmd "$SERVICE_JVM" JFR.start name=bench settings=profile >/dev/null
    run_wrk "$DURATION" "$base" "$method" "$path" "$body" "$tok" >/dev/null
    jcmd "$SERVICE_JVM" JFR.stop name=bench filename="$OUT/profile.jfr" >/dev/null
    echo
    echo "### Profile: $name"
    python3 "$HERE/jfr_top.py" "$OUT/profile.jfr"
  done
fi
