#!/usr/bin/env bash
# Mints an RS256 JWT for local development, signed with the dev key that run-local.sh generated and told the
# service to trust. Usage: service/dev-token.sh [SUBJECT] [PRIVATE_KEY_PEM]
set -euo pipefail
SUBJECT="${1:-dev-user}"
KEY="${2:-${TCO_LOCAL_DIR:-/tmp/tco-local}/dev-jwt.key}"
[ -r "$KEY" ] || { echo "no dev key at $KEY (start service/run-local.sh first)" >&2; exit 1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"local-dev"}' | b64url)
payload=$(printf '{"sub":"%s","iss":"local-dev","iat":%d,"exp":%d}' "$SUBJECT" "$now" "$((now + 3600))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEY" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
