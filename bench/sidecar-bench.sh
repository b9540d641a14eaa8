#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sidecar load/save against json-glib's bare parse/generate and CPython's
# json.load/json.dump (compact) of the same file, in one run, each in its own
# process (median of RUNS): wall and CPU seconds (on a shared machine CPU
# time varies far less), peak RSS. The goals (issue #16): load <= 0.6x the
# bare parse, peak RSS of the load <= 2x the file's size.
# Usage: bench/sidecar-bench.sh BENCH_BINARY [N_MENTIONS]
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
t, c = time.monotonic(), time.process_time()
doc = json.loads(data)
elapsed, cpu = time.monotonic() - t, time.process_time() - c
if mode == "py-dump":
    t, c = time.monotonic(), time.process_time()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    elapsed, cpu = time.monotonic() - t, time.process_time() - c
print(mode, "%.3f" % elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "%.3f" % cpu)
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
  done | awk -v n="$runs" '
    { for (i = 2; i <= 4; i++) v[i, NR] = $i }
    END {
      # The median of each column on its own.
      for (i = 2; i <= 4; i++) {
        for (a = 1; a <= n; a++) col[a] = v[i, a]
        for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (col[b] + 0 < col[a] + 0) { t = col[a]; col[a] = col[b]; col[b] = t }
        m[i] = col[int((n + 1) / 2)]
      }
      print $1, m[2], m[3], m[4]
    }'
}

declare -A secs rss cpu
for mode in load bare-parse py-load save bare-generate py-dump; do
  read -r _ s r c < <(measure "$mode")
  secs[$mode]=$s
  rss[$mode]=$r
  cpu[$mode]=$c
done

printf 'load average: %s (%s processors)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf '%-34s %9s %9s %12s\n' "measurement" "seconds" "CPU s" "peak RSS MB"
row() { awk -v l="$1" -v s="${secs[$2]}" -v c="${cpu[$2]}" -v r="${rss[$2]}" 'BEGIN { printf "%-34s %9s %9s %12.1f\n", l, s, c, r / 1024 }'; }
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

awk -v l="${secs[load]}" -v p="${secs[bare-parse]}" -v lc="${cpu[load]}" -v pc="${cpu[bare-parse]}" \
    -v s="${secs[save]}" -v d="${secs[py-dump]}" -v r="${rss[load]}" -v f="$(stat -c %s "$sidecar")" 'BEGIN {
  printf "\nload / json-glib parse = %.2f wall, %.2f CPU (goal <= 0.6)\n", l / p, lc / pc
  printf "load peak RSS / file   = %.2f (goal <= 2)\n", r * 1024 / f
  printf "save / python dump     = %.2f (goal <= 1.00)\n", s / d
}'
