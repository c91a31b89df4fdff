#!/usr/bin/env bash
# Overhead of tracing and of publishing metrics to CloudWatch on POST /api/v1/quotes, as one ratio from one run. Two
# instances of the same jar on the same PostgreSQL and Redis:
#   A  traced: MANAGEMENT_TRACING_SAMPLING_PROBABILITY at the configured rate (production's 0.05 from the platform
#      defaults, BENCH_SAMPLING_RATE to change) and the OTLP exporter pointed at a local sink that answers like a
#      collector (tracing-sink.py, loopback; it counts what it receives, so the run proves spans were exported);
#      and publishing its metrics as in AWS (BENCH_PUBLISH_ARGS; default: Micrometer's CloudWatch registry with a
#      namespace, sending PutMetricData to the same sink every BENCH_PUBLISH_STEP, 10 s, six times as often as the
#      platform's 1 min step, so the cost is if anything overstated; BENCH_PUBLISH_ARGS=" " measures tracing alone);
#   B  plain: sampling probability 0, no exporter, no namespace (publishing off), plus BENCH_PUBLISH_OFF_ARGS.
# Sampling is fixed when the JVM starts (Boot builds the sampler once), hence two processes rather than one switched
# at run time. Rounds alternate (A B, B A, ...) so that neither side always inherits the other's heat; the ratio is
# A's 2xx/s summed over the rounds divided by B's, with each round's ratio shown so the noise is visible.
# Appends to service/bench/results.md.
#   BENCH_DURATION=20s BENCH_WARMUP=20s BENCH_CONNECTIONS=32 BENCH_ROUNDS=4 BENCH_SAMPLING_RATE=0.05
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVICE="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$SERVICE/.." && pwd)"
DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-20s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
ROUNDS="${BENCH_ROUNDS:-4}"
RATE="${BENCH_SAMPLING_RATE:-0.05}"
PORT_A="${BENCH_PORT:-18381}"
PORT_B="$((PORT_A + 1))"
SINK_PORT="$((PORT_A + 2))"
PUBLISH_ARGS="${BENCH_PUBLISH_ARGS:---tco.metrics.cloudwatch.namespace=Bench/tco --tco.metrics.cloudwatch.region=us-east-1 --tco.metrics.cloudwatch.endpoint=http://127.0.0.1:$SINK_PORT --tco.metrics.cloudwatch.step=${BENCH_PUBLISH_STEP:-10s}}"
PUBLISH_ARGS="${PUBLISH_ARGS# }"
PUBLISH_OFF_ARGS="${BENCH_PUBLISH_OFF_ARGS:-}"
export TCO_LOCAL_DIR="${TCO_LOCAL_DIR:-/tmp/tco-bench-tracing}"
command -v wrk >/dev/null || { echo "wrk not installed: apt-get install -y wrk" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }
OUT="$(mktemp -d /tmp/tco-bench-trace-out.XXXX)"
REQUEST="$SERVICE/examples/request.json"

[ -f "$SERVICE/target/service.jar" ] || (cd "$ROOT" && ./mvnw -B -q -ntp -pl service -am package -DskipTests)

log "OTLP sink on 127.0.0.1:$SINK_PORT"
python3 "$HERE/tracing-sink.py" "$SINK_PORT" "$OUT/sink.count" >"$OUT/sink.log" 2>&1 &
SINK_PID=$!
PID_A=""
PID_B=""
cleanup() {
  [ -n "$PID_B" ] && kill -TERM "$PID_B" 2>/dev/null || true
  [ -n "$PID_A" ] && kill -TERM -- -"$PID_A" 2>/dev/null || true
  kill -TERM "$SINK_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

log "A (traced at $RATE) with PostgreSQL and Redis on :$PORT_A"
# shellcheck disable=SC2086 # the arguments are words
# The SDK signs PutMetricData; the sink on loopback ignores the signature, so any key does.
AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench MANAGEMENT_TRACING_SAMPLING_PROBABILITY="$RATE" \
  MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT/v1/traces" \
  TCO_PORT="$PORT_A" setsid "$SERVICE/run-local.sh" --spring.profiles.active=bench $PUBLISH_ARGS >"$OUT/a.log" 2>&1 &
PID_A=$!
wait_ready() {
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service on :$1 did not start" >&2
  exit 1
}
wait_ready "$PORT_A"
PG_PORT="$(sed -n 's/.*PostgreSQL on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/a.log" | head -1)"
REDIS_PORT="$(sed -n 's/.*Redis on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/a.log" | head -1)"

log "B (not traced) on :$PORT_B"
# shellcheck disable=SC2086
SERVER_PORT="$PORT_B" SPRING_R2DBC_URL="r2dbc:postgresql://127.0.0.1:$PG_PORT/tco" SPRING_R2DBC_USERNAME=tco_app \
  SPRING_R2DBC_PASSWORD=tco_app SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT" \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$TCO_LOCAL_DIR/dev-jwt.pub.pem" \
  MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0 \
  java ${JAVA_OPTS:-} -jar "$SERVICE/target/service.jar" --spring.profiles.active=bench $PUBLISH_OFF_ARGS \
  >"$OUT/b.log" 2>&1 &
PID_B=$!
wait_ready "$PORT_B"

run_wrk() { # duration port [--latency]
  local duration="$1" port="$2"
  shift 2
  METHOD=POST BODY_FILE="$REQUEST" wrk -t2 -c"$CONNECTIONS" -d"$duration" --timeout 10s "$@" \
    -s "$HERE/request.lua" "http://127.0.0.1:$port/api/v1/quotes"
}
two_xx_per_second() { # wrk output file
  awk '/requests in/ {n=$1; d=$4; sub(/,$/, "", d)
    if (d ~ /ms$/) {sub(/ms$/, "", d); d /= 1000} else if (d ~ /m$/) {sub(/m$/, "", d); d *= 60} else sub(/s$/, "", d)}
    /Non-2xx/ {e=$5} END {printf "%.2f", (n-e)/d}' "$1"
}

log "warm-up $WARMUP each, twice (JIT)"
for port in "$PORT_A" "$PORT_B" "$PORT_A" "$PORT_B"; do
  run_wrk "$WARMUP" "$port" >/dev/null
done
# Then 5 s rounds per instance until two in a row agree within 10% (at most BENCH_STEADY_ROUNDS): on a small
# shared machine a fixed warm-up can end while the JIT still works, and the first measured rounds then compare
# warm-up with warm-up (seen in the first recorded run).
STEADY_ROUNDS="${BENCH_STEADY_ROUNDS:-12}"
for port in "$PORT_A" "$PORT_B"; do
  previous=0
  for round in $(seq 1 "$STEADY_ROUNDS"); do
    run_wrk 5s "$port" >"$OUT/steady.txt"
    current="$(two_xx_per_second "$OUT/steady.txt")"
    if awk -v a="$previous" -v b="$current" 'BEGIN {exit !(a > 0 && (b - a) / a < 0.10 && (b - a) / a > -0.10)}'; then
      log ":$port steady after $round rounds of 5 s ($current 2xx/s)"
      break
    fi
    previous="$current"
  done
done
SINK_BEFORE="$(cat "$OUT/sink.count" 2>/dev/null || echo "0 0 0 0")"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

ROWS=()
SUM_A=0
SUM_B=0
RATIOS=""
for round in $(seq 1 "$ROUNDS"); do
  order="A B"
  [ $((round % 2)) -eq 0 ] && order="B A"
  for side in $order; do
    port="$PORT_A"
    label="traced at $RATE${PUBLISH_ARGS:+, publishing} (A)"
    if [ "$side" = B ]; then
      port="$PORT_B"
      label="not traced${PUBLISH_ARGS:+, not publishing} (B)"
    fi
    log "round $round: $label"
    run_wrk "$DURATION" "$port" --latency >"$OUT/wrk.txt"
    cat "$OUT/wrk.txt" >&2
    rps="$(two_xx_per_second "$OUT/wrk.txt")"
    ROWS+=("| $label, round $round | $rps | $(awk '$1=="50%" {print $2}' "$OUT/wrk.txt") | $(awk '$1=="99%" {print $2}' "$OUT/wrk.txt") | $(awk '/Non-2xx/ {print $5}' "$OUT/wrk.txt") |")
    if [ "$side" = A ]; then rps_a="$rps"; else rps_b="$rps"; fi
  done
  SUM_A="$(awk -v s="$SUM_A" -v r="$rps_a" 'BEGIN {print s + r}')"
  SUM_B="$(awk -v s="$SUM_B" -v r="$rps_b" 'BEGIN {print s + r}')"
  RATIOS="$RATIOS $(awk -v a="$rps_a" -v b="$rps_b" 'BEGIN {printf "%.3f", a / b}')"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
sleep 6 # the exporter's batch delay (5 s): the last spans reach the sink
SINK_AFTER="$(cat "$OUT/sink.count" 2>/dev/null || echo "0 0 0 0")"
RATIO="$(awk -v a="$SUM_A" -v b="$SUM_B" 'BEGIN {printf "%.3f", a / b}')"
EXPORTS="$(awk -v b="$SINK_BEFORE" -v a="$SINK_AFTER" 'BEGIN {split(b, x, " "); split(a, y, " ");
  printf "%d trace export requests, %d bytes; %d PutMetricData requests, %d bytes", y[1] - x[1], y[2] - x[2],
  y[3] - x[3], y[4] - x[4]}')"

{
  echo
  echo "## Tracing${PUBLISH_ARGS:+ and metric publishing} overhead, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
    "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1);"\
    "JVM options: ${JAVA_OPTS:-none}; wrk, both instances and the OTLP sink on the same machine over loopback."
  echo "Run: POST /api/v1/quotes (bench profile: no rate limit), wrk -t2 -c$CONNECTIONS; $WARMUP warm-up twice per"\
    "instance and 5 s rounds until steady, then $ROUNDS rounds of $DURATION alternating A B / B A. A: sampling $RATE, OTLP export to the sink"\
    "(during the rounds: $EXPORTS)${PUBLISH_ARGS:+, publishing: $PUBLISH_ARGS}; B: sampling 0, no exporter${PUBLISH_OFF_ARGS:+, $PUBLISH_OFF_ARGS}."
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER (other processes share the machine)."
  echo
  echo "| instance, round | 2xx/s | p50 | p99 | non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "**Traced${PUBLISH_ARGS:+ and publishing} / plain: $RATIO** (2xx/s summed over the rounds; per round:$RATIOS)."
} | tee -a "$HERE/results.md"
