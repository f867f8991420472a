#!/usr/bin/env bash
# The sync at office scale (docs/performance.md). For each size, in one run on the same machine:
#   raw read   a forward-only FirebirdClient reader, one query per table, the rows a sync reads
#              (Tests/KonektoSync.Benchmarks, `raw`)
#   native     the engine's own client dumping the same rows to /dev/null: isql-fb (Firebird), psql \copy
#              (PostgreSQL), mariadb --batch (MariaDB), cat of the files (DBF)
#   full sync  `konektosync sync` into a new data folder (peak RSS from /usr/bin/time -v); konektosync is
#              the build users run, scripts/install.sh's single file, installed under $BENCH_CACHE/build
#   no change  the same sync again
#   1 % change the same sync after about 1 % of the declarations' and reports' amounts changed
#              (every hundredth row: scattered over nearly every firm)
#   1 % firms  the same sync after every value of the latest month of 1 % of the firms changed
#              (their declarations, ZUS and trial balance, and their Fakt reports: an office editing
#              a few firms a day); only those firms are read (change markers per firm)
#   fingerprint  the per-firm aggregate queries alone (isql-fb), as the sync runs them before a read
# and prints a table of times and ratios. Exits 1 when a goal ratio of issue 9 is missed (it is a
# measurement for a person or a scheduled job, never part of .ci/run). The sample offices are
# written once and cached under $BENCH_CACHE: Firebird by `konektosync demo --firms N --years Y` (Raks
# and Fakt), the other engines by `KonektoSync.Benchmarks engine-office` with one program each
# (postgres: Optima on the PostgreSQL stand-in; mariadb: enova365; dbf: Buchalter's folders), whose
# databases are named bench_<program>_<firms>_<months>_* and written anew when the office is.
#   scripts/bench-sync.sh [--firms 500,2000,5000] [--months 36] [--engines firebird,postgres,mariadb,dbf]
# Other work on the machine changes the seconds: read the ratios, which are measured in one run.
set -euo pipefail
# the cached offices and logs hold the demo panel's login, printed once by the demo: private to this user
umask 077
cd "$(dirname "$0")/.."
sizes="500,2000"
months=12
engines=firebird
while [ $# -gt 0 ]; do
  case "$1" in
    --firms) sizes="$2"; shift 2 ;;
    --months) months="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    *) echo "usage: scripts/bench-sync.sh [--firms 500,2000,5000] [--months 36] [--engines firebird,postgres,mariadb,dbf]" >&2; exit 2 ;;
  esac
done
years=$(( (months + 11) / 12 ))
last=2025
first=$(( last - years + 1 ))
cache="${BENCH_CACHE:-/var/tmp/konektosync-bench}"
mkdir -p "$cache" && chmod 700 "$cache"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: run scripts/install-deps.sh" >&2; exit 2; }

# konektosync as users run it: the self-contained single file of scripts/install.sh, published into the
# cache once per run; the raw read and the sample writers are the benchmark project's
scripts/install.sh --prefix "$cache/build" >"$cache/build.log" 2>&1 || { echo "publishing failed: $cache/build.log" >&2; exit 1; }
dotnet build Tests/KonektoSync.Benchmarks -c Release -v q -nologo >/dev/null
ks=("$cache/build/bin/konektosync")
bench=(dotnet "$PWD/Tests/KonektoSync.Benchmarks/bin/Release/net10.0/KonektoSync.Benchmarks.dll")
raw=("${bench[@]}" raw)
export PGPASSWORD=konekto
pg=(psql -h 127.0.0.1 -U konekto -q -At)
my=(mariadb -h 127.0.0.1 -u konekto -pkonekto)

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

# the office of an engine: its folder, written once (Firebird by the demo, the others by engine-office and
# configured into $office/data with the commands a person would type)
office_of() {
  local engine="$1" n="$2"
  if [ "$engine" = firebird ]; then office="$cache/office-$n-$months"; else office="$cache/office-$engine-$n-$months"; fi
  [ -f "$office/.complete" ] && return 0
  rm -rf "$office"
  echo "writing a sample office ($engine) of $n firms, $months months into $office (once) ..." >&2
  if [ "$engine" = firebird ]; then
    "${ks[@]}" demo --folder "$office" --firms "$n" --years "$years" --year "$last" >"$cache/demo-$n-$months.log" 2>&1 || true
    [ -f "$office/data/konektosync.json" ] || { echo "demo failed: $cache/demo-$n-$months.log" >&2; exit 1; }
  else
    local log="$cache/office-$engine-$n-$months.log" settings
    "${bench[@]}" engine-office "$engine" "$office" "$n" "$first" "$years" >"$office.settings" 2>"$log" \
      || { echo "engine-office failed: $log" >&2; exit 1; }
    mapfile -t settings <"$office.settings"
    local d=(--data-dir "$office/data") pw=()
    [ "$engine" = dbf ] || pw=(--password-file "$office/password")
    { "${ks[@]}" init --force "${d[@]}" \
        && "${ks[@]}" programs set "${settings[@]}" "${pw[@]}" "${d[@]}" \
        && "${ks[@]}" programs check "${d[@]}" \
        && "${ks[@]}" firms select --all "${d[@]}"; } >>"$log" 2>&1 || { echo "configuring failed: $log" >&2; exit 1; }
  fi
  touch "$office/.complete"
}

# the raw read of an office; prints "rows seconds"
raw_read() {
  local engine="$1" n="$2"
  if [ "$engine" = firebird ]; then "${raw[@]}" "$office" "$first" "$last"
  else "${bench[@]}" engine-raw "$engine" "$office" "$n" "$months"; fi
}

# the databases of an engine's office
bench_databases() {
  local prefix="bench_$1_$2_${months}"
  case "$3" in
    postgres) "${pg[@]}" -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '${prefix}\_%' ORDER BY 1" ;;
    mariadb) "${my[@]}" -N -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '${prefix}\_%' ORDER BY 1" ;;
  esac
}

# the engine's own client reading every table of the office to /dev/null (the native dump)
native_dump() {
  local engine="$1" n="$2" db
  case "$engine" in
    firebird) isql_dump "$office" ;;
    postgres)
      for db in $(bench_databases optima "$n" postgres); do
        "${pg[@]}" -d "$db" -c "SELECT format('\copy %I.%I TO /dev/null', table_schema, table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')" \
          | "${pg[@]}" -d "$db" >/dev/null
      done ;;
    mariadb)
      for db in $(bench_databases enova365 "$n" mariadb); do
        "${my[@]}" -N -e "SELECT CONCAT('SELECT * FROM \`', table_name, '\`;') FROM information_schema.tables WHERE table_schema = '$db'" \
          | "${my[@]}" --batch "$db" >/dev/null
      done ;;
    dbf) find "$office/BUCH" -type f -exec cat {} + >/dev/null ;;
  esac
}

# about 1 % of the declarations' amounts changed, on the engines beside Firebird (Firebird: change_one_percent);
# a firm database numbers its declarations from 1 (fewer than 100 a year), so the i-th database changes those
# whose (7 * ID + i) is a multiple of 100: about one in a hundred, spread over the firms
change_engine() {
  local engine="$1" n="$2" db i=0
  case "$engine" in
    postgres)
      for db in $(bench_databases optima "$n" postgres | grep -v '_knf$'); do
        i=$((i + 1))
        "${pg[@]}" -d "$db" -c "UPDATE \"CDN\".\"DeklNag\" SET \"DkN_Kwota\" = \"DkN_Kwota\" + 1 WHERE (7 * \"DkN_DkNID\" + $i) % 100 = 0" >/dev/null
      done ;;
    mariadb)
      for db in $(bench_databases enova365 "$n" mariadb | grep -v '_enova$'); do
        i=$((i + 1))
        "${my[@]}" "$db" -e "UPDATE Deklaracje SET Kwota = Kwota + 1 WHERE MOD(7 * ID + $i, 100) = 0"
      done ;;
    dbf)
      # every hundredth record of the declarations' tables (B5DEKLyy.DBF), counted across the files: KWOTA + 1
      python3 - "$office/BUCH" <<'PY'
import glob, os, struct, sys
k = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "B5DEKL*.DBF"))):
    with open(path, "r+b") as f:
        count, hlen, rlen = struct.unpack("<IHH", f.read(12)[4:12])
        fields, off, pos = {}, 1, 32
        while True:
            f.seek(pos); d = f.read(32)
            if d[0] == 0x0D: break
            fields[d[:11].split(b"\0")[0].decode()] = (off, d[16], d[17]); off += d[16]; pos += 32
        o, length, dec = fields["KWOTA"]
        for i in range(count):
            k += 1
            if k % 100: continue
            f.seek(hlen + i * rlen + o); v = float(f.read(length).strip() or 0) + 1
            f.seek(hlen + i * rlen + o); f.write(f"{v:{length}.{dec}f}".encode())
PY
      ;;
  esac
}

# isql-fb selecting the rows the raw reader selects, one isql-fb per database file
isql_dump() {
  local office="$1" from="$first-01-01" next="$((last + 1))-01-01"
  {
    echo "SELECT NUMBER, TAXID, SHORTNAME, FULL_NAME, STREET, ZIPCODE, PLACE, FIRM_EMAIL_ADDRESS, FIRM_PHONE_NUMBERS, REGON FROM AD_FIRMS;"
    echo "SELECT d.ID, n.NAZWA, d.DATA_DEKLARACJI, d.C_DATE, d.PODATEK, d.NIP FROM R3_DEKLARACJE d JOIN R3_DEFINICJE_DEKLARACJI n ON n.ID = d.ID_DEFINICJI_DEKLARACJI WHERE d.DATA_DEKLARACJI >= '$from' AND d.DATA_DEKLARACJI < '$next';"
  } | isql-fb -user SYSDBA -q "$office/raks/Data/Raks3000.fdb" >/dev/null
  for f in "$office"/raks/Data/F*.fdb; do
    {
      echo "SELECT ID, PLATNIK_NIP, PLATNIK_PESEL, PLATNIK_NAZWA, PLATNIK_TYP, ROK, MIESIAC, EMERYTALNE, RENTOWE, CHOROBOWE, WYPADKOWE, ZDROWOTNE, FP_FS, FGSP, FEP, DO_ZAPLATY FROM KS_ZUS_DRA WHERE ROK BETWEEN $first AND $last;"
      echo "SELECT ROK, MIESIAC, KONTO, NAZWA, BO_WN, BO_MA, OBROTY_WN, OBROTY_MA, NARAST_WN, NARAST_MA, SALDO_WN, SALDO_MA FROM KS_ZOIS WHERE ROK BETWEEN $first AND $last;"
    } | isql-fb -user SYSDBA -q "$f" >/dev/null
  done
  {
    echo "SELECT ID, NIP, NAZWA, ULICA, KOD, MIEJSCOWOSC, EMAIL, TELEFON, REGON FROM FIRMY;"
    echo "SELECT w.ID, w.ID_FIRMY, w.RODZAJ, w.DATA_WYDRUKU, i.KOD, i.ROK, i.MIESIAC, i.KWOTA, i.PLATNIK_NIP, i.PLATNIK_PESEL, i.PLATNIK_NAZWA, i.EMERYTALNE, i.RENTOWE, i.CHOROBOWE, i.WYPADKOWE, i.ZDROWOTNE, i.FP_FS, i.FGSP, i.FEP FROM ARCHIWUM_WYDRUKOW w LEFT JOIN ARCHIWUM_POZYCJE i ON i.ID_WYDRUKU = w.ID WHERE w.OKRES_OD < '$next' AND w.OKRES_DO >= '$from';"
  } | isql-fb -user SYSDBA -q "$office"/fakt/*.FDB >/dev/null
}

# every declaration amount of about 1 % of the firms (the databases whose number ends in 07), on PostgreSQL and MariaDB
change_engine_firms() {
  local engine="$1" n="$2" db i=0
  case "$engine" in
    postgres)
      for db in $(bench_databases optima "$n" postgres | grep -v '_knf$'); do
        i=$((i + 1)); [ $((i % 100)) -eq 7 ] || continue
        "${pg[@]}" -d "$db" -c "UPDATE \"CDN\".\"DeklNag\" SET \"DkN_Kwota\" = \"DkN_Kwota\" + 1" >/dev/null
      done ;;
    mariadb)
      for db in $(bench_databases enova365 "$n" mariadb | grep -v '_enova$'); do
        i=$((i + 1)); [ $((i % 100)) -eq 7 ] || continue
        "${my[@]}" "$db" -e "UPDATE Deklaracje SET Kwota = Kwota + 1"
      done ;;
  esac
}

# changes about 1 % of the amounts (a different 1 % each run is fine: the sync before it has read the current values)
change_one_percent() {
  local office="$1"
  echo "UPDATE R3_DEKLARACJE SET PODATEK = PODATEK + 1 WHERE MOD(ID, 100) = 0; COMMIT;" \
    | isql-fb -user SYSDBA -q "$office/raks/Data/Raks3000.fdb" >/dev/null
  echo "UPDATE ARCHIWUM_POZYCJE SET KWOTA = KWOTA + 1 WHERE MOD(ID, 100) = 0 AND KWOTA IS NOT NULL; COMMIT;" \
    | isql-fb -user SYSDBA -q "$office"/fakt/*.FDB >/dev/null
}

# changes every value of the latest month of the firms whose number (Raks) or id (Fakt) ends in 07: about 1 % of the firms
change_one_percent_of_firms() {
  local office="$1" month="$last-12-01" nip="REPLACE(REPLACE(REPLACE(%s, 'PL', ''), '-', ''), ' ', '')"
  local picked; picked=$(printf "$nip" "TAXID")
  echo "UPDATE R3_DEKLARACJE SET PODATEK = PODATEK + 1 WHERE DATA_DEKLARACJI >= '$month' AND $(printf "$nip" "NIP") IN (SELECT $picked FROM AD_FIRMS WHERE MOD(NUMBER, 100) = 7); COMMIT;" \
    | isql-fb -user SYSDBA -q "$office/raks/Data/Raks3000.fdb" >/dev/null
  for f in "$office"/raks/Data/F*07.fdb; do
    [ -f "$f" ] || continue
    echo "UPDATE KS_ZUS_DRA SET EMERYTALNE = EMERYTALNE + 1 WHERE ROK = $last AND MIESIAC = 12; UPDATE KS_ZOIS SET SALDO_WN = SALDO_WN + 1 WHERE ROK = $last AND MIESIAC = 12; COMMIT;" \
      | isql-fb -user SYSDBA -q "$f" >/dev/null
  done
  echo "UPDATE ARCHIWUM_POZYCJE SET KWOTA = KWOTA + 1 WHERE KWOTA IS NOT NULL AND ID_WYDRUKU IN (SELECT ID FROM ARCHIWUM_WYDRUKOW WHERE MOD(ID_FIRMY, 100) = 7 AND OKRES_DO >= '$month'); COMMIT;" \
    | isql-fb -user SYSDBA -q "$office"/fakt/*.FDB >/dev/null
}

# the per-firm aggregates of the shared databases as QueryText.Fingerprint writes them (Raks declarations, Fakt reports)
fingerprint_queries() {
  local office="$1" from="$first-01-01" next="$((last + 1))-01-01"
  h() { local out="" i=1; for c in "$@"; do out="$out${out:+ + }$i * MOD(COALESCE(HASH($c), 7), 1000003)"; i=$((i + 1)); done; echo "$out"; }
  v() { local out=""; for a in "$@"; do out="$out || ':' || CAST(COALESCE(MAX($a.RDB\$RECORD_VERSION), 0) AS VARCHAR(24))"; done; echo "$out"; }
  echo "SELECT CAST(COUNT(*) AS VARCHAR(20)) || ':' || CAST(COALESCE(SUM($(h d.ID n.NAZWA d.DATA_DEKLARACJI d.C_DATE d.PODATEK)), 0) AS VARCHAR(24)) $(v d n), d.NIP FROM R3_DEKLARACJE d JOIN R3_DEFINICJE_DEKLARACJI n ON n.ID = d.ID_DEFINICJI_DEKLARACJI WHERE d.DATA_DEKLARACJI >= '$from' AND d.DATA_DEKLARACJI < '$next' GROUP BY d.NIP;" \
    | isql-fb -user SYSDBA -q "$office/raks/Data/Raks3000.fdb" >/dev/null
  local fakt="CAST(COUNT(*) AS VARCHAR(20)) || ':' || CAST(COALESCE(SUM($(h w.ID w.RODZAJ w.DATA_WYDRUKU i.KOD i.ROK i.MIESIAC i.KWOTA i.PLATNIK_NIP i.PLATNIK_PESEL i.PLATNIK_NAZWA i.EMERYTALNE i.RENTOWE i.CHOROBOWE i.WYPADKOWE i.ZDROWOTNE i.FP_FS i.FGSP i.FEP)), 0) AS VARCHAR(24)) $(v w i), w.ID_FIRMY FROM ARCHIWUM_WYDRUKOW w LEFT JOIN ARCHIWUM_POZYCJE i ON i.ID_WYDRUKU = w.ID"
  { echo "SELECT $fakt AND i.KOD <> 'ZUS' WHERE w.OKRES_OD < '$next' AND w.OKRES_DO >= '$from' GROUP BY w.ID_FIRMY;"
    echo "SELECT $fakt AND i.KOD = 'ZUS' WHERE w.OKRES_OD < '$next' AND w.OKRES_DO >= '$from' GROUP BY w.ID_FIRMY;"
  } | isql-fb -user SYSDBA -q "$office"/fakt/*.FDB >/dev/null
}

# runs one sync under /usr/bin/time -v; sets elapsed (s) and rss (MB)
timed_sync() {
  local data="$1" log="$2"
  local t0; t0=$(now)
  /usr/bin/time -v -o "$log.time" "${ks[@]}" sync --from "$first-01" --to "$last-12" --kinds zus,taxes,statements \
    --data-dir "$data" >"$log" 2>&1 || true
  elapsed=$(secs "$t0" "$(now)")
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log.time")
}

results="$cache/results-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf "engine\tfirms\tmonths\trows\traw\tisql\tfull\tnochange\tchanged\tfirmschanged\tfingerprint\trss\n" >"$results"
for engine in ${engines//,/ }; do
for n in ${sizes//,/ }; do
  office_of "$engine" "$n"
  read -r rows rawsecs < <(raw_read "$engine" "$n")
  t0=$(now); native_dump "$engine" "$n"; isqlsecs=$(secs "$t0" "$(now)")
  data=$(mktemp -d "$cache/data-$n-XXXXXX")
  cp "$office/data/konektosync.json" "$office/data/secret.key" "$data/" 2>/dev/null || cp "$office/data/konektosync.json" "$data/"
  # the demo wrote the office's folder into the settings: a copied cache (BENCH_CACHE) reads its own copy
  [ "$engine" = firebird ] && sed -i "s#\"[^\"]*/office-$n-$months/#\"$office/#g" "$data/konektosync.json"
  timed_sync "$data" "$cache/full-$engine-$n.log"; full=$elapsed; rss_full=$rss
  timed_sync "$data" "$cache/nochange-$engine-$n.log"; nochange=$elapsed; rss_nochange=$rss
  if [ "$engine" = firebird ]; then change_one_percent "$office"; else change_engine "$engine" "$n"; fi
  timed_sync "$data" "$cache/changed-$engine-$n.log"; changed=$elapsed; rss_changed=$rss
  # 1 % of the firms changed (Firebird, PostgreSQL, MariaDB) and the fingerprint queries alone (Firebird: Raks and Fakt declare fingerprints)
  firmschanged=-; fpsecs=-; rss_firms=0
  if [ "$engine" = firebird ]; then
    change_one_percent_of_firms "$office"
    timed_sync "$data" "$cache/firmschanged-$engine-$n.log"; firmschanged=$elapsed; rss_firms=$rss
    t0=$(now); fingerprint_queries "$office"; fpsecs=$(secs "$t0" "$(now)")
  elif [ "$engine" = postgres ] || [ "$engine" = mariadb ]; then
    change_engine_firms "$engine" "$n"
    timed_sync "$data" "$cache/firmschanged-$engine-$n.log"; firmschanged=$elapsed; rss_firms=$rss
  fi
  rss_max=$(printf "%s\n" "$rss_full" "$rss_nochange" "$rss_changed" "$rss_firms" | sort -n | tail -1)
  rm -rf "$data"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$engine" "$n" "$months" "$rows" "$rawsecs" "$isqlsecs" "$full" "$nochange" \
    "$changed" "$firmschanged" "$fpsecs" "$rss_max" >>"$results"
done
done

python3 - "$results" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
native = {"firebird": "isql-fb", "postgres": "psql \\copy", "mariadb": "mariadb --batch", "dbf": "cat"}
print("| engine | firms | months | rows read | raw read | native dump | full sync | no-change sync | 1 % changed | 1 % of firms changed | fingerprint queries | peak RSS |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
missed = []
for r in rows:
    raw, full, nc, ch, rss = (float(r[k]) for k in ("raw", "full", "nochange", "changed", "rss"))
    e, firms = r["engine"], f"{r['engine']} {r['firms']}"
    fch = None if r["firmschanged"] == "-" else float(r["firmschanged"])
    firms_cell = "-" if fch is None else f"{fch:.1f} s ({fch / nc:.2f}x no-change)"
    fp_cell = "-" if r["fingerprint"] == "-" else f"{float(r['fingerprint']):.1f} s"
    print(f"| {e} | {int(r['firms']):,} | {r['months']} | {int(r['rows']):,} | {raw:.1f} s | {float(r['isql']):.1f} s ({native[e]}) "
          f"| {full:.1f} s ({full / raw:.1f}x raw) | {nc:.1f} s ({nc / raw:.2f}x raw, {100 * nc / full:.0f} % of full) "
          f"| {ch:.1f} s ({ch / nc:.2f}x no-change) | {firms_cell} | {fp_cell} | {rss:.0f} MB |")
    if full > 1.5 * raw: missed.append(f"{firms} firms: full sync {full / raw:.1f}x raw read > 1.5x")
    if nc > 1.1 * raw and nc > 0.05 * full: missed.append(f"{firms} firms: no-change sync {nc / raw:.2f}x raw read > 1.1x")
    if ch > 1.2 * nc: missed.append(f"{firms} firms: 1 % changed {ch / nc:.2f}x no-change > 1.2x")
    if fch is not None and fch > 1.2 * nc: missed.append(f"{firms} firms: 1 % of firms changed {fch / nc:.2f}x no-change > 1.2x")
    if rss > 256: missed.append(f"{firms} firms: peak RSS {rss:.0f} MB > 256 MB")
for e in dict.fromkeys(r["engine"] for r in rows):
    mine = [r for r in rows if r["engine"] == e]
    if len(mine) < 2: continue
    a, b = mine[0], mine[-1]
    per = lambda r: float(r["full"]) / int(r["firms"])
    growth = per(b) / per(a)
    rss_growth = float(b["rss"]) / float(a["rss"])
    print(f"\n{e}: time per firm: {1000 * per(a):.0f} ms at {a['firms']} firms, {1000 * per(b):.0f} ms at {b['firms']} ({growth:.2f}x); "
          f"peak RSS {rss_growth:.2f}x")
    if growth > 1.2: missed.append(f"{e}: time per firm grows {growth:.2f}x > 1.2x")
    if rss_growth > 1.2: missed.append(f"{e}: peak RSS grows {rss_growth:.2f}x > 1.2x")
print(f"\n(results in {sys.argv[1]})")
for m in missed: print("goal missed:", m)
sys.exit(1 if missed else 0)
PY
