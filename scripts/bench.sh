#!/usr/bin/env bash
# Runs the benchmarks and prints, per benchmark, its time and memory as a ratio to the baseline
# measured in the same run (e.g. a reader against reading the same file's bytes raw).
#   scripts/bench.sh                 all benchmarks
#   scripts/bench.sh '*Paradox*'     a filter (BenchmarkDotNet glob)
#   QUICK=1 scripts/bench.sh         a short job (fewer iterations), for a first look
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-*}"
job=()
[ "${QUICK:-0}" = "1" ] && job=(--job short)
out=$(mktemp -d)
dotnet run -c Release --project Tests/KonektoSync.Benchmarks -- \
  --filter "$filter" "${job[@]}" --exporters csv --artifacts "$out" >"$out/run.log" 2>&1 || { tail -40 "$out/run.log"; exit 1; }
for f in "$out"/results/*-report.csv; do
  echo "== $(basename "$f" -report.csv)"
  /usr/bin/python3 - "$f" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=","))
if not rows: sys.exit()
stats = ("Mean", "Ratio", "Allocated", "Alloc Ratio")
params = [c for c in rows[0] if c not in stats and c != "Method" and len({r[c] for r in rows}) > 1
          and c not in ("Error", "StdDev", "Median", "RatioSD", "Gen0", "Gen1", "Gen2", "Min", "Max", "Op/s")]
cols = ["Method"] + params + [c for c in stats if c in rows[0]]
w = {c: max(len(c), *(len(r[c]) for r in rows)) for c in cols}
print("  ".join(c.ljust(w[c]) for c in cols))
for r in rows: print("  ".join(r[c].ljust(w[c]) for c in cols))
PY
done
echo "(full results in $out/results)"
