#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Corpus export in one run: glossator-cli export to jsonl and conll, next to
# export-python.py doing the same conversion, json-glib's bare single-threaded
# parse of the same sidecars and cat of the inputs; each in its own process,
# wall time and peak RSS from /usr/bin/time (median of RUNS). The same on a
# quarter of the corpus shows whether memory stays flat as it grows. The
# conll export and the bare parse also run pinned to one core (taskset), as
# when another process has the other: the export's single-threaded cost.
# `glossator-cli validate` of the corpus (one thread, as the bare parse) is
# timed too: goal <= 0.7x the bare parse (issue #16). CPU seconds are shown
# beside wall time: on a shared machine they vary far less.
# Usage: bench/export-bench.sh EXPORT_BENCH GLOSSATOR_CLI EXPORT_PYTHON [N_DOCS]
set -euo pipefail
bench=${1:?usage: export-bench.sh EXPORT_BENCH GLOSSATOR_CLI EXPORT_PYTHON [N_DOCS]}
cli=${2:?}
python_script=${3:?}
docs=${4:-10000}
runs=${RUNS:-3}
dir=$(mktemp -d -t glossator-export-bench-XXXXXX)
trap 'rm -rf "$dir"' EXIT

small=$((docs / 4))
"$bench" generate "$dir/big" "$docs" $((docs * 50)) $((docs * 2))
"$bench" generate "$dir/small" "$small" $((small * 50)) $((small * 2))
printf 'corpus: %s documents, %s MB of articles and sidecars\n\n' "$docs" \
  "$(du -sm "$dir/big" | cut -f1)"

# Prints "SECONDS MAXRSS_KB CPU_SECONDS" of one run of the command.
timed() {
  /usr/bin/time -f '%e %M %U %S' -o "$dir/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$dir/time" | awk '{ print $1, $2, $3 + $4 }'
}

measure() {
  for _ in $(seq "$runs"); do
    timed "$@"
  done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }'
}

declare -A secs rss cpu
run() {
  local key=$1
  shift
  read -r secs[$key] rss[$key] cpu[$key] < <(measure "$@")
}

for size in big small; do
  c=$dir/$size
  run "cat-$size" sh -c "find '$c' -type f -print0 | sort -z | xargs -0 cat"
  run "bare-$size" "$bench" bare-parse "$c"
  run "jsonl-$size" "$cli" export --to jsonl -o "$dir/out.jsonl" "$c"
  run "conll-$size" "$cli" export --to conll -o "$dir/out.conll" "$c"
  run "validate-$size" "$cli" validate "$c"
  run "py-jsonl-$size" /usr/bin/python3 "$python_script" jsonl "$c" "$dir/py.jsonl"
  run "py-conll-$size" /usr/bin/python3 "$python_script" conll "$c" "$dir/py.conll"
done

one_core=
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
  one_core=1
  run "conll-1cpu" taskset -c 0 "$cli" export --to conll -o "$dir/out.conll" "$dir/big"
  run "bare-1cpu" taskset -c 0 "$bench" bare-parse "$dir/big"
fi

printf 'load average: %s (%s processors)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf '%-44s %9s %9s %12s %12s\n' "measurement ($docs documents)" "seconds" "CPU s" "peak RSS MB" "RSS at 1/4"
row() {
  awk -v l="$1" -v s="${secs[$2-big]}" -v c="${cpu[$2-big]}" -v r="${rss[$2-big]}" -v q="${rss[$2-small]}" \
    'BEGIN { printf "%-44s %9.2f %9.2f %12.1f %12.1f\n", l, s, c, r / 1024, q / 1024 }'
}
row "cat of articles and sidecars" cat
row "json-glib bare parse (1 thread)" bare
row "glossator-cli export --to jsonl" jsonl
row "glossator-cli export --to conll" conll
row "glossator-cli validate" validate
row "python3 export-python.py jsonl" py-jsonl
row "python3 export-python.py conll" py-conll

awk -v j="${secs[jsonl-big]}" -v c="${secs[conll-big]}" -v pj="${secs[py-jsonl-big]}" \
    -v pc="${secs[py-conll-big]}" -v b="${secs[bare-big]}" 'BEGIN {
  printf "\njsonl / python = %.2f (goal <= 0.70)   jsonl / bare parse = %.2f (goal <= 1.30)\n", j / pj, j / b
  printf "conll / python = %.2f (goal <= 0.70)   conll / bare parse = %.2f (goal <= 1.30)\n", c / pc, c / b
}'
awk -v v="${secs[validate-big]}" -v b="${secs[bare-big]}" -v vc="${cpu[validate-big]}" -v bc="${cpu[bare-big]}" 'BEGIN {
  printf "validate / bare parse = %.2f wall, %.2f CPU (goal <= 0.70)\n", v / b, vc / bc
}'
if [ -n "$one_core" ]; then
  awk -v c="${secs[conll-1cpu]}" -v b="${secs[bare-1cpu]}" 'BEGIN {
    printf "on one core: conll %.2f s, bare parse %.2f s, conll / bare parse = %.2f (goal <= 1.30)\n", c, b, c / b
  }'
fi
awk -v a="${rss[jsonl-big]}" -v b="${rss[jsonl-small]}" -v c="${rss[conll-big]}" -v d="${rss[conll-small]}" 'BEGIN {
  printf "peak RSS, full corpus / quarter: jsonl %.2f, conll %.2f (flat: about 1)\n", a / b, c / d
}'
