#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sidecar load/save against json-glib's bare parse/generate and CPython's
# json.load/json.dump (compact) of the same file, in one run, each in its own
# process (median of RUNS). Usage: bench/sidecar-bench.sh BENCH_BINARY [N_MENTIONS]
set -euo pipefail
bin=${1:?usage: sidecar-bench.sh BENCH_BINARY [N_MENTIONS]}
mentions=${2:-100000}
runs=${RUNS:-3}
dir=$(mktemp -d -t glossator-bench-XXXXXX)
trap 'rm -rf "$dir"' EXIT

"$bin" generate "$dir" "$mentions"
sidecar="$dir/article.txt.annotations.json"
printf 'sidecar: %s bytes\n\n' "$(stat -c %s "$sidecar")"

python_mode() {
  /usr/bin/python3 - "$1" "$sidecar" "$dir/py.json" <<'PY'
import json, resource, sys, time
mode, path, out = sys.argv[1:]
with open(path, encoding="utf-8") as f:
    data = f.read()
t = time.monotonic()
doc = json.loads(data)
elapsed = time.monotonic() - t
if mode == "py-dump":
    t = time.monotonic()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    elapsed = time.monotonic() - t
print(mode, "%.3f" % elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
PY
}

measure() {
  local mode=$1 line
  for _ in $(seq "$runs"); do
    case $mode in
      py-*) line=$(python_mode "$mode") ;;
      *) line=$("$bin" "$mode" "$dir") ;;
    esac
    echo "$line"
  done | sort -k2 -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }'
}

declare -A secs rss
for mode in load bare-parse py-load save bare-generate py-dump; do
  read -r _ s r < <(measure "$mode")
  secs[$mode]=$s
  rss[$mode]=$r
done

printf '%-34s %9s %12s\n' "measurement" "seconds" "peak RSS MB"
row() { awk -v l="$1" -v s="${secs[$2]}" -v r="${rss[$2]}" 'BEGIN { printf "%-34s %9s %12.1f\n", l, s, r / 1024 }'; }
row "glossator load (parse+model+index)" load
row "json-glib bare parse" bare-parse
row "python3 json.load" py-load
row "glossator save (serialise+write)" save
row "json-glib bare generate" bare-generate
row "python3 json.dump (compact)" py-dump

queries=$("$bin" query "$dir")
qi=$(awk '$1 == "query-index" { print $2 }' <<<"$queries")
qs=$(awk '$1 == "query-scan" { print $2 }' <<<"$queries")
printf '\n10,000 queries (mentions at an offset / in a 200-code-point range):\n'
printf '  interval index %s s, linear scan %s s\n' "$qi" "$qs"

awk -v l="${secs[load]}" -v p="${secs[bare-parse]}" -v s="${secs[save]}" -v d="${secs[py-dump]}" 'BEGIN {
  printf "\nload / json-glib parse = %.2f (goal <= 1.25)\n", l / p
  printf "save / python dump     = %.2f (goal <= 1.00)\n", s / d
}'
