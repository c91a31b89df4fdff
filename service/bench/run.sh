#!/usr/bin/env bash
# Load benchmark on loopback: POST /quotes, POST /calculations, GET /calculations/{id} (cache hit) and the bare
# WebFlux endpoint of the `bench` profile (the machine's ceiling), in one run, 64 connections each, bounded in
# time. Appends the results with machine and date to service/bench/results.md.
#   service/bench/run.sh              (BENCH_DURATION=20s, BENCH_WARMUP=10s, BENCH_CONNECTIONS=64)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVICE="$(cd "$HERE/.." && pwd)"
DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
PORT="${BENCH_PORT:-18181}"
export TCO_LOCAL_DIR="${TCO_LOCAL_DIR:-/tmp/tco-bench}"
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk not installed: apt-get install -y wrk" >&2; exit 1; }

log() { printf '==> %s\n' "$*" >&2; }
OUT="$(mktemp -d /tmp/tco-bench-out.XXXX)"

log "starting PostgreSQL, Redis and the service (bench profile) on :$PORT"
TCO_PORT="$PORT" JAVA_OPTS="${BENCH_JAVA_OPTS:-}" setsid "$SERVICE/run-local.sh" --spring.profiles.active=bench \
  >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
stop() { kill -TERM -- -"$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -20 "$OUT/service.log" >&2; exit 1; }
  sleep 1
done
curl -sf "$BASE/bench/bare" >/dev/null || { echo "bare endpoint missing (bench profile?)" >&2; exit 1; }

export TOKEN
TOKEN="$("$SERVICE/dev-token.sh" bench-user)"
REQUEST="$SERVICE/examples/request.json"
ID="$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @"$REQUEST" \
  "$BASE/api/v1/calculations" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/calculations/$ID" >/dev/null  # now cached

# name | method | path | body file | token
CASES=(
  "bare WebFlux endpoint (ceiling)|GET|/bench/bare||"
  "POST /api/v1/quotes|POST|/api/v1/quotes|$REQUEST|"
  "POST /api/v1/calculations|POST|/api/v1/calculations|$REQUEST|yes"
  "GET /api/v1/calculations/{id} (cache hit)|GET|/api/v1/calculations/$ID||yes"
)

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A RPS P50 P99 ERR
# A warm-up pass over every endpoint first (JIT, pools, caches), so no endpoint is measured on a colder JVM.
for c in "${CASES[@]}"; do
  IFS='|' read -r name method path body auth <<<"$c"
  tok=""; [ -n "$auth" ] && tok="$TOKEN"
  log "warm-up $WARMUP: $name"
  METHOD="$method" BODY_FILE="$body" TOKEN="$tok" \
    wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/request.lua" "$BASE$path" >/dev/null
done
for c in "${CASES[@]}"; do
  IFS='|' read -r name method path body auth <<<"$c"
  tok=""; [ -n "$auth" ] && tok="$TOKEN"
  log "measure $DURATION: $name"
  METHOD="$method" BODY_FILE="$body" TOKEN="$tok" \
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/request.lua" "$BASE$path" >"$OUT/wrk.txt"
  cat "$OUT/wrk.txt" >&2
  RPS[$name]="$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")"
  P50[$name]="$(awk '$1=="50%" {print $2}' "$OUT/wrk.txt")"
  P99[$name]="$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")"
  ERR[$name]="$(awk '/Non-2xx/ {print $5}' "$OUT/wrk.txt")"
done

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
bare="${RPS[bare WebFlux endpoint (ceiling)]}"
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
    "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1);"\
    "wrk and the service on the same machine over loopback; PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1),"\
    "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2)."
  echo "Run: wrk -t2 -c$CONNECTIONS; a $WARMUP warm-up of every endpoint, then $DURATION measured per endpoint, one after another."
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER (other processes share the machine)."
  echo
  echo "| endpoint | requests/s | p50 | p99 | non-2xx | % of bare |"
  echo "|---|---:|---:|---:|---:|---:|"
  for c in "${CASES[@]}"; do
    IFS='|' read -r name _ <<<"$c"
    pct="$(awk -v a="${RPS[$name]}" -v b="$bare" 'BEGIN {printf "%.0f%%", 100*a/b}')"
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${ERR[$name]:-0} | $pct |"
  done
} | tee -a "$HERE/results.md"
