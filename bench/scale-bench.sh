#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Large sidecars: one article with 100,000, 400,000 and 1,000,000 mentions
# laid out four ways (spread along the text; all on one span; all from one
# start to different ends; spread but listed in two passes), each loaded by glossator_sidecar_load, checked by
# `glossator-cli validate` and exported by `glossator-cli export --to jsonl`
# and `--to conll`, next to json-glib's bare parse (json_parser_new ()) of
# the same file; each in its own process: wall and CPU time, peak RSS
# (median of RUNS), time per mention and the ratio of times between the
# largest and smallest size (linear: the ratio of the sizes, 10 for
# 1,000,000 / 100,000). CPU time says more than wall time on a busy
# machine; the load average is printed before each layout and at the end.
# A step that takes longer than TIMEOUT seconds (default 600) is stopped and
# shown as such.
# Usage: bench/scale-bench.sh SCALE_BENCH GLOSSATOR_CLI [N_MENTIONS…]
set -euo pipefail
bench=${1:?usage: scale-bench.sh SCALE_BENCH GLOSSATOR_CLI [N_MENTIONS…]}
cli=${2:?}
shift 2
if [ $# -gt 0 ]; then
  sizes=("$@")
else
  sizes=(100000 400000 1000000)
fi
runs=${RUNS:-1}
limit=${TIMEOUT:-600}
layouts=${LAYOUTS:-spread shared nested appended}
dir=$(mktemp -d -t glossator-scale-bench-XXXXXX)
trap 'rm -rf "$dir"' EXIT

printf 'load average before: %s (%s processors)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf 'runs: %s (median shown), time limit: %s s a step\n\n' "$runs" "$limit"

# Each prints "SECONDS CPU_SECONDS MAXRSS_KB" of one run, "- - -" past the
# time limit and "! ! !" when it failed (its output goes to standard error).
timed() {
  if /usr/bin/time -f '%e %U %S %M' -o "$dir/time" timeout "$limit" "$@" >"$dir/out" 2>&1; then
    tail -n 1 "$dir/time" | awk '{ print $1, $2 + $3, $4 }'
  elif grep -q '^Command exited with non-zero status 124' "$dir/time"; then
    echo "- - -"
  else
    printf 'failed: %s\n' "$*" >&2
    head -c 2000 "$dir/out" >&2
    echo "! ! !"
  fi
}

# load and bare-parse time the call alone, not the process's start or the
# article's read.
inner() {
  local status=0
  timeout "$limit" "$bench" "$@" >"$dir/out" || status=$?
  case $status in
    0) cut -d' ' -f2- "$dir/out" ;;
    124) echo "- - -" ;;
    *) printf 'failed: %s %s\n' "$bench" "$*" >&2; echo "! ! !" ;;
  esac
}

measure() {
  for _ in $(seq "$runs"); do
    "$@"
  done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }'
}

label() {
  case $1 in
    bare) echo "json-glib bare parse" ;;
    load) echo "glossator_sidecar_load" ;;
    validate) echo "glossator-cli validate" ;;
    jsonl) echo "glossator-cli export --to jsonl" ;;
    conll) echo "glossator-cli export --to conll" ;;
  esac
}

first=${sizes[0]}
last=${sizes[${#sizes[@]}-1]}
steps="bare load validate jsonl conll"
declare -A secs cpu rss mb
for layout in $layouts; do
  printf '%s (load average %s):' "$layout" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for n in "${sizes[@]}"; do
    c=$dir/$layout-$n
    key=$layout-$n
    mkdir -p "$c"
    "$bench" generate "$c" "$n" "$layout"
    mb[$key]=$(du -m "$c/article.txt.annotations.json" | cut -f1)
    printf ' %s mentions %s MB;' "$n" "${mb[$key]}"
    read -r secs[bare-$key] cpu[bare-$key] rss[bare-$key] < <(measure inner bare-parse "$c")
    read -r secs[load-$key] cpu[load-$key] rss[load-$key] < <(measure inner load "$c")
    read -r secs[validate-$key] cpu[validate-$key] rss[validate-$key] < \
      <(measure timed "$cli" validate "$c/article.txt")
    read -r secs[jsonl-$key] cpu[jsonl-$key] rss[jsonl-$key] < \
      <(measure timed "$cli" export --to jsonl -q -o "$dir/out.jsonl" "$c/article.txt")
    read -r secs[conll-$key] cpu[conll-$key] rss[conll-$key] < \
      <(measure timed "$cli" export --to conll -q -o "$dir/out.conll" "$c/article.txt")
    rm -rf "$c" "$dir/out.jsonl" "$dir/out.conll"
  done

  printf '\n%-32s %9s %8s %8s %8s %11s %11s\n' "measurement" "mentions" "seconds" "CPU s" "peak MB" \
    "µs/mention" "CPU µs/m."
  for step in $steps; do
    for n in "${sizes[@]}"; do
      awk -v l="$(label "$step")" -v n="$n" -v s="${secs[$step-$layout-$n]}" -v c="${cpu[$step-$layout-$n]}" \
          -v r="${rss[$step-$layout-$n]}" -v lim="$limit" 'BEGIN {
        if (s == "-") printf "%-32s %9d %8s\n", l, n, "> " lim
        else if (s == "!") printf "%-32s %9d %8s\n", l, n, "failed"
        else printf "%-32s %9d %8.2f %8.2f %8.1f %11.2f %11.2f\n", l, n, s, c, r / 1024, s * 1e6 / n, c * 1e6 / n
      }'
    done
  done
  if [ "$first" != "$last" ]; then
    for what in seconds CPU; do
      printf '%s, %s / %s mentions (linear: %s):' "$what" "$last" "$first" \
        "$(awk -v a="$last" -v b="$first" 'BEGIN { printf "%.1f", a / b }')"
      for step in $steps; do
        if [ $what = seconds ]; then
          a=${secs[$step-$layout-$last]} b=${secs[$step-$layout-$first]}
        else
          a=${cpu[$step-$layout-$last]} b=${cpu[$step-$layout-$first]}
        fi
        awk -v l="$step" -v a="$a" -v b="$b" 'BEGIN {
          if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) printf " %s -", l
          else printf " %s %.1f", l, a / b
        }'
      done
      printf '\n'
    done
  fi
  printf '\n'
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
