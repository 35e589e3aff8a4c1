#!/usr/bin/env bash
# Runs one blastradius scan for the composite action (action.yml, step "Scan"): the SARIF
# report, the job summary and the exit code all come from the same run.
#
# Inputs, all through the environment:
#   BR_BIN        the blastradius binary (the install step's output)
#   BR_PATH       directory to scan
#   BR_FAIL_ON    critical, high, medium, low or none
#   BR_HISTORY    "true" to scan the git history instead of the work tree
#   BR_BASELINE   baseline file; "" lets blastradius use .blastradius-baseline.json in the
#                 scanned root when that exists (and nothing when it does not)
#   BR_CATEGORY   SARIF category
#   BR_NO_CONFIG  "true" to refuse configuration found in the scanned tree (--no-config)
#   RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY: set by the runner
# Writes `sarif=` and `exit-code=` to $GITHUB_OUTPUT. Exits 0 on exit code 0 or 1 (the
# action's last step fails the job on 1, after the upload); any other code fails here.
set -uo pipefail

: "${RUNNER_TEMP:?set by the runner}" "${GITHUB_OUTPUT:?set by the runner}"

case "${BR_FAIL_ON:-high}" in
  critical | high | medium | low | none) ;;
  *)
    echo "::error::blastradius: fail-on must be critical, high, medium, low or none"
    exit 2
    ;;
esac

sarif="$RUNNER_TEMP/blastradius.sarif"
args=(scan --fail-on "${BR_FAIL_ON:-high}" --sarif-category "${BR_CATEGORY:-blastradius}" --format sarif -o "$sarif")
[ "${BR_HISTORY:-false}" = true ] && args+=(--git-history)
[ -n "${BR_BASELINE:-}" ] && args+=(--baseline "$BR_BASELINE")
[ "${BR_NO_CONFIG:-false}" = true ] && args+=(--no-config)
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary-markdown "$GITHUB_STEP_SUMMARY")

"${BR_BIN:-blastradius}" "${args[@]}" "${BR_PATH:-.}"
code=$?

echo "exit-code=$code" >>"$GITHUB_OUTPUT"
case "$code" in
  0 | 1)
    echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
    ;;
  *)
    echo "::error::blastradius failed with exit code $code (2 is a usage or fatal error; others are crashes or kills)"
    exit "$code"
    ;;
esac
