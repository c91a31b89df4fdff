#!/usr/bin/env bash
# Smoke test of a deployed environment through its public entry point (the load balancer's listener rules):
# the API's deep health (database reachable and writable), an anonymous quote, and the API documentation.
# usage: smoke-test.sh BASE_URL      e.g. smoke-test.sh https://tco-staging.example.com
# SMOKE_ATTEMPTS (default 30) and SMOKE_INTERVAL seconds (default 10) bound the wait for a fresh deployment.
set -uo pipefail
base="${1:?usage: smoke-test.sh BASE_URL}"
base="${base%/}"
attempts="${SMOKE_ATTEMPTS:-30}"
interval="${SMOKE_INTERVAL:-10}"
here="$(cd "$(dirname "$0")" && pwd)"
quote="$here/../../service/examples/request.json"

check() {
  curl -fsS --max-time 10 "$base/health/deep" > /dev/null || { echo "deep health: not ready" >&2; return 1; }
  curl -fsS --max-time 10 -X POST "$base/api/v1/quotes" -H 'Content-Type: application/json' \
    --data-binary "@$quote" | grep -q '"result"' || { echo "POST /api/v1/quotes: no result" >&2; return 1; }
  curl -fsS --max-time 10 "$base/v3/api-docs" | grep -q '/api/v1/quotes' || { echo "API documentation: not this API" >&2; return 1; }
}

for i in $(seq 1 "$attempts"); do
  if check; then
    echo "smoke test passed against $base (attempt $i)"
    exit 0
  fi
  [ "$i" -lt "$attempts" ] && sleep "$interval"
done
echo "smoke test failed against $base after $attempts attempts" >&2
exit 1
