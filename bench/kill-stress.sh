#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Kills a process saving a sidecar KILLS times (1,000 by default) at random
# moments and prints what the kills left: torn files (always 0: every kill
# leaves the sidecar and its backup as completed saves, byte for byte) and
# temporary files before and after the next save cleaned them up. The kill
# loop is the test suite's tests/test-save-stress, run with more kills.
# Usage: bench/kill-stress.sh TEST_SAVE_STRESS_BINARY [KILLS]
set -euo pipefail
bin=${1:?usage: kill-stress.sh TEST_SAVE_STRESS_BINARY [KILLS]}
kills=${2:-1000}

status=0
output=$(GLOSSATOR_STRESS_KILLS=$kills G_DEBUG=fatal-warnings "$bin" --tap 2>&1) || status=$?
if [ "$status" -ne 0 ]; then
  printf '%s\n' "$output"
  exit "$status"
fi
grep -E '^# (sidecar|figures|kill)' <<<"$output" | sed 's/^# //; s/, /\n  /g'
