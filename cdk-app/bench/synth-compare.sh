#!/usr/bin/env bash
# Proves that a change to the CDK app leaves every template as it was: synthesizes each manifest in manifests/ (every
# environment), and each one with a standby again after a failover of production (dr.activeRegion set to the standby
# region), once with the code of a base commit and once with the working tree, then compares the templates resource
# by resource (compare-templates.py: logical ids, types, properties, policies; construct paths listed apart).
#
# usage: cdk-app/bench/synth-compare.sh [BASE]    BASE: the commit to compare with (default: the merge base with main)
# Templates stay in ${OUT:-/tmp/synth-compare}/{before,after}/<manifest>. Exits 0 when every template is equivalent.
# Both sides synthesize the working tree's manifests, so only the code differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
BASE="${1:-$(git merge-base HEAD main)}"
OUT="${OUT:-/tmp/synth-compare}"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
rm -rf "$OUT"
mkdir -p "$OUT/base" "$OUT/manifests" "$OUT/before" "$OUT/after"

log() { printf '==> %s\n' "$*" >&2; }

# Packaged, not installed: the local Maven repository keeps whatever it had.
classpath() {
  (cd "$1" && ./mvnw -B -q -ntp -pl cdk-app -am package -DskipTests >&2)
  echo "$1/cdk-app/target/classes:$(cat "$1/cdk-app/target/classpath.txt")"
}
log "building $(git rev-parse --short "$BASE") (before) and the working tree (after)"
git archive "$BASE" | tar -x -C "$OUT/base"
BEFORE_CP="$(classpath "$OUT/base")"
AFTER_CP="$(classpath "$ROOT")"

# The failover variants: the same manifest with production's writable database in the standby region. Image build
# contexts become absolute, so they still resolve from the variant's directory.
manifests=(manifests/*.yaml)
for manifest in manifests/*.yaml; do
  standby=$(awk '/^regions:/ {r = 1; next} /^[^ #]/ {r = 0} r && $1 == "standby:" {print $2; exit}' "$manifest")
  [ -n "$standby" ] || continue
  variant="$OUT/manifests/$(basename "$manifest" .yaml)-failover.yaml"
  python3 - "$manifest" "$variant" "$standby" <<'PY'
import re, sys
from pathlib import Path
source, target, standby = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), sys.argv[3]
text = re.sub(r"directory: (\S+)", lambda m: "directory: " + str((source.parent / m.group(1)).resolve()), source.read_text())
if "\n  production:\n" not in text:
    sys.exit(f"{source}: no environments.production section to move dr.activeRegion in")
target.write_text(text.replace("\n  production:\n", f"\n  production:\n    dr: {{ activeRegion: {standby} }}\n", 1))
PY
  manifests+=("$variant")
done

for manifest in "${manifests[@]}"; do
  name="$(basename "$manifest" .yaml)"
  for side in before after; do
    cp_var="${side^^}_CP"
    log "synthesizing $name ($side)"
    java -cp "${!cp_var}" io.drplatform.cdk.SynthesizeAll --manifest "$manifest" --out "$OUT/$side/$name" \
      > "$OUT/$side/$name.log" 2>&1 || { tail -n 20 "$OUT/$side/$name.log" >&2; exit 1; }
  done
done

python3 cdk-app/bench/compare-templates.py "$OUT/before" "$OUT/after"
