#!/usr/bin/env bash
# Fails the job when the scan found credentials at or above fail-on (action.yml, last
# step), after the SARIF upload so the alerts are there to look at.
# Inputs through the environment: BR_EXIT_CODE (the scan's), BR_FAIL_ON.
set -euo pipefail

if [ "${BR_EXIT_CODE:-}" = 1 ]; then
  echo "::error::blastradius found credentials at or above '${BR_FAIL_ON:-high}'; see the code scanning alerts and the job summary."
  exit 1
fi
