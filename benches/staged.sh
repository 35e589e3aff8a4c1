#!/usr/bin/env bash
# Measures `blastradius scan --staged` on a typical pre-commit: a repository of
# 2,000 committed files (about 8 MB of text) with 10 staged files (7 modified, 3 new).
# Usage: benches/staged.sh [path/to/blastradius]   (default: target/release/blastradius)
# Needs git and hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$here/target/release/blastradius}")"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
repo="$(mktemp -d)"
trap 'rm -rf "$repo"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
g() { git -C "$repo" -c user.name=bench -c user.email=bench@example.com "$@"; }

g init -q
python3 - "$repo" <<'PY'
import os, random, sys
root = sys.argv[1]
rng = random.Random(7)
words = "let const value config token user client request response error result handler".split()
for i in range(2000):
    d = os.path.join(root, f"src/mod{i % 40}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"file{i}.rs"), "w") as f:
        for n in range(100):
            f.write(f"    {rng.choice(words)}_{n} = {rng.choice(words)}({rng.randrange(10**6)}); // {' '.join(rng.choices(words, k=4))}\n")
PY
g add -A && g commit -q -m init
for i in 0 1 2 3 4 5 6; do
    printf '    added_%s = helper(%s);\n' $i $i >> "$repo/src/mod$i/file$i.rs"
done
for i in 0 1 2; do
    seq 1 200 | sed "s/^/    new_line_$i = /" > "$repo/src/new$i.rs"
done
g add -A
echo "staged: $(g diff --cached --name-only | wc -l) files; binary: $bin"
cd "$repo"
hyperfine --warmup 5 --runs 50 --export-json "${BENCH_JSON:-/dev/null}" "$bin scan --staged --quiet --fail-on none"
