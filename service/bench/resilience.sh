#!/usr/bin/env bash
# Resilience benchmark, one run, two instances on the same PostgreSQL and Redis:
#   A: the normal service (resilience chain on)       B: the same with tco.resilience.enabled=false
# 1. happy-path cost of the chain, in one JVM (A): the same page query (a PostgreSQL read every call) through the
#    guarded repository and through an unguarded one (/bench/chain-cost?guarded=true|false, bench profile), in
#    alternating rounds; two JVMs differ by more than the chain costs on a small shared machine;
# 2. fail-fast: PostgreSQL paused (SIGSTOP), POST /api/v1/calculations on A (breaker open) and on B (no breaker,
#    bounded only by the 10 s request timeout).
# Appends to service/bench/results.md.   BENCH_DURATION=20s BENCH_WARMUP=10s BENCH_CONNECTIONS=64 BENCH_ROUNDS=4
# Targets: breaker-open p99 under 5 ms; chain overhead under 5% of throughput (A/B summed over the
# interleaved rounds, per-round ratios shown so the noise is visible). Two JVMs on a noisy 2-core machine differ
# by more than the chain costs, so the run also profiles A during its happy-path rounds (JFR, jcmd) and reports the
# share of CPU samples spent inside the chain (resilience4j frames and Reactor's timeout operator), in a separate
# unmeasured load after the rounds (a profiler running during the rounds would slow A and bias the ratio).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVICE="$(cd "$HERE/.." && pwd)"
DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
# The happy-path pair uses fewer connections: 64 concurrent database reads overload a small shared machine, and
# the breaker then (rightly) sheds load, which would measure overload rather than the chain's cost.
HAPPY_CONNECTIONS="${BENCH_HAPPY_CONNECTIONS:-16}"
ROUNDS="${BENCH_ROUNDS:-4}"
PORT_A="${BENCH_PORT:-18281}"
PORT_B="$((PORT_A + 1))"
export TCO_LOCAL_DIR="${TCO_LOCAL_DIR:-/tmp/tco-bench-resilience}"
command -v wrk >/dev/null || { echo "wrk not installed: apt-get install -y wrk" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }
OUT="$(mktemp -d /tmp/tco-bench-res-out.XXXX)"

log "instance A (chain on) with PostgreSQL and Redis"
# The breaker stays open 120 s here (30 s by default) so that both fail-fast rows measure the open state, not
# half-open trial calls (which rightly wait for the 2 s time limiter).
TCO_PORT="$PORT_A" setsid "$SERVICE/run-local.sh" --spring.profiles.active=bench \
  --resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=120s >"$OUT/a.log" 2>&1 &
PID_A=$!
B_PID=""
PG_PAUSED=""
cleanup() {
  [ -n "$PG_PAUSED" ] && kill -CONT $PG_PAUSED 2>/dev/null || true
  [ -n "$B_PID" ] && kill -TERM "$B_PID" 2>/dev/null || true
  kill -TERM -- -"$PID_A" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service on :$1 did not start" >&2; exit 1
}
wait_ready "$PORT_A"
PG_PORT="$(sed -n 's/.*PostgreSQL on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/a.log" | head -1)"
REDIS_PORT="$(sed -n 's/.*Redis on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/a.log" | head -1)"

log "instance B (chain off) on :$PORT_B"
SERVER_PORT="$PORT_B" SPRING_R2DBC_URL="r2dbc:postgresql://127.0.0.1:$PG_PORT/tco" SPRING_R2DBC_USERNAME=tco \
  SPRING_R2DBC_PASSWORD=tco SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$TCO_LOCAL_DIR/dev-jwt.pub.pem" \
  java -jar "$SERVICE/target/service.jar" --spring.profiles.active=bench --tco.resilience.enabled=false \
  >"$OUT/b.log" 2>&1 &
B_PID=$!
wait_ready "$PORT_B"

export TOKEN
TOKEN="$("$SERVICE/dev-token.sh" bench-user)"
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d @"$SERVICE/examples/request.json" "http://127.0.0.1:$PORT_A/api/v1/calculations" >/dev/null

run_wrk() { # name port method path body connections -> prints a table row
  local name="$1" port="$2" method="$3" path="$4" body="$5" conns="$6"
  local threads=2
  [ "$conns" -lt 2 ] && threads=1
  METHOD="$method" BODY_FILE="$body" wrk -t"$threads" -c"$conns" -d"$WARMUP" --timeout 15s \
    -s "$HERE/request.lua" "http://127.0.0.1:$port$path" >/dev/null
  METHOD="$method" BODY_FILE="$body" wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 15s --latency \
    -s "$HERE/request.lua" "http://127.0.0.1:$port$path" >"$OUT/wrk.txt"
  cat "$OUT/wrk.txt" >&2
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$conns" "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")" \
    "$(awk '$1=="50%" {print $2}' "$OUT/wrk.txt")" "$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")" \
    "$(awk '/Non-2xx/ {print $5}' "$OUT/wrk.txt")"
}

# A gentle warm-up first: on a cold JVM, 16 concurrent first calls each open a SCRAM-authenticated connection,
# which on a small shared machine can exceed the 1 s slow-call threshold and open the breaker before anything is
# measured (the same reason an ALB target group uses slow start).
for port in "$PORT_A" "$PORT_B"; do
  METHOD=GET wrk -t1 -c2 -d5s -s "$HERE/request.lua" "http://127.0.0.1:$port/api/v1/calculations?limit=1" >/dev/null
done
# Then until the JIT has settled (unmeasured): early rounds otherwise measure compilation, not the chain.
PROBE="/bench/chain-cost?owner=bench-user&guarded"
for guarded in true false true false; do
  METHOD=GET wrk -t2 -c"$HAPPY_CONNECTIONS" -d"${BENCH_JIT_WARMUP:-20s}" -s "$HERE/request.lua" \
    "http://127.0.0.1:$PORT_A$PROBE=$guarded" >/dev/null
done
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

ROWS=()
log "happy path, chain on and off"
# Interleaved, and the order alternates (A B, B A, ...): on a shared machine the noise between two sequential
# runs can exceed the effect, and whichever runs second in a pair inherits the first one's heat.
SUM_A=0
SUM_B=0
RATIOS=""
rps() { printf '%s\n' "$1" | awk -F'|' '{gsub(/ /, "", $4); print $4}'; }
for round in $(seq 1 "$ROUNDS"); do
  order="A B"
  [ $((round % 2)) -eq 0 ] && order="B A"
  for side in $order; do
    if [ "$side" = A ]; then
      row_a="$(run_wrk "page query, chain on (A), round $round" "$PORT_A" GET "$PROBE=true" '' "$HAPPY_CONNECTIONS")"
      ROWS+=("$row_a")
    else
      row_b="$(run_wrk "page query, chain off (same JVM), round $round" "$PORT_A" GET "$PROBE=false" '' "$HAPPY_CONNECTIONS")"
      ROWS+=("$row_b")
    fi
  done
  SUM_A="$(awk -v s="$SUM_A" -v r="$(rps "$row_a")" 'BEGIN {print s + r}')"
  SUM_B="$(awk -v s="$SUM_B" -v r="$(rps "$row_b")" 'BEGIN {print s + r}')"
  RATIOS="$RATIOS $(awk -v a="$(rps "$row_a")" -v b="$(rps "$row_b")" 'BEGIN {printf "%.3f", a / b}')"
done
OVERHEAD="$(awk -v a="$SUM_A" -v b="$SUM_B" 'BEGIN {printf "%.1f", (1 - a / b) * 100}')"
log "profiling A under the same load (unmeasured)"
JAVA_A="$(jcmd -l | awk -v b="$B_PID" '/service.jar/ && $1 != b {print $1; exit}')"
jcmd "$JAVA_A" JFR.start name=chain settings=profile >/dev/null
METHOD=GET wrk -t2 -c"$HAPPY_CONNECTIONS" -d"$DURATION" -s "$HERE/request.lua" \
  "http://127.0.0.1:$PORT_A$PROBE=true" >/dev/null
jcmd "$JAVA_A" JFR.stop name=chain filename="$OUT/a.jfr" >/dev/null
jfr print --events jdk.ExecutionSample "$OUT/a.jfr" >"$OUT/samples.txt"
# A sample counts once if any of its frames is in the chain.
CHAIN_SHARE="$(awk '
  /jdk.ExecutionSample/ { if (open) { n++; if (hit) h++ } open = 1; hit = 0; next }
  /io\.github\.resilience4j\.|reactor\.core\.publisher\.(Mono|Flux)Timeout/ { hit = 1 }
  END { if (open) { n++; if (hit) h++ } printf "%.1f%% of %d samples", 100 * h / n, n }' "$OUT/samples.txt")"

log "PostgreSQL paused (SIGSTOP)"
PM="$(head -1 "$TCO_LOCAL_DIR/pg/postmaster.pid")"
# The postmaster first, so it forks no new backend between the listing and the stop; then its backends.
kill -STOP "$PM"
PG_PAUSED="$PM $(pgrep -P "$PM" | tr '\n' ' ')"
kill -STOP $PG_PAUSED
# Open A's breaker first (each call waits for the 2 s time limiter until it opens), so the measurement sees the
# open state; the 30 s open window covers warm-up and measurement.
for _ in $(seq 1 20); do
  curl -s -o /dev/null -m 5 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d @"$SERVICE/examples/request.json" "http://127.0.0.1:$PORT_A/api/v1/calculations" || true
  curl -s -m 2 "http://127.0.0.1:$PORT_A/health/deep" | grep -q '"postgres":"OPEN"' && break
done
ROWS+=("$(run_wrk 'POST /calculations, PostgreSQL paused, breaker (A)' "$PORT_A" POST /api/v1/calculations \
  "$SERVICE/examples/request.json" 1)")
ROWS+=("$(run_wrk 'POST /calculations, PostgreSQL paused, breaker (A)' "$PORT_A" POST /api/v1/calculations \
  "$SERVICE/examples/request.json" "$CONNECTIONS")")
ROWS+=("$(run_wrk 'POST /calculations, PostgreSQL paused, no breaker (B)' "$PORT_B" POST /api/v1/calculations \
  "$SERVICE/examples/request.json" "$CONNECTIONS")")
kill -CONT $PG_PAUSED
PG_PAUSED=""
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo
  echo "## Resilience, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');"\
    "load average before $LOAD_BEFORE, after $LOAD_AFTER. wrk -t2 -c$CONNECTIONS --timeout 15s, $WARMUP warm-up"\
    "then $DURATION per row (happy path with $HAPPY_CONNECTIONS connections, both paths in A after ${BENCH_JIT_WARMUP:-20s} x 4 of unmeasured load); A's breaker stays open 120 s. A and B share PostgreSQL and Redis; B runs with tco.resilience.enabled=false."
  echo "With PostgreSQL paused, A first waits for the 2 s time limiter until its breaker opens (within the warm-up),"\
    "then answers 503 at once; B has no time limiter and waits for the 10 s request timeout. Non-2xx there are the"\
    "expected 503s."
  echo
  echo "| case | connections | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Chain overhead on the happy path: ${OVERHEAD}% of throughput (on/off in one JVM, summed over $ROUNDS rounds; per-round on/off:$RATIOS);"\
    "target under 5%. CPU inside the chain on A under the same load, profiled after the rounds (JFR execution samples): $CHAIN_SHARE."
} | tee -a "$HERE/results.md"
