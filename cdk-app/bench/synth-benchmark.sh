#!/usr/bin/env bash
# Measures the main job (`./platform synth`: the reference app, every environment, cdk-nag on) and records the
# result with machine and date in cdk-app/bench/results.md. A benchmark, not a test: the target (< 30 s on
# a 2-core machine) is checked and reported here, never asserted in the unit tests.
#
# Baseline measured in the same run: synthesizing one environment only, so a noisy machine shows up in
# both numbers rather than as a regression.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${RUNS:-3}"
RESULTS=cdk-app/bench/results.md
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

./mvnw -B -q -ntp -pl cdk-app -am install -DskipTests   # build once, outside the measurement
CP="cdk-app/target/classes:$(cat cdk-app/target/classpath.txt)"

measure() { # prints wall seconds of one synthesis with the given options
  local out; out=$(mktemp -d)
  local start end
  start=$(date +%s.%N)
  java -cp "$CP" io.drplatform.cdk.SynthesizeAll --out "$out" "$@" > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
  end=$(date +%s.%N)
  rm -rf "$out" "$out.log"
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", e - s}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

full=(); single=()
for i in $(seq "$RUNS"); do
  single+=("$(measure --environment development)")
  full+=("$(measure)")
done
full_median=$(median "${full[@]}"); single_median=$(median "${single[@]}")
verdict=$(awk -v m="$full_median" 'BEGIN {print (m < 30 ? "met" : "MISSED")}')

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo ""
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, ${cpu}, $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo ""
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), Node $(node --version), $RUNS runs each"
  echo ""
  echo "| synthesis | runs (s) | median (s) |"
  echo "|---|---|---|"
  echo "| baseline: development only | ${single[*]} | $single_median |"
  echo "| main job: all environments | ${full[*]} | $full_median |"
  echo ""
  echo "Target: main job under 30 s — **$verdict**."
} >> "$RESULTS"
tail -n 12 "$RESULTS"
