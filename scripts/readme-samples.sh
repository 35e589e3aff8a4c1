#!/usr/bin/env bash
# Regenerates the sample reports in README.md from the fake fixtures, so they show what
# the current build prints. Each sample sits between `<!-- sample:NAME -->` and
# `<!-- /sample:NAME -->`; it keeps the first two credentials of each severity band
# (the rest become `…`), shortens this checkout's absolute path to `…/` and leaves the
# elapsed time out (`in … ms`), so an unchanged build gives unchanged bytes.
#
# Usage: scripts/readme-samples.sh [--check]   (BLASTRADIUS=path/to/blastradius to pick the binary)
# --check changes nothing and exits 1 when README.md is out of date.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=${BLASTRADIUS:-target/release/blastradius}
[ -x "$bin" ] || { echo "no blastradius at $bin: cargo build --release, or set BLASTRADIUS" >&2; exit 2; }

# The ranked report, shortened to two credentials per severity band.
shorten() {
  awk -v root="$root/" '
    { while ((at = index($0, root)) > 0) $0 = substr($0, 1, at - 1) "…/" substr($0, at + length(root)) }
    /^(CRITICAL|HIGH|MEDIUM|LOW) \(/ { if (skipped) print "  …"; band = 0; skipped = 0; print; next }
    /^ *[0-9]+  / { band++ }
    /^[0-9]+ credentials? \(/ { if (skipped) print "  …"; skipped = 0; sub(/ in [0-9]+ ms$/, " in … ms"); print; next }
    band > 2 { skipped = 1; next }
    { print }
  '
}

sample() {
  case "$1" in
    ranking) "$bin" scan --fail-on none fixtures/ranking ;;
    reach)
      "$bin" reach --home fixtures/reach/home --workspace fixtures/reach/workspace --no-env \
        --agent claude-code --detectors tests/data/reach-detectors --fail-on none --quiet
      ;;
  esac | shorten
}

# Replaces the text block after each sample marker with the sample's output.
render() {
  local readme=$1 name text
  for name in ranking reach; do
    text=$(NO_COLOR=1 sample "$name")
    SAMPLE="$text" awk -v start="<!-- sample:$name -->" -v end="<!-- /sample:$name -->" '
      $0 == start { print; print "```text"; print ENVIRON["SAMPLE"]; print "```"; inside = 1; next }
      $0 == end { inside = 0 }
      !inside { print }
    ' "$readme" >"$readme.new"
    mv "$readme.new" "$readme"
  done
}

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.new"' EXIT
cp README.md "$tmp"
render "$tmp"
if [ "${1:-}" = --check ]; then
  if ! diff -u README.md "$tmp"; then
    echo "README.md samples are out of date: run scripts/readme-samples.sh" >&2
    exit 1
  fi
  echo "README.md samples are up to date"
else
  cp "$tmp" README.md
  echo "README.md samples regenerated"
fi
