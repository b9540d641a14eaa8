#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Quick start on Debian 12 (or an Ubuntu with GTK >= 4.8 and libadwaita >= 1.2):
#
#   build-aux/quickstart.sh run [FILE|FOLDER...]   install what is missing, build, open the app
#                                                  (with no argument, on the copy of data/samples
#                                                  the welcome page makes, never data/samples)
#   build-aux/quickstart.sh test                   install what is missing, build, run every test
#                                                  in build/ and again in the sanitizer build
#                                                  build-asan/; the last line printed is
#                                                  "N passed, N failed[, N skipped]"
#
# Missing Debian packages are installed with apt-get (through sudo when not root).
set -euo pipefail

# Everything the build, the tests, the packaging checks and the sanitizer build need.
DEBIAN_PACKAGES=(
  # build
  gcc meson ninja-build pkg-config gettext libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libxml2-dev libpango1.0-dev
  # packaging checks
  desktop-file-utils appstream flatpak-builder
  # headless GUI tests: X server, session bus, AT-SPI, input and screenshots
  xvfb xauth dbus at-spi2-core gir1.2-atspi-2.0 python3 python3-gi python3-jsonschema
  # the consumer tests read dataset cards with PyYAML, as the datasets library does
  python3-yaml
  # the merge driver test runs real git merges
  git
  xdotool imagemagick
  # GNOME's interface font, and emoji and non-Latin scripts rendered as users see them
  fonts-cantarell fonts-dejavu-core fonts-noto-color-emoji
  # sanitizers and fuzzing
  clang libclang-rt-14-dev
)

# Every test runs in its own Xvfb + D-Bus session; meson names the JSON log after the wrapper.
HEADLESS_WRAPPER=run-headless.sh
TEST_LOG=testlog-$HEADLESS_WRAPPER.json

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$top"

usage() {
  sed -n '4,12s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

install_missing_packages() {
  local missing=() pkg
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "quickstart: not a Debian-based system; make sure the equivalents of these are installed:" >&2
    echo "  ${DEBIAN_PACKAGES[*]}" >&2
    return 0
  fi
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "quickstart: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# setup_build DIR [MESON_OPTION...]: configure DIR, or reconfigure it when it already exists.
setup_build() {
  local dir=$1
  shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    # --reconfigure keeps the dir; a dir made by an incompatible meson version needs --wipe.
    meson setup --reconfigure "$dir" "$@" || meson setup --wipe "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

# run_suite DIR [MESON_TEST_OPTION...]: build DIR and run all its tests, each in its own
# Xvfb + D-Bus session. Test failures do not stop the script: they are counted at the end.
# Returns 1 when DIR did not build.
run_suite() {
  local dir=$1
  shift
  # A stale log from an earlier run must not be counted if this run never gets to write one.
  rm -f "$dir/meson-logs/$TEST_LOG"
  if ! meson compile -C "$dir"; then
    return 1
  fi
  meson test -C "$dir" --no-rebuild --print-errorlogs \
    --wrapper "$top/tests/$HEADLESS_WRAPPER" "$@" || true
}

# count_results BUILD_DIR...: print a line per build and, last, the total
# "N passed, N failed[, N skipped]"; fail when a test failed, a build did not produce a test
# log, or no test ran at all.
count_results() {
  TEST_LOG=$TEST_LOG /usr/bin/python3 - "$@" <<'PY'
import json
import os
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}
# Everything else (FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS, INTERRUPT, ...) is a failure.

total = {"passed": 0, "failed": 0, "skipped": 0}
for build in sys.argv[1:]:
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    log = os.path.join(build, "meson-logs", os.environ["TEST_LOG"])
    if not os.path.exists(log):
        print(f"{build}: no test log (the build failed or no test ran), counted as 1 failed")
        counts["failed"] += 1
    else:
        with open(log, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                result = json.loads(line).get("result", "ERROR")
                if result in PASSED:
                    counts["passed"] += 1
                elif result in SKIPPED:
                    counts["skipped"] += 1
                else:
                    counts["failed"] += 1
        print(f"{build}: {counts['passed']} passed, {counts['failed']} failed, "
              f"{counts['skipped']} skipped")
    for key in total:
        total[key] += counts[key]

line = f"{total['passed']} passed, {total['failed']} failed"
if total["skipped"]:
    line += f", {total['skipped']} skipped"
print(line, flush=True)
sys.exit(1 if total["failed"] or total["passed"] == 0 else 0)
PY
}

cmd_run() {
  install_missing_packages
  setup_build build
  meson compile -C build
  if [ ! -x build/src/gui/glossator ]; then
    echo "quickstart: build/src/gui/glossator was not built (configured with -Dgui=false?)" >&2
    exit 1
  fi
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "quickstart: built build/src/gui/glossator, but there is no display to open it on" >&2
    exit 1
  fi
  # Tagging autosaves: the samples are edited in the user's copy
  # ($XDG_DATA_HOME/glossator/sample-corpus), not in the tracked files.
  if [ $# -eq 0 ]; then
    set -- --open-samples
  fi
  GSETTINGS_SCHEMA_DIR="$top/build/data" GLOSSATOR_SAMPLES_DIR="${GLOSSATOR_SAMPLES_DIR:-$top/data/samples}" \
    exec "$top/build/src/gui/glossator" "$@"
}

# The sanitizer build: ASan + UBSan with the same tests.
# GL off: faster under ASan and no Mesa allocations reported as leaks. UBSan halts so that its
# reports fail the test instead of only being printed. G_SLICE: let ASan see GLib's slices.
run_asan_suite() {
  setup_build build-asan -Db_sanitize=address,undefined -Dbuildtype=debug || return 1
  ASAN_OPTIONS=detect_stack_use_after_return=1:detect_leaks=1:fast_unwind_on_malloc=0 \
  LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  GDK_DEBUG=gl-disable \
  G_SLICE=always-malloc \
    run_suite build-asan --timeout-multiplier 3
}

cmd_test() {
  install_missing_packages
  # A build that fails to configure or compile has no test log and is counted as a failure;
  # the other build still runs.
  { setup_build build && run_suite build; } || echo "quickstart: build/ did not build" >&2
  run_asan_suite || echo "quickstart: build-asan/ did not build" >&2
  count_results build build-asan
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; [ $# -eq 0 ] || usage; cmd_test ;;
  *) usage ;;
esac
