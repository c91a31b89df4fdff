#!/usr/bin/env bash
# Rehearsal start-up: `dr local up` of an environment from its synthesized templates to ready (the entry point
# answering from the primary region), ROUNDS times, each followed by `dr local down`. Beside each total it records
# the service's own start-up time as Spring Boot reports it ("Started ... in X seconds") for the migration and the
# task: the part of the total no rehearsal code can shorten. Appends a dated section to bench/results.md.
#   dr-scripts/bench/rehearsal-startup.sh [ENVIRONMENT] [ROUNDS]     (default: staging 3)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ENVIRONMENT="${1:-staging}"
ROUNDS="${2:-3}"
STATE="$(mktemp -d)"
RESULTS="$HERE/results.md"
trap '"$ROOT/dr-scripts/dr" local down --state-dir "$STATE" >/dev/null 2>&1 || true; rm -rf "$STATE"' EXIT

cd "$ROOT"
[ -f cdk-app/cdk.out/manifest.json ] || ./platform synth --environment "$ENVIRONMENT" >/dev/null
[ -f service/target/service.jar ] || ./mvnw -B -q -ntp -pl service -am package -DskipTests

rows=""
for round in $(seq 1 "$ROUNDS"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  out="$("$ROOT/dr-scripts/dr" local up --environment "$ENVIRONMENT" --state-dir "$STATE")"
  total="$(sed -n 's/.* up in \([0-9.]*\) s.*/\1/p' <<<"$out")"
  base="$(python3 -c "import json,sys; print(json.load(open('$STATE/local-pair.json'))['baseDirectory'])")"
  migration="$(grep -ho 'Started [A-Za-z]* in [0-9.]* seconds' "$base"/*/*-migration.log | awk '{print $4}' | head -1)"
  task="$(grep -ho 'Started [A-Za-z]* in [0-9.]* seconds' "$base"/*/api-task.log | awk '{print $4}' | head -1)"
  steps="$(grep -o '(Local[A-Za-z]*: [0-9.]* s)' <<<"$out" | sed 's/(Local//; s/)//' | paste -sd ',' | sed 's/,/, /g')"
  echo "round $round: up in $total s (service start-up: migration $migration s, task $task s; load $load)"
  rows+="| $round | $total | ${migration:-?} | ${task:-?} | $load | $steps |"$'\n'
  "$ROOT/dr-scripts/dr" local down --state-dir "$STATE" >/dev/null
done

{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ), $ENVIRONMENT, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)"
  echo
  echo "| round | up (s) | migration's own start (s) | task's own start (s) | load before | per resource kind |"
  echo "|---:|---:|---:|---:|---:|---|"
  printf '%s' "$rows"
} >> "$RESULTS"
echo "recorded in $RESULTS"
