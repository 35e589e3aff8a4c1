#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for a bounded time, one target at a time, then minimizes
# each target's committed corpus (fuzz/corpus/<target>) and prints a summary.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]        (default 60)
#   FUZZ_TARGETS="extract_yaml engine" scripts/fuzz.sh 30
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Seeds come from
# fixtures/ (fake credentials only) and fixtures/fuzz-regressions/<target>. A crash, a
# timeout (> FUZZ_TIMEOUT seconds on one input) or an input needing more than
# FUZZ_RSS_MB of memory stops that target; its input lands in fuzz/artifacts/<target>/.
# Exit status: 0 when every target ran clean, 1 otherwise.
set -uo pipefail

SECONDS_PER_TARGET=${1:-60}
RSS_MB=${FUZZ_RSS_MB:-1024}
TIMEOUT=${FUZZ_TIMEOUT:-10}
MAX_LEN=${FUZZ_MAX_LEN:-65536}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/fuzz/target/work
cd "$ROOT" || exit 2

# Copies the fixture files matching find(1) expressions into a seed directory.
seed_from() {
    local dir=$1
    shift
    mkdir -p "$dir"
    find fixtures -type f \( "$@" \) -print0 | while IFS= read -r -d '' file; do
        cp "$file" "$dir/$(printf '%s' "$file" | sha1sum | cut -c1-16)"
    done
}

# Like seed_from, with a selector byte (the targets' first input byte) prepended.
seed_with_selector() {
    local dir=$1 selector=$2
    shift 2
    mkdir -p "$dir"
    find fixtures -type f \( "$@" \) -print0 | while IFS= read -r -d '' file; do
        { printf '%b' "\\x$selector"; cat "$file"; } >"$dir/$selector-$(printf '%s' "$file" | sha1sum | cut -c1-16)"
    done
}

# JWT-shaped strings found in the fixtures, one per file.
seed_jwts() {
    mkdir -p "$1"
    grep -rhoE 'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*' fixtures | sort -u | while read -r jwt; do
        printf '%s' "$jwt" >"$1/$(printf '%s' "$jwt" | sha1sum | cut -c1-16)"
    done
}

seeds() {
    local target=$1 dir=$WORK/seeds/$1
    rm -rf "$dir"
    mkdir -p "$dir"
    case $target in
    extract_dotenv) seed_from "$dir" -name '.env*' -o -name '*.env' -o -name '.envrc' -o -name '.bashrc' ;;
    extract_ini) seed_from "$dir" -name '.npmrc' -o -name '.pypirc' -o -name '.my.cnf' -o -name '.databrickscfg' \
        -o -name '.gitconfig' -o -name '*.cfg' -o -name 'credentials' -o -name 'config' -path '*/.aws/*' -o -name '.sentryclirc' ;;
    extract_json) seed_from "$dir" -name '*.json' -o -name '*.tfstate*' ;;
    extract_yaml) seed_from "$dir" -name '*.yaml' -o -name '*.yml' -o -path '*/.kube/config' ;;
    extract_toml) seed_from "$dir" -name '*.toml' ;;
    extract_netrc) seed_from "$dir" -name '.netrc' ;;
    extract_pgpass) seed_from "$dir" -name '.pgpass' ;;
    extract_git_credentials) seed_from "$dir" -name '.git-credentials' ;;
    extract_raw) seed_from "$dir" -name '.vault-token' -o -name 'token' -o -name 'access-token' ;;
    extract_sqlite) seed_from "$dir" -name '*.db' ;;
    history) seed_from "$dir" -name '*_history' ;;
    structured)
        # Selector bytes follow blastradius_fuzz::TEXT_FORMATS.
        seed_with_selector "$dir" 00 -name '.env*'
        seed_with_selector "$dir" 01 -name '.npmrc' -o -name '.pypirc' -o -name '.gitconfig' -o -path '*/.aws/*'
        seed_with_selector "$dir" 02 -name '*.json' -o -name '*.tfstate'
        seed_with_selector "$dir" 03 -name '*.yaml' -o -name '*.yml' -o -path '*/.kube/config'
        seed_with_selector "$dir" 04 -name '*.toml'
        seed_with_selector "$dir" 05 -name '.netrc'
        seed_with_selector "$dir" 06 -name '.pgpass'
        seed_with_selector "$dir" 07 -name '.git-credentials'
        seed_with_selector "$dir" 08 -name '.vault-token' -o -name 'token'
        ;;
    engine)
        seed_with_selector "$dir" 00 -name '*.rs' -o -name '*.py' -o -name '*.js' -o -name '*.ts' -o -name '*.sh'
        seed_with_selector "$dir" 01 -name '.env*' -o -name '*_history'
        seed_with_selector "$dir" 02 -name '*.yaml' -o -name '*.yml'
        seed_with_selector "$dir" 03 -name '*.json'
        seed_with_selector "$dir" 04 -name '*.md' -o -name '*.txt' -o -name '*.toml'
        seed_with_selector "$dir" 05 -name 'id_*' -o -name '*.pem'
        ;;
    decode) seed_from "$dir" -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '.env*' -o -name '*.js' ;;
    jwt) seed_jwts "$dir" ;;
    esac
}

# "<executions> <peak RSS MB>" from a libFuzzer log.
stats_of() {
    local runs rss
    runs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$')
    rss=$(grep -oE 'stat::peak_rss_mb: +[0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$')
    echo "${runs:-?} ${rss:-?}"
}

# The kind of failure a libFuzzer log reports, or "ok".
outcome_of() {
    if grep -q 'ERROR: libFuzzer: timeout' "$1"; then echo timeout
    elif grep -qE 'ERROR: libFuzzer: (out-of-memory|malloc limit)' "$1"; then echo oom
    elif grep -qE 'ERROR: (libFuzzer|AddressSanitizer)|panicked at' "$1"; then echo crash
    else echo ok
    fi
}

cargo +nightly fuzz build || exit 2
mapfile -t TARGETS < <(if [ -n "${FUZZ_TARGETS:-}" ]; then tr ' ' '\n' <<<"$FUZZ_TARGETS"; else cargo +nightly fuzz list; fi)
mkdir -p "$WORK/logs"
summary=()
failed=0
for target in "${TARGETS[@]}"; do
    seeds "$target"
    mkdir -p "fuzz/corpus/$target" "fixtures/fuzz-regressions/$target"
    log=$WORK/logs/$target.log
    echo "== $target: ${SECONDS_PER_TARGET}s"
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "$WORK/seeds/$target" "fixtures/fuzz-regressions/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB" \
        -timeout="$TIMEOUT" -max_len="$MAX_LEN" -print_final_stats=1 >"$log" 2>&1
    outcome=$(outcome_of "$log")
    read -r runs rss < <(stats_of "$log")
    if [ "$outcome" != ok ]; then
        failed=1
        grep -m1 -oE "(crash|timeout|oom|leak)-[0-9a-f]+" "$log" | sed "s|^|    input: fuzz/artifacts/$target/|"
    fi
    cargo +nightly fuzz cmin "$target" "fuzz/corpus/$target" -- -rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT" \
        -max_len="$MAX_LEN" >>"$log" 2>&1
    files=$(find "fuzz/corpus/$target" -type f | wc -l)
    summary+=("$(printf '%-26s %-8s %12s execs %6s MB peak %6s corpus files' "$target" "$outcome" "$runs" "$rss" "$files")")
done

echo
echo "Fuzzing summary ($(date -u +%Y-%m-%dT%H:%MZ), ${SECONDS_PER_TARGET}s per target, logs in $WORK/logs):"
printf '  %s\n' "${summary[@]}"
exit $failed
