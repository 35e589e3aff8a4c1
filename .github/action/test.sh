#!/usr/bin/env bash
# Runs the action's scripts against a fake runner: install.sh against a local fake release
# directory (good checksum, bad checksum, missing release falling back to a fake cargo),
# scan.sh and fail.sh against a fake $GITHUB_OUTPUT / $GITHUB_STEP_SUMMARY / $RUNNER_TEMP
# with the inputs of examples/github-workflow.yml and no baseline file.
#
# Usage: BLASTRADIUS_BIN=target/debug/blastradius .github/action/test.sh
# Prints one line per check and `N passed, N failed`; exits 1 on any failure.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${BLASTRADIUS_BIN:?set BLASTRADIUS_BIN to a built blastradius}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
  fi
}

# A fresh fake runner: prints the directory holding RUNNER_TEMP, GITHUB_OUTPUT, ...
runner() {
  local dir
  dir=$(mktemp -d "$work/runner.XXXX")
  mkdir -p "$dir/temp"
  : >"$dir/output"
  : >"$dir/path"
  : >"$dir/summary"
  echo "$dir"
}

# run_in RUNNER SCRIPT [VAR=VALUE...]: runs an action script under that fake runner.
run_in() {
  local dir=$1 script=$2
  shift 2
  env RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$dir/temp" GITHUB_OUTPUT="$dir/output" \
    GITHUB_PATH="$dir/path" GITHUB_STEP_SUMMARY="$dir/summary" BR_ACTION_PATH="$repo" \
    BR_REPOSITORY=example/blastradius "$@" bash "$here/$script" >"$dir/log" 2>&1
}

output_of() { sed -n "s/^$2=//p" "$1/output" | tail -n 1; }

# A fake release of the action's own version, with a stub binary.
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)
release="$work/releases/v$version"
mkdir -p "$release" "$work/stub"
printf '#!/bin/sh\necho "stub blastradius $*"\n' >"$work/stub/blastradius"
chmod +x "$work/stub/blastradius"
tar -czf "$release/blastradius-x86_64-unknown-linux-musl.tar.gz" -C "$work/stub" blastradius
(cd "$release" && sha256sum ./*.tar.gz | sed 's| \./| |' >SHA256SUMS)

r=$(runner)
run_in "$r" install.sh BLASTRADIUS_RELEASE_BASE_FOR_TESTS="$work/releases"
installed=$(output_of "$r" path)
check "install: good checksum installs the release binary" test -x "$installed"
check "install: the binary is the release's" grep -q "stub blastradius" <("$installed" --version)
check "install: its directory goes on GITHUB_PATH" grep -qx "$r/temp/blastradius/bin" "$r/path"
check "install: says the checksum was verified" grep -q "checksum verified" "$r/log"

r=$(runner)
run_in "$r" install.sh BLASTRADIUS_RELEASE_BASE_FOR_TESTS="file://$work/releases" BR_VERSION="$version"
check "install: file:// release base and an explicit version" test -x "$(output_of "$r" path)"

bad="$work/bad/v$version"
mkdir -p "$bad"
cp "$release"/* "$bad/"
echo "tampered" >>"$bad/blastradius-x86_64-unknown-linux-musl.tar.gz"
r=$(runner)
fake_cargo="$work/fake-cargo"
mkdir -p "$fake_cargo"
printf '#!/bin/sh\necho "cargo $*" >>"%s/cargo-calls"\nexit 1\n' "$work" >"$fake_cargo/cargo"
chmod +x "$fake_cargo/cargo"
run_in "$r" install.sh BLASTRADIUS_RELEASE_BASE_FOR_TESTS="$work/bad" PATH="$fake_cargo:$PATH"
code=$?
check "install: bad checksum fails the step" test "$code" -ne 0
check "install: bad checksum says so" grep -q "checksum mismatch" "$r/log"
check "install: bad checksum installs nothing" test ! -e "$r/temp/blastradius/bin/blastradius"
check "install: bad checksum never falls back to building" test ! -e "$work/cargo-calls"
check "install: bad checksum writes no path output" test -z "$(output_of "$r" path)"

r=$(runner)
cat >"$fake_cargo/cargo" <<'CARGO'
#!/bin/sh
# Records its arguments and "builds" the stub into --root, as cargo install would.
echo "cargo $*" >>"$FAKE_CARGO_LOG"
root=$(echo "$*" | sed 's/.*--root \([^ ]*\).*/\1/')
mkdir -p "$root/bin" && cp "$FAKE_CARGO_STUB" "$root/bin/"
CARGO
run_in "$r" install.sh BLASTRADIUS_RELEASE_BASE_FOR_TESTS="$work/releases" BR_VERSION=9.9.9 PATH="$fake_cargo:$PATH" \
  FAKE_CARGO_LOG="$work/cargo-calls" FAKE_CARGO_STUB="$work/stub/blastradius"
check "install: a missing release falls back to cargo install --locked" grep -q "install --locked --path $repo" "$work/cargo-calls"
check "install: the built binary is the output" test -x "$(output_of "$r" path)"

# The scan step, with the example workflow's inputs, in a repository without a baseline.
make_repo() {
  local dir=$1 content=$2
  mkdir -p "$dir"
  git -C "$dir" init -q
  printf '%s' "$content" >"$dir/settings.env"
  git -C "$dir" add -A
  git -C "$dir" -c user.name=Test -c user.email=test@example.com commit -qm one
}
leaky="$work/leaky"
make_repo "$leaky" "GITHUB_TOKEN=$(python3 "$repo/scripts/gen-token.py" ghp_ action-test)
"
clean="$work/clean"
make_repo "$clean" "nothing=here
"
example_inputs=(BR_FAIL_ON=high BR_HISTORY=true BR_BASELINE= BR_CATEGORY=blastradius)

r=$(runner)
run_in "$r" scan.sh BR_BIN="$bin" BR_PATH="$leaky" "${example_inputs[@]}"
code=$?
check "scan: findings do not fail the scan step (the upload runs first)" test "$code" -eq 0
check "scan: exit-code output is 1" test "$(output_of "$r" exit-code)" = 1
check "scan: the SARIF is written" grep -q '"version": "2.1.0"' "$(output_of "$r" sarif)"
check "scan: the step summary comes from the same run" grep -q "### blastradius: 1 credential at 1 location" "$r/summary"
check "scan: no baseline file is fine" test ! -e "$leaky/.blastradius-baseline.json"
run_in "$r" fail.sh BR_EXIT_CODE=1 BR_FAIL_ON=high
check "fail: exit code 1 fails the job" test $? -eq 1
check "fail: and says why" grep -q "at or above 'high'" "$r/log"

r=$(runner)
run_in "$r" scan.sh BR_BIN="$bin" BR_PATH="$clean" "${example_inputs[@]}"
check "scan: a clean repository passes" test $? -eq 0
check "scan: exit-code output is 0" test "$(output_of "$r" exit-code)" = 0
check "scan: clean summary" grep -q "no credentials found" "$r/summary"
run_in "$r" fail.sh BR_EXIT_CODE=0 BR_FAIL_ON=high
check "fail: exit code 0 passes" test $? -eq 0

(cd "$leaky" && "$bin" baseline create >/dev/null 2>&1)
r=$(runner)
run_in "$r" scan.sh BR_BIN="$bin" BR_PATH="$leaky" "${example_inputs[@]}"
check "scan: .blastradius-baseline.json is used by itself" test "$(output_of "$r" exit-code)" = 0

r=$(runner)
run_in "$r" scan.sh BR_BIN="$bin" BR_PATH="$clean" BR_FAIL_ON=high BR_BASELINE=missing.json
check "scan: a named baseline that is missing fails the step" test $? -eq 2

printf '#!/bin/sh\nexit 101\n' >"$work/crash"
chmod +x "$work/crash"
r=$(runner)
run_in "$r" scan.sh BR_BIN="$work/crash" BR_PATH="$clean" "${example_inputs[@]}"
code=$?
check "scan: a crash (101) fails the step" test "$code" -eq 101
check "scan: a crash writes no sarif output" test -z "$(output_of "$r" sarif)"
printf '#!/bin/sh\nkill -9 $$\n' >"$work/killed"
chmod +x "$work/killed"
run_in "$r" scan.sh BR_BIN="$work/killed" BR_PATH="$clean" "${example_inputs[@]}"
check "scan: an OOM-style kill (137) fails the step" test $? -eq 137

r=$(runner)
run_in "$r" scan.sh BR_BIN="$bin" BR_PATH="$clean" BR_FAIL_ON='high; touch injected'
check "scan: a bad fail-on is refused" test $? -eq 2
check "scan: and never run as shell" test ! -e injected

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
