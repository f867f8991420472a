#!/usr/bin/env bash
# The main job on a fresh Debian machine (as root): installs what the demo needs where it is
# missing (Firebird, PostgreSQL standing in for SQL Server, the SQLite ODBC driver standing in for
# Płatnik's Access database; idempotent), installs konektosync as /usr/local/bin/konektosync
# (scripts/install.sh), then runs it from PATH to write a sample office (Raks, Fakt, Ognik, Finka,
# Ramzes, Buchalter, Płatnik, and Optima, enova365, Insert nexo, Insert GT, WAPRO and Reset2 on the
# PostgreSQL stand-in), configure
# it, sync it into the local panel and print the panel's firm list. Each run writes into a new
# folder of its own and says where; an existing --folder or --data-dir is refused unless --force,
# and files the demo did not make are kept. KONEKTOSYNC_DEMO_SQL_STANDIN names another PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install.sh
export PATH="/usr/local/bin:$PATH"
if [ -z "${KONEKTOSYNC_DEMO_SQL_STANDIN:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export KONEKTOSYNC_DEMO_SQL_STANDIN="Host=127.0.0.1;Port=5432;Username=konekto;Password=konekto"
fi
konektosync demo "$@"
