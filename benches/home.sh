#!/usr/bin/env bash
# `reach` on a generated home laid out as real ones are: wall time and peak RSS of the
# home walk (issue 16: <= 5 s on 2 threads, < 150 MB, every planted credential found).
#
#   benches/home.sh [DIR] [ROUNDS]      (default: /work/tmp-home, 3 rounds)
#
# The home has about 100,000 files and 5 GB: caches, node_modules, toolchains, package
# caches, a browser profile, a dotfiles repository's git objects, projects outside the
# dot-directories, and VM images and media as sparse files (apparent size, little disk).
# Fake credentials are planted in config and state files the catalogue does not know,
# and in a few catalogue stores. It is generated once and reused (delete DIR to rebuild).
# Set BR to a built binary to skip `cargo build --release`. Needs python3 and /usr/bin/time.
set -euo pipefail
home=${1:-/work/tmp-home}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z "${BR:-}" ]]; then
  cargo build --release --quiet --manifest-path "$here/Cargo.toml"
  BR="$here/target/release/blastradius"
fi

if [[ ! -f "$home/.bench-planted" ]]; then
  python3 - "$home" <<'PY'
import os, random, sys
home = sys.argv[1]
rng = random.Random(16)
files = 0
apparent = 0

def put(rel, data):
    global files, apparent
    path = os.path.join(home, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    files += 1
    apparent += len(data)

def sparse(rel, size):
    global files, apparent
    path = os.path.join(home, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"\0" * 4096)  # a header, as disk images and media start with one
        f.truncate(size)
    files += 1
    apparent += size

words = "let const value config token user client request response error result handler module".split()
def text(n):
    return "".join(f"{rng.choice(words)}_{i} = {rng.choice(words)}({rng.randrange(10**6)})\n" for i in range(n))
def blob(n):
    return bytes(rng.randrange(256) for _ in range(64)) * (n // 64)
def fake():
    # Fake, secret-shaped: mixed case and digits, never a real credential.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    return "Fk9q" + "".join(rng.choice(alphabet) for _ in range(28))

# Caches, package caches and toolchains: most of a real home's files (skipped).
for i in range(28000):
    put(f".cache/pip/http/{i % 256:02x}/{i}", blob(rng.choice([1024, 4096, 16384])))
for i in range(12000):
    put(f".npm/_cacache/content-v2/sha512/{i % 256:02x}/{i}", blob(rng.choice([2048, 8192])))
for i in range(9000):
    put(f".vscode/extensions/ext{i % 30}/node_modules/pkg{i % 400}/index{i}.js", text(rng.choice([10, 40, 120])))
for i in range(8000):
    put(f".rustup/toolchains/stable/lib/rustlib/src/rust/library/core/src/m{i % 90}/f{i}.rs", text(30))
for i in range(6000):
    put(f".cargo/registry/src/index/crate{i % 300}/src/f{i}.rs", text(40))
for i in range(3000):
    put(f".pyenv/versions/3.12.1/lib/python3.12/m{i % 50}/f{i}.py", text(25))
for i in range(2000):
    put(f".m2/repository/org/lib{i % 100}/lib-{i}.jar", blob(16384))
for i in range(1500):
    put(f".config/google-chrome/Default/IndexedDB/f{i}.ldb", blob(4096))
for i in range(2500):
    put(f".dotfiles/.git/objects/{i % 256:02x}/{i:038x}", blob(1024))
for i in range(1200):
    put(f".config/Code/CachedData/abc/{i}.code", blob(8192))
# Projects and documents outside the dot-directories (not walked).
for i in range(14000):
    put(f"src/app{i % 7}/node_modules/dep{i % 900}/lib/f{i}.js", text(20))
for i in range(1300):
    put(f"Documents/notes/n{i}.md", text(15))

# Config and state the walk reads: what developer tools keep in the home.
for i in range(5000):
    put(f".config/app{i % 400}/settings{i}.json", '{\n  "theme": "dark",\n  "fontSize": %d,\n  "recent": ["%s"]\n}\n' % (i % 30, rng.choice(words)))
for i in range(3000):
    put(f".local/state/app{i % 200}/state{i}.toml", f"[window]\nwidth = {i}\nlast = \"{rng.choice(words)}\"\n")
for i in range(2500):
    put(f".local/share/app{i % 150}/data{i}.txt", text(40))
for i in range(300):
    put(f".local/state/app{i}/log/app.log", text(rng.choice([200, 2000, 8000])))
for i in range(400):
    put(f"Library/Application Support/App{i % 60}/prefs{i}.json", '{"enabled": true, "count": %d}\n' % i)
for i in range(200):
    put(f".dotfiles/config/f{i}.sh", "#!/bin/sh\n" + text(10))
put(".dotfiles/.git/config", "[core]\n\tbare = false\n")
for i in range(50):
    put(f".local/share/logs/big{i}.log", text(40000))  # ~1.2 MB each

# VM images, container storage and media as sparse files: gigabytes, little disk.
sparse(".local/share/libvirt/images/dev.qcow2", 1500 * 2**20)
sparse(".docker/desktop/vms/0/data/Docker.raw", 1200 * 2**20)
sparse(".local/share/containers/storage/overlay/layer.tar", 600 * 2**20)
sparse("VirtualBox VMs/win/win.vdi", 800 * 2**20)
for i in range(6):
    sparse(f"Movies/clip{i}.mp4", 60 * 2**20)
sparse(".local/share/recordings/talk.mkv", 150 * 2**20)

# Planted credentials: uncatalogued config and state files, and catalogue stores.
planted = {
    ".config/sometool/credentials.json": '{\n  "user": "dev",\n  "api_token": "%s"\n}\n',
    ".config/deploybot/config.yaml": "server: deploy.example\npassword: %s\n",
    ".config/app17/auth.toml": "[auth]\nsecret = \"%s\"\n",
    ".local/state/x/token": "%s\n",
    ".local/state/syncd/session.json": '{"refresh_token": "%s"}\n',
    ".local/share/notes-sync/account.ini": "[account]\npassword = %s\n",
    ".toolrc": "# tool settings\nTOOL_SECRET=%s\n",
    ".someclirc": "export SOMECLI_API_KEY=%s\n",
    "Library/Application Support/Tool/settings.conf": "[server]\npassword = %s\n",
    "Library/Preferences/tool.prefs.json": '{"authToken": "%s"}\n',
    ".aws/credentials": "[default]\naws_secret_access_key = %s\n",
    ".config/gh/hosts.yml": "github.com:\n  oauth_token: %s\n",
}
for rel, template in planted.items():
    put(rel, template % fake())
with open(os.path.join(home, ".bench-planted"), "w") as f:
    f.write("\n".join(planted) + "\n")
print(f"home: {files} files, {apparent / 1e9:.2f} GB apparent, {len(planted)} planted credentials")
PY
fi
echo "home: $(find "$home" -type f | wc -l) files, $(du -sh --apparent-size "$home" | cut -f1) apparent ($(du -sh "$home" | cut -f1) on disk)"
echo "machine: $(nproc) cores, $(uname -sr)"

empty="$work/workspace"
mkdir -p "$empty"
for round in $(seq "$rounds"); do
  /usr/bin/time -v "$BR" reach --home "$home" --workspace "$empty" --no-env --no-git-history \
    --threads 2 --format json -o "$work/report.json" --fail-on none -q 2> "$work/time.txt"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  echo "$wall $rss" >> "$work/rounds.txt"
  echo "round $round: wall $wall, peak RSS $((rss / 1024)) MB"
done
python3 - "$work/rounds.txt" "$work/report.json" "$home" <<'PY'
import json, statistics, sys
def seconds(wall):
    parts = [float(p) for p in wall.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rounds = [line.split() for line in open(sys.argv[1])]
walls = [seconds(w) for w, _ in rounds]
rss = [int(r) / 1024 for _, r in rounds]
report = json.load(open(sys.argv[2]))
home = sys.argv[3]
found = {f["path"][len(home) + 1:] for f in report["findings"]}
planted = [p for p in open(f"{home}/.bench-planted").read().split("\n") if p]
missed = [p for p in planted if p not in found]
stats = report["stats"]
print(f"median wall {statistics.median(walls):.2f} s (target <= 5), median peak RSS {statistics.median(rss):.0f} MB (target < 150)")
print(f"planted credentials found: {len(planted) - len(missed)}/{len(planted)}" + (f", missed: {missed}" if missed else ""))
print(f"read {stats['files']} files, {stats['bytes']} bytes; home: {json.dumps(stats['home'])}")
sys.exit(1 if missed else 0)
PY
