#!/usr/bin/env bash
# Measures issue 17's hostile cases with /usr/bin/time -v on the release binary: wall time
# and peak RSS of each, against the bounds the README's security section states.
#
#   benches/hostile.sh [WORKDIR]       (default: a fresh temporary directory, removed after)
#
# Builds every input itself (fake tokens only): a 64,000-row gcloud access_tokens.db, a
# 1.2 GB SQLite database in the gcloud store's place, an .env of 80,000 secrets, one and
# four 16 MB files of tokens, and the device, FIFO and sparse-file cases of item 4 (a
# baseline of /dev/zero, a FIFO baseline, a FIFO and a /dev/zero link as Codex's config,
# a 2 GB sparse Claude settings file). Needs python3 and /usr/bin/time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BLASTRADIUS:-$ROOT/target/release/blastradius}
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --release --locked >/dev/null)
WORK=${1:-$(mktemp -d)}
[ -n "${1:-}" ] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK"
# A GitHub-shaped fake token with a valid checksum, and a Google-shaped fake access token.
TOKEN=$(python3 "$ROOT/scripts/gen-token.py" ghp_ hostile-bench)
GTOKEN="ya29.$(python3 -c 'import random; r=random.Random(17); print("".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(120)))')"

# "case  seconds  MB  exit" for one command run under /usr/bin/time -v, bounded by timeout.
measure() {
    local name=$1
    shift
    local log=$WORK/time.log code
    set +e
    /usr/bin/time -v timeout 300 "$@" >/dev/null 2>"$log"
    code=$?
    set -e
    local wall rss
    wall=$(grep -F 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
    rss=$(grep -F 'Maximum resident set size' "$log" | awk '{print int($NF / 1024)}')
    printf '%-44s %10s %8s MB  exit %s\n' "$name" "$wall" "$rss" "$code"
}

sqlite_db() { # PATH ROWS CELL_BYTES
    python3 - "$@" "$GTOKEN" <<'EOF'
import sqlite3, sys
path, rows, cell, token = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
db = sqlite3.connect(path)
db.execute("CREATE TABLE access_tokens (account_id TEXT PRIMARY KEY, access_token TEXT, token_expiry TIMESTAMP, rapt_token TEXT, id_token TEXT)")
pad = "x" * cell
db.executemany("INSERT INTO access_tokens (account_id, access_token, id_token) VALUES (?, ?, ?)",
               ((f"user{i}@example.com", token, pad) for i in range(rows)))
db.commit()
EOF
}

home_with() { # NAME -> prints a fresh home dir and workspace under WORK
    local home=$WORK/$1/home workspace=$WORK/$1/ws
    mkdir -p "$home" "$workspace"
    echo "$home $workspace"
}

reach() { # NAME HOME WORKSPACE [flags…]
    local name=$1 home=$2 workspace=$3
    shift 3
    measure "$name" "$BIN" reach --no-env --no-git-history --format json --home "$home" --workspace "$workspace" "$@"
}

echo "blastradius: $BIN"
printf '%-44s %10s %8s     %s\n' case wall 'peak RSS' ''

# Item 6: extraction is linear and bounded.
read -r home ws < <(home_with tokens64k)
mkdir -p "$home/.config/gcloud"
sqlite_db "$home/.config/gcloud/access_tokens.db" 64000 0
reach "64k-row gcloud access_tokens.db" "$home" "$ws"

read -r home ws < <(home_with sqlite1g)
mkdir -p "$home/.config/gcloud"
sqlite_db "$home/.config/gcloud/access_tokens.db" 1200 1000000
reach "1.2 GB SQLite as access_tokens.db" "$home" "$ws"

mkdir -p "$WORK/env80k"
python3 -c "
import sys
for i in range(80000): print(f'SECRET_{i}_API_KEY=$TOKEN')
" >"$WORK/env80k/.env"
measure ".env of 80,000 secrets (scan)" "$BIN" scan --format json "$WORK/env80k"

# Item 7: findings are capped.
mkdir -p "$WORK/tokens1" "$WORK/tokens4"
python3 -c "
import sys
line = 'token: $TOKEN\n'
sys.stdout.write(line * (16 * 1024 * 1024 // len(line)))
" >"$WORK/tokens1/tokens.txt"
for i in 1 2 3 4; do cp "$WORK/tokens1/tokens.txt" "$WORK/tokens4/tokens$i.txt"; done
measure "one 16 MB file of tokens (scan)" "$BIN" scan --format json "$WORK/tokens1"
measure "four 16 MB files of tokens (scan)" "$BIN" scan --format json "$WORK/tokens4"

# Item 4: devices, FIFOs and sparse files never hang or fill memory.
mkdir -p "$WORK/repo"
echo "GITHUB_TOKEN=$TOKEN" >"$WORK/repo/app.env"
measure "--baseline /dev/zero (exit 2)" "$BIN" scan --baseline /dev/zero "$WORK/repo"
mkfifo "$WORK/baseline.fifo"
measure "--baseline FIFO (exit 2)" "$BIN" scan --baseline "$WORK/baseline.fifo" "$WORK/repo"
printf 'baseline = "/dev/zero"\n' >"$WORK/repo/.blastradius.toml"
measure "in-tree baseline = /dev/zero (exit 2)" "$BIN" scan "$WORK/repo"
rm "$WORK/repo/.blastradius.toml"

read -r home ws < <(home_with codexfifo)
mkdir -p "$home/.codex" && mkfifo "$home/.codex/config.toml"
reach "reach --agent codex, config.toml a FIFO" "$home" "$ws" --agent codex
read -r home ws < <(home_with codexzero)
mkdir -p "$home/.codex" && ln -s /dev/zero "$home/.codex/config.toml"
reach "reach --agent codex, config.toml -> /dev/zero" "$home" "$ws" --agent codex
read -r home ws < <(home_with sparse)
mkdir -p "$home/.claude" && truncate -s 2G "$home/.claude/settings.json"
reach "reach, 2 GB sparse ~/.claude/settings.json" "$home" "$ws" --agent claude-code
