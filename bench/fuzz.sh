#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the libFuzzer harnesses of tests/fuzz/:
#
#   bench/fuzz.sh [--merge] [--keep-going] [MINUTES] [HARNESS...]
#
# Configures a clang fuzzing build in build-fuzz/ when there is none
# (CC=clang meson setup build-fuzz -Dgui=false -Dfuzzing=true), builds it
# (ninja -j"${JOBS:-1}"), then runs each harness (all of them by default) for
# MINUTES minutes (default 2), one after the other, on a scratch copy of its
# seeds in tests/fuzz/corpus/HARNESS/. New inputs stay in the scratch copy
# unless --merge is given: then those that add coverage are merged into
# tests/fuzz/corpus/HARNESS/. Crash inputs go to build-fuzz/fuzz-crashes/HARNESS/
# and the log to build-fuzz/fuzz-logs/HARNESS.log. libFuzzer stops a harness at
# its first crash; --keep-going starts it again until its time is up.
#
# Prints per harness the executions, executions per second, corpus size and
# crashes found; exits 1 when a harness crashed, 2 on usage errors.
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
build=$top/build-fuzz
all=(sidecar sidecar-mentions schema brat doccano label-studio conll jsonl hf-jsonl)

usage() {
  sed -n '4,20s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

merge=false
keep_going=false
minutes=2
harnesses=()
for arg in "$@"; do
  case $arg in
    --merge) merge=true ;;
    --keep-going) keep_going=true ;;
    -h|--help) usage ;;
    -*) echo "fuzz.sh: unknown option $arg" >&2; usage ;;
    *)
      if [ ${#harnesses[@]} -eq 0 ] && [[ $arg =~ ^[0-9]+([.][0-9]+)?$ ]]; then
        minutes=$arg
      elif [[ " ${all[*]} " == *" $arg "* ]]; then
        harnesses+=("$arg")
      else
        echo "fuzz.sh: no harness $arg (there are: ${all[*]})" >&2
        exit 2
      fi
      ;;
  esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60); print (s < 1 ? 1 : s) }')

if [ ! -f "$build/meson-private/coredata.dat" ]; then
  CC=clang meson setup "$build" "$top" -Dgui=false -Dfuzzing=true
fi
ninja -C "$build" -j"${JOBS:-1}" $(printf 'tests/fuzz/fuzz-%s ' "${harnesses[@]}")

# UBSan reports stop the run like ASan's; GLib's slices go through malloc so
# ASan sees them; the harnesses make their own log handlers. No leak checks
# here: the sidecar reader frees its parse tree on a worker thread after
# returning, so libFuzzer would run LeakSanitizer after every input (15 times
# slower), and GLib's frames defeat the fast unwinder the suppressions of
# json-glib's own leak need. The ASan build's replays check for leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_stack_use_after_return=1:detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_SLICE=always-malloc
unset G_DEBUG

mkdir -p "$build/fuzz-logs"
# In memory when there is a place for it: the schema harness saves with fsync.
shm=/dev/shm
[ -d "$shm" ] && [ -w "$shm" ] || shm=${TMPDIR:-/tmp}
scratch_root=$(mktemp -d "$shm/glossator-fuzz-corpus-XXXXXX")
trap 'rm -rf "$scratch_root"' EXIT
# The harnesses' own temporary files, left behind by a crash.
export TMPDIR=$scratch_root/tmp
mkdir -p "$TMPDIR"

total_crashes=0
report=()
for name in "${harnesses[@]}"; do
  seeds=$top/tests/fuzz/corpus/$name
  scratch=$scratch_root/$name
  artifacts=$build/fuzz-crashes/$name
  log=$build/fuzz-logs/$name.log
  mkdir -p "$scratch" "$artifacts"
  cp -r "$seeds/." "$scratch/"
  before=$(find "$artifacts" -maxdepth 1 -type f | wc -l)

  args=(-rss_limit_mb=2048 -timeout=10 -max_len=65536 -detect_leaks=0 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  echo "fuzz.sh: $name for ${seconds}s (log: $log)"
  : >"$log"
  execs=0
  status=0
  start=$SECONDS
  # libFuzzer stops at the first crash; with --keep-going it is started again
  # on the corpus grown so far until the time is up (at most 20 times).
  for ((round = 1; ; round++)); do
    left=$((seconds - (SECONDS - start)))
    [ "$left" -gt 0 ] || break
    round_status=0
    (cd "$scratch_root" && "$build/tests/fuzz/fuzz-$name" "${args[@]}" -max_total_time="$left" "$scratch") \
      >>"$log" 2>&1 || round_status=$?
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    execs=$((execs + ${n:-0}))
    # Told apart from the statistics of the next round.
    sed -i 's/^stat::/round-stat::/' "$log"
    [ "$round_status" -eq 0 ] || status=$round_status
    if [ "$round_status" -eq 0 ] || ! $keep_going || [ "$round" -ge 20 ]; then
      break
    fi
  done
  elapsed=$((SECONDS - start))
  rate=$((execs / (elapsed > 0 ? elapsed : 1)))
  corpus_files=$(find "$scratch" -type f | wc -l)
  corpus_size=$(du -sk "$scratch" | cut -f1)
  crashes=$(( $(find "$artifacts" -maxdepth 1 -type f | wc -l) - before ))
  if [ "$crashes" -eq 0 ] && [ "$status" -ne 0 ]; then
    # Died without leaving an input (a crash libFuzzer could not catch).
    crashes=1
  fi
  total_crashes=$((total_crashes + crashes))

  if $merge; then
    "$build/tests/fuzz/fuzz-$name" -merge=1 -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      "$seeds" "$scratch" >>"$log" 2>&1 || true
  fi

  line=$(printf '%-14s %10s execs %7s exec/s  corpus %4s files (%s KiB)  crashes %s' \
         "$name" "${execs:-?}" "${rate:-?}" "$corpus_files" "$corpus_size" "$crashes")
  if [ "$crashes" -gt 0 ]; then
    line+="  → $artifacts/ (see $log)"
  fi
  report+=("$line")
  echo "$line"
done

echo
echo "fuzz.sh: ${seconds}s per harness"
printf '%s\n' "${report[@]}"
if $merge; then
  echo "fuzz.sh: new inputs that add coverage were merged into tests/fuzz/corpus/"
fi
if [ "$total_crashes" -gt 0 ]; then
  echo "fuzz.sh: $total_crashes crash(es); copy each input into tests/fuzz/crashes/HARNESS/ once fixed"
  exit 1
fi
