#!/usr/bin/env bash
# The main job on a fresh Debian machine (as root): installs what the demo needs where it is
# missing (Firebird's client library and engine for embedded use; idempotent), then writes a
# sample office in Raks and Fakt, configures it, syncs it into the local panel and prints the
# panel's firm list. Each run writes into a new folder of its own and says where; an existing
# --folder or --data-dir is refused unless --force, and files the demo did not make are kept.
# When the PostgreSQL server of scripts/install-deps.sh answers on 127.0.0.1:5432, the demo also
# writes Optima, enova365, Insert nexo and Insert GT samples into it (standing in for SQL Server),
# given through KONEKTOSYNC_DEMO_SQL_STANDIN (set it yourself to use another server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --demo
if [ -z "${KONEKTOSYNC_DEMO_SQL_STANDIN:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export KONEKTOSYNC_DEMO_SQL_STANDIN="Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto"
fi
dotnet run --project Host -c Release -- demo "$@"
