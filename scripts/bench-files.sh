#!/usr/bin/env bash
# `files dump` of a large DBF against `cat` of the same file (docs/performance.md, "File readers").
# Writes a DBF of MB megabytes (default 200) once under $BENCH_CACHE, then, three times each,
# interleaved: `cat FILE >/dev/null` and `konektosync files dump FILE >/dev/null` (the single file
# scripts/install.sh builds, installed under $BENCH_CACHE/build; best wall time,
# and user + system CPU of the best run), and the dump inside one process (`KonektoSync.Benchmarks
# dump`: best of five, bytes allocated per row). Prints a table with the ratio to cat; exits 1 when
# the dump takes more than 2x cat plus the time of writing its CSV (`cat` of the CSV to /dev/null).
# A measurement for a person or a scheduled job, never part of .ci/run.
#   scripts/bench-files.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-200}"
cache="${BENCH_CACHE:-/var/tmp/konektosync-bench}"
mkdir -p "$cache"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: run scripts/install-deps.sh" >&2; exit 2; }
# konektosync as users run it: the self-contained single file of scripts/install.sh, published into the
# cache once per run
scripts/install.sh --prefix "$cache/build" >"$cache/build.log" 2>&1 || { echo "publishing failed: $cache/build.log" >&2; exit 1; }
dotnet build Tests/KonektoSync.Benchmarks -c Release -v q -nologo >/dev/null
ks=("$cache/build/bin/konektosync")
bench=(dotnet "$PWD/Tests/KonektoSync.Benchmarks/bin/Release/net10.0/KonektoSync.Benchmarks.dll")
file="$cache/files-$mb.dbf"
[ -f "$file" ] || "${bench[@]}" dbf-file "$file" "$mb"
csv="$cache/files-$mb.csv"
"${ks[@]}" files dump "$file" >"$csv" 2>/dev/null

# best of three: prints "wall user+sys" of the run with the least wall time
best() {
  local out; out=$(mktemp)
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$out.t" "$@" >/dev/null 2>/dev/null
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$out.t" >>"$out"
  done
  sort -n "$out" | head -1
  rm -f "$out" "$out.t"
}
read -r cat_wall cat_cpu < <(best cat "$file")
read -r dump_wall dump_cpu < <(best "${ks[@]}" files dump "$file")
read -r csv_wall csv_cpu < <(best cat "$csv")
read -r start_wall start_cpu < <(best "${ks[@]}" --help)
inproc=$("${bench[@]}" dump "$file")
python3 - "$mb" "$cat_wall" "$cat_cpu" "$dump_wall" "$dump_cpu" "$csv_wall" "$start_wall" "$inproc" <<'PY'
import sys
mb, cat, cat_cpu, dump, dump_cpu, csvw, start = sys.argv[1], *map(float, sys.argv[2:8])
inproc = sys.argv[8]
print(f"| file | cat | files dump | ratio to cat | CPU (user + sys) | CSV written | process start | in process |")
print(f"| --- | --- | --- | --- | --- | --- | --- | --- |")
print(f"| {mb} MB DBF | {cat:.2f} s | {dump:.2f} s | {dump / max(cat, 0.01):.1f}x | {dump_cpu:.2f} s | {csvw:.2f} s (cat of the CSV) | {start:.2f} s (--help) | {inproc} |")
goal = 2 * cat + csvw
if dump > goal:
    print(f"goal missed: files dump {dump:.2f} s > 2x cat + CSV {goal:.2f} s")
    sys.exit(1)
PY
